# dangjian 命令行的中文消息（默认语言）。键与 en/cli.ftl 一一对应。

about = 社区党建工具：建立社区、录入每月工作、生成月度报告与党内统计
help-usage = 用法：
help-commands = 命令
help-options = 选项
help-arguments = 参数
help-after = 从这里开始：dangjian init --name 社区名 --roster 花名册.xlsx --as-of 2026-10-31 --out community.json；或先看示例：dangjian report --sample。详见 docs/cli.md。

cmd-report = 月度党建报告（文本、JSON 或可打印的 HTML；可另存 Excel 与 CSV）
cmd-stats = 党内统计年报表：党员基本情况、发展党员、党员增减、党组织数
cmd-init = 建立社区：从花名册（所在支部、党小组列）或组织清单（TOML/JSON）创建组织并登记党员
cmd-template = 写出记录表的 Excel 模板（积分记录、会议记录、党费收缴、服务记录）
cmd-import = 导入填好的记录表，全部无误才追加到数据集
cmd-record = 记一条记录（字段=值，字段名为模板的中文表头或英文简称，如 member=XF001）
arg-fields = 字段=值，如 member=XF001 month=2026-10 amount=16.50 date=2026-10-10
arg-record-data = 要追加记录的数据集
arg-record-out = 写入的新数据集（缺省为覆盖 --data）
cmd-sample = 写出内置示例数据集（翔凤社区）
cmd-synth = 生成任意规模的合成社区
cmd-import-roster = 把花名册（CSV 或 XLSX）导入已有数据集
cmd-schema = 输出数据集格式的 JSON Schema
cmd-help = 显示帮助

arg-lang = 消息语言：zh（默认）或 en
arg-help = 显示帮助
arg-version = 显示版本
arg-data = 数据集文件（JSON 或二进制）
arg-sample = 使用内置示例社区（翔凤社区）
arg-month = 报告月份 YYYY-MM（默认：数据覆盖的最近完整月份）
arg-format = 输出格式：text（默认）、json 或 html
arg-out = 输出文件（缺省为标准输出）
arg-show-names = 光荣在党50年名单及通报显示全名（默认遮蔽）
arg-xlsx = 另存为 Excel 工作簿（每个部分一张表，中文表头）
arg-html = 另存为可打印的 HTML（A4，含页码）
arg-csv-dir = 每张表另存为 CSV（中文表头，UTF-8 带 BOM）
arg-pseudonymize-key = 分析用导出：以此密钥对党员编号做假名化，去掉姓名，小数字抑制
arg-min-count = 分析用导出中显示的最小计数（默认 5）
arg-year = 统计年度（默认：数据最后一条记录所在年）
arg-name = 社区名称，如 翔凤社区
arg-roster = 花名册文件（.xlsx 或 .csv）
arg-orgs = 组织清单（.toml 或 .json）
arg-as-of = 花名册日期：党员于当日登记
arg-root-kind = 社区党组织类型：general-branch（党总支，默认）、committee（党委）或 branch（党支部）
arg-yes = 不询问，直接创建
arg-dry-run = 只显示将创建的内容
arg-kind = 记录表：activities（积分记录）、meetings（会议记录）、payments（党费收缴）、service（服务记录）
arg-file = 填好的记录表（.xlsx 或 .csv）
arg-import-data = 要追加记录的数据集
arg-import-out = 写入的新数据集（缺省为覆盖 --data）
arg-init-out = 新数据集文件（不覆盖已有文件）
arg-import-roster-out = 写入的新数据集文件
arg-import-roster-data = 要导入到的数据集（其组织确定支部）
arg-template-out = 模板文件（缺省为标准输出，不能是终端）
arg-roster-positional = 花名册文件（.xlsx 或 .csv）
arg-members = 花名册人数（默认 1000）
arg-seed = 随机种子（默认 1）

error-line = 错误 [{ $code }]：{ $message }
usage-invalid-value = 参数值无效
usage-unknown-argument = 无法识别的参数
usage-invalid-subcommand = 没有这个命令
usage-missing-argument = 缺少必需的参数
usage-conflict = 参数不能同时使用
usage-hint = 用 --help 查看命令与选项的说明
usage-other = 命令行参数有误

