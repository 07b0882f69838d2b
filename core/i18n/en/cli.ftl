# English messages of the dangjian command line (`--lang en` or an English locale).
# Keys match zh-CN/cli.ftl one to one.

about = Community party-building toolkit: set up a community, record the month's work, monthly reports and party statistics
help-usage = Usage:
help-commands = Commands
help-options = Options
help-arguments = Arguments
help-after = Start here: dangjian init --name NAME --roster roster.xlsx --as-of 2026-10-31 --out community.json; or look at the sample: dangjian report --sample. See docs/cli.md.

cmd-report = Monthly report (text, JSON or printable HTML; also Excel and CSV)
cmd-stats = Annual party statistics tables: members, development, gains and losses, organizations
cmd-init = Set up a community from a roster (branch and group columns) or a TOML/JSON list of organizations
cmd-template = Write the Excel template of a record sheet (activities, meetings, payments, service)
cmd-import = Import a filled record sheet; records are appended only if every cell is good
cmd-record = Record one entry (FIELD=VALUE, the field a template header or its short name, e.g. member=XF001)
arg-fields = FIELD=VALUE, e.g. member=XF001 month=2026-10 amount=16.50 date=2026-10-10
arg-record-data = Dataset to append the record to
arg-record-out = New dataset to write (default: overwrite --data)
cmd-sample = Write the bundled sample dataset (翔凤社区)
cmd-synth = Generate a synthetic community of any size
cmd-import-roster = Import a roster (CSV or XLSX) into an existing dataset
cmd-schema = Print the JSON Schema of the dataset format
cmd-help = Print help

arg-lang = Language of messages: zh (default) or en
arg-help = Print help
arg-version = Print version
arg-data = Dataset file (JSON or binary)
arg-sample = Use the bundled sample community (翔凤社区)
arg-month = Report month YYYY-MM (default: the latest complete month of the data)
arg-format = Output format: text (default), json or html
arg-out = Output file (standard output when absent)
arg-show-names = Show full names in the honour list and the points report (masked by default)
arg-xlsx = Also write an Excel workbook (a sheet per section, Chinese headers)
arg-html = Also write printable HTML (A4, page numbers)
arg-csv-dir = Also write every table as CSV (Chinese headers, UTF-8 with BOM)
arg-pseudonymize-key = Analysis export: pseudonymize member ids with this key, leave names out, suppress small counts
arg-min-count = Smallest count shown in an analysis export (default 5)
arg-year = Year of the statistics (default: the year of the last record)
arg-name = Community name, e.g. 翔凤社区
arg-roster = Roster file (.xlsx or .csv)
arg-orgs = List of organizations (.toml or .json)
arg-as-of = Roster date: members are registered on this day
arg-root-kind = Kind of the community's organization: general-branch (default), committee or branch
arg-yes = Create without asking
arg-dry-run = Only show what would be created
arg-kind = Record sheet: activities, meetings, payments, service
arg-file = The filled record sheet (.xlsx or .csv)
arg-import-data = Dataset to append the records to
arg-import-out = New dataset to write (default: overwrite --data)
arg-init-out = New dataset file (an existing file is not overwritten)
arg-import-roster-out = Dataset file to write
arg-import-roster-data = Dataset to import into (its organizations name the branches)
arg-template-out = Template file (standard output when absent, never a terminal)
arg-roster-positional = Roster file (.xlsx or .csv)
arg-members = People on the roster (default 1000)
arg-seed = Random seed (default 1)

error-line = error [{ $code }]: { $message }
usage-invalid-value = invalid value
usage-unknown-argument = unknown argument
usage-invalid-subcommand = no such command
usage-missing-argument = a required argument is missing
usage-conflict = arguments cannot be used together
usage-hint = try --help
usage-other = invalid command line

err-no-data = No data given. Name the community's dataset with --data FILE; to create one, run dangjian init --name NAME --roster roster.xlsx --as-of DATE --out community.json; to look at the sample, add --sample.
err-no-records = The dataset has no dated records to choose a report month from; give --month
err-bad-month = month `{ $month }` is not YYYY-MM
err-bad-year = year { $year } is not valid
err-dataset = dataset { $path } cannot be read
err-dataset-invalid = the dataset is invalid
err-dataset-write = the dataset cannot be written
err-report = the report cannot be built
err-roster = roster { $path } cannot be imported
err-roster-missing = the roster lacks the column `{ $column }`
err-orgs-file = organization list { $path } cannot be read
err-root-branch = the roster has { $count } branches, so the community's organization cannot be a branch; use --root-kind general-branch or committee
err-need-as-of = setting up from a roster needs --as-of DATE (members are registered on that day)
err-init-source = name the organizations to create with --roster or --orgs
err-need-yes = standard input is not a terminal, nothing to confirm with; check the plan above and run again with --yes
err-cancelled = cancelled; nothing written
err-out-exists = { $path } exists; init does not overwrite files
err-write-file = cannot write { $path }: { $reason }
err-read-file = cannot read { $path }: { $reason }
err-write-stdout = cannot write to standard output: { $reason }
err-output-too-large = the output has { $bytes } bytes, too much for a terminal; write it to a file with --out FILE
err-binary-to-terminal = an Excel file cannot go to a terminal; redirect it (> file.xlsx) or use --out file.xlsx
err-sheet-unreadable = the record sheet cannot be read: { $reason }
err-sheet-missing-column = sheet { $sheet } lacks the column `{ $column }` (write a template with dangjian template)
err-sheet-invalid = sheet { $sheet } has { $count } error(s); nothing imported

err-record-field = `{ $field }` is not FIELD=VALUE
err-record-unknown-field = no field `{ $field }`; the fields: { $fields }

cell-error = row { $row }, column `{ $column }`: { $reason }
cell-empty = must not be empty
cell-bad-date = `{ $value }` is not a date (e.g. 2026-10-12)
cell-bad-month = `{ $value }` is not a month (e.g. 2026-10)
cell-bad-number = `{ $value }` is not a number above 0 (at most three decimals)
cell-bad-money = `{ $value }` is not an amount (yuan, at most two decimals)
cell-bad-hours = `{ $value }` is not a number of hours above 0 and at most 24 (three decimals)
cell-bad-flag = `{ $value }` should be 是 or 否
cell-bad-meeting-kind = `{ $value }` is not a meeting kind (支部党员大会, 支部委员会会议, 党小组会, 党课, 主题党日, 组织生活会, 民主评议党员)
cell-unknown-member = no member has the id `{ $value }`
cell-unknown-org = no organization has the id `{ $value }`
cell-unknown-post = no post has the id `{ $value }`
cell-duplicate-id = the id `{ $value }` is already used
cell-reason-needed = an amount of 0 needs a reason

note-default-month = (no month given: reporting { $month }, the latest complete month of the data; last record { $last })
warn-before-founding = note: { $month } is before the community was founded ({ $founded }); the report has no data
warn-after-last = note: { $month } is after the last record ({ $last }); the month's data may not be entered yet
note-wrote = wrote { $path }
note-wrote-tables = wrote { $count } table(s) to { $path }
note-imported = imported { $count } record(s) of { $sheet } into { $path }
note-imported-members = imported { $count } member(s)

plan-title = Will set up the community "{ $name }":
plan-members = { $count } member(s)
plan-founded = founded { $date }
plan-total = { $orgs } organization(s), { $members } member(s) in all
plan-confirm = Create? [y/N] 
