"""CSV and Excel exports of every `dangjian.Table`: the core writes them (the same formats as
`dangjian report --csv-dir/--xlsx`), whether the table came from the core's statistics (with
its Chinese headers and suppression markers) or was built by the binding (scores, what-if,
explanations: headers from the core's vocabulary)."""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import pathlib
import re
import zipfile

import pyarrow as pa
import pytest

import dangjian
from dangjian import Dataset, Privacy, Registry

AS_OF = datetime.date(2026, 10, 31)


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def test_core_table_csv_has_chinese_headers_bom_and_the_same_values(reg: Registry) -> None:
    t = reg.membership(AS_OF)
    text = t.to_csv()
    assert text is not None and text.startswith("\ufeff")
    rows = rows_of(text)
    schema = pa.table(t).schema
    assert rows[0] == [f.metadata[b"label_zh"].decode() for f in schema]
    assert len(rows) == t.num_rows + 1
    members = pa.table(t)["headcount"].to_pylist()
    col = [f.name for f in schema].index("headcount")
    assert [int(r[col]) for r in rows[1:]] == members


def test_english_headers_and_no_bom(reg: Registry) -> None:
    t = reg.membership(AS_OF)
    text = t.to_csv(header="en", bom=False)
    assert text is not None and not text.startswith("\ufeff")
    assert rows_of(text)[0] == t.column_names


def test_suppressed_cells_are_marked_not_blank(reg: Registry) -> None:
    t = reg.membership(AS_OF, privacy=Privacy(min_count=3))
    nulls = pa.table(t)["lost_contact"].null_count
    assert nulls > 0
    rows = rows_of(t.to_csv(header="en") or "")
    col = rows[0].index("lost_contact")
    assert sum(r[col] == "*" for r in rows[1:]) == nulls


def test_binding_built_score_table_csv_is_exact(scores: dangjian.ScoreTable) -> None:
    t = scores.table
    rows = rows_of(t.to_csv() or "")
    header = rows[0]
    assert header[:4] == ["考核期", "考核对象", "组织编号", "总分"]
    assert "组织内排名" in header and "等次" in header
    arrow = pa.table(t)
    total = header.index("总分")
    assert [decimal.Decimal(r[total]) for r in rows[1:]] == arrow["total"].to_pylist()
    rank = header.index("组织内排名")
    assert [int(r[rank]) for r in rows[1:]] == arrow["rank_in_org"].to_pylist()
    grade = header.index("等次")
    assert [r[grade] for r in rows[1:]] == arrow["grade"].to_pylist()


def test_to_csv_with_a_path_writes_the_same_text(reg: Registry, tmp_path: pathlib.Path) -> None:
    t = reg.membership(AS_OF)
    p = tmp_path / "membership.csv"
    assert t.to_csv(p) is None
    assert p.read_text(encoding="utf-8") == t.to_csv()


def sheet_texts(path: pathlib.Path) -> tuple[list[str], list[str]]:
    """(shared strings, sheet XML files) of a workbook."""
    with zipfile.ZipFile(path) as z:
        shared = re.findall(r"<t[^>]*>([^<]*)</t>", z.read("xl/sharedStrings.xml").decode())
        sheets = [z.read(n).decode() for n in sorted(z.namelist()) if n.startswith("xl/worksheets/sheet")]
    return shared, sheets


def test_write_xlsx_puts_each_table_on_its_own_sheet(
    reg: Registry, scores: dangjian.ScoreTable, tmp_path: pathlib.Path
) -> None:
    p = tmp_path / "report.xlsx"
    dangjian.write_xlsx(p, [reg.membership(AS_OF), scores.table])
    shared, sheets = sheet_texts(p)
    assert len(sheets) == 2
    assert "总分" in shared and "组织内排名" in shared
    # The score sheet holds every member's total as a number.
    totals = [float(x) for x in pa.table(scores.table)["total"].to_pylist()]
    values = [float(v) for v in re.findall(r"<v>([^<]*)</v>", sheets[1])]
    for x in totals[:10]:
        assert x in values


def test_table_to_xlsx_writes_one_sheet(reg: Registry, tmp_path: pathlib.Path) -> None:
    p = tmp_path / "one.xlsx"
    reg.membership(AS_OF).to_xlsx(p, header="en")
    shared, sheets = sheet_texts(p)
    assert len(sheets) == 1 and "headcount" in shared


def test_bad_header_is_a_value_error(reg: Registry, tmp_path: pathlib.Path) -> None:
    t = reg.membership(AS_OF)
    with pytest.raises(ValueError, match="header"):
        t.to_csv(header="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="header"):
        dangjian.write_xlsx(tmp_path / "x.xlsx", [t], header="fr")  # type: ignore[arg-type]
    assert not (tmp_path / "x.xlsx").exists()


def test_unwritable_path_is_an_os_error(reg: Registry, tmp_path: pathlib.Path) -> None:
    with pytest.raises(OSError, match="无法写入文件") as e:
        reg.membership(AS_OF).to_csv(tmp_path / "no-such-dir" / "m.csv")
    assert "所在的文件夹不存在" in str(e.value)
    assert "cannot write" in e.value.message_en  # type: ignore[attr-defined]