err-no-data = 没有指定数据。请用 --data 文件 指定社区数据集；还没有数据集时，先运行 dangjian init --name 社区名 --roster 花名册.xlsx --as-of 日期 --out community.json 建立；只想看看示例，请加 --sample。
err-no-records = 数据集中没有任何带日期的记录，无法确定报告月份；请用 --month 指定
err-bad-month = 月份 “{ $month }” 不是 YYYY-MM 格式
err-bad-year = 年度 { $year } 无效
err-dataset = 数据集 { $path } 无法读取
err-dataset-invalid = 数据集内容有误
err-dataset-write = 数据集无法写出
err-report = 报告无法生成
err-roster = 花名册 { $path } 无法导入
err-roster-missing = 花名册缺少 “{ $column }” 列
err-orgs-file = 组织清单 { $path } 无法读取
err-root-branch = 花名册中有 { $count } 个支部，社区党组织不能是党支部；请用 --root-kind general-branch 或 committee
err-need-as-of = 从花名册建立社区需要 --as-of 日期（党员于当日登记）
err-init-source = 请用 --roster 花名册 或 --orgs 组织清单 指定要创建的组织
err-need-yes = 标准输入不是终端，无法确认；检查上面的内容后加 --yes 重新运行
err-cancelled = 已取消，未写任何文件
err-out-exists = { $path } 已存在；init 不覆盖已有文件
err-write-file = 无法写入 { $path }：{ $reason }
err-read-file = 无法读取 { $path }：{ $reason }
err-write-stdout = 无法写到标准输出：{ $reason }
err-output-too-large = 输出有 { $bytes } 字节，不宜显示在终端；请用 --out 文件 写入文件
err-binary-to-terminal = Excel 文件不能输出到终端；请重定向（> 文件.xlsx）或用 --out 文件.xlsx
err-sheet-unreadable = 记录表无法读取：{ $reason }
err-sheet-missing-column = { $sheet }缺少 “{ $column }” 列（用 dangjian template 写出模板）
err-sheet-invalid = { $sheet }有 { $count } 处错误，未导入任何记录

err-record-field = “{ $field }” 不是 字段=值 的形式
err-record-unknown-field = 没有字段 “{ $field }”；可用的字段：{ $fields }

cell-error = 第 { $row } 行，“{ $column }” 列：{ $reason }
cell-empty = 不能为空
cell-bad-date = “{ $value }” 不是日期（如 2026-10-12）
cell-bad-month = “{ $value }” 不是月份（如 2026-10）
cell-bad-number = “{ $value }” 不是大于 0 的数（最多三位小数）
cell-bad-money = “{ $value }” 不是金额（元，最多两位小数）
cell-bad-hours = “{ $value }” 不是大于 0 且不超过 24 的小时数（最多三位小数）
cell-bad-flag = “{ $value }” 应为 是 或 否
cell-bad-meeting-kind = “{ $value }” 不是会议类型（支部党员大会、支部委员会会议、党小组会、党课、主题党日、组织生活会、民主评议党员）
cell-unknown-member = 没有编号为 “{ $value }” 的党员
cell-unknown-org = 没有编号为 “{ $value }” 的组织
cell-unknown-post = 没有编号为 “{ $value }” 的岗位
cell-duplicate-id = 编号 “{ $value }” 已被使用
cell-reason-needed = 金额为 0 时须填写未交原因

note-default-month = （未指定月份：报告 { $month }，即数据覆盖的最近完整月份；最后一条记录 { $last }）
warn-before-founding = 注意：{ $month } 早于社区成立（{ $founded }），报告中没有数据
warn-after-last = 注意：{ $month } 晚于最后一条记录（{ $last }），本月数据可能尚未录入
note-wrote = 已写入 { $path }
note-wrote-tables = 已写入 { $count } 张表到 { $path }
note-imported = 已导入 { $count } 条{ $sheet }，写入 { $path }
note-imported-members = 已导入 { $count } 名党员

plan-title = 将建立社区 “{ $name }”：
plan-members = 党员 { $count } 名
plan-founded = 成立于 { $date }
plan-total = 共 { $orgs } 个组织，{ $members } 名党员
plan-confirm = 确认创建？[y/N] 
