"""Writes tests/rosters/花名册-xls.xls, the Excel 97-2003 fixture of core/tests/rosters.rs.

No Rust crate writes BIFF8, so this one fixture is made with xlwt (1.3.0):
    pip download xlwt==1.3.0 --no-deps -d /tmp/xlwt
    PYTHONPATH=/tmp/xlwt/xlwt-1.3.0-py2.py3-none-any.whl python3 tests/rosters/make_xls.py
The workbook: a hidden first sheet (说明), then the roster sheet 花名册 with a merged title row,
aliased headers with spaces, real Excel dates, a month-only 出生年月 and General serial numbers.
"""
import datetime
import pathlib

import xlwt

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def id_number(birth: str, seq: str) -> str:
    first17 = "422827" + birth.replace("-", "") + seq
    total = sum(int(c) * w for c, w in zip(first17, WEIGHTS))
    return first17 + CHECK[total % 11]


wb = xlwt.Workbook(encoding="utf-8")
note = wb.add_sheet("说明")
note.write(0, 0, "本表由社区党总支填报")
note.visibility = 1  # hidden
ws = wb.add_sheet("花名册")
ws.write_merge(0, 0, 0, 10, "翔凤社区第一党支部党员花名册")
headers = ["序号", "姓 名", "性别", "出生年月", "民族", "学历", "入党日期", "转正日期",
           "所在党支部", "党员类别", "公民身份号码", "编号"]
for c, h in enumerate(headers):
    ws.write(1, c, h)
date = xlwt.easyxf(num_format_str="yyyy-mm-dd")
rows = [
    ["1", "覃国华", "男", "1958.04", "土家族", "高中", datetime.date(1985, 7, 1),
     datetime.date(1986, 7, 1), "第一党支部", "退休", id_number("1958-04-16", "031"), "XLS01"],
    ["2", "向春梅", "女", datetime.date(1979, 11, 2), "土家族", "大专", 38899.0, 39264.0,
     "第一党支部", "无业", id_number("1979-11-02", "042"), "XLS02"],
]
for r, row in enumerate(rows, start=2):
    for c, v in enumerate(row):
        if isinstance(v, datetime.date):
            ws.write(r, c, v, date)
        else:
            ws.write(r, c, v)
wb.set_active_sheet(1)
out = pathlib.Path(__file__).with_name("花名册-xls.xls")
wb.save(str(out))
print(out)
