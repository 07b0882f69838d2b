"""What an analyst passes works (issue 21): periods and dates in every form, rosters from
DataFrames and from `to_csv`, one error code per row reason, `FileNotFoundError`."""

from __future__ import annotations

import datetime
import pathlib
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import dangjian

AS_OF = "2026-10-31"
ROSTER_HEADER = "姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,编号"
ROW = "赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1,R1"


# ---------------------------------------------------------------------------------------------
# Periods and dates
# ---------------------------------------------------------------------------------------------

OCTOBER = [
    "2026-10",
    datetime.date(2026, 10, 31),
    datetime.date(2026, 10, 1),
    datetime.datetime(2026, 10, 15, 13, 30),
    pd.Timestamp("2026-10-31"),
    pd.Period("2026-10", freq="M"),
    np.datetime64("2026-10-31"),
]


@pytest.mark.parametrize("period", OCTOBER, ids=lambda p: f"{type(p).__name__}:{p}")
def test_every_form_of_a_month_scores_the_same(scorer: dangjian.Scorer, period: Any) -> None:
    rules = dangjian.RuleSet.member_default()
    expected = scorer.score(rules, "2026-10").to_json()
    assert scorer.score(rules, period).to_json() == expected


def test_quarters_and_years(scorer: dangjian.Scorer) -> None:
    rules = dangjian.RuleSet.member_default()
    # A quarter reaches the core as 2026-Q4 (the monthly rule set then refuses it).
    with pytest.raises(dangjian.ScoringError, match="2026-Q4"):
        scorer.what_if(rules, dangjian.RuleSet.member_strict(), pd.Period("2026Q4", freq="Q"))
    # a quarter under a monthly rule set is score_year's (issue 21)
    assert type(scorer.score_year(rules, "2026-Q4")).__name__ == "AnnualSummary"
    book = dangjian.RuleBook([rules])
    assert book.for_period(pd.Period("2026", freq="Y")) is not None
    assert book.for_period("2026") is not None
    assert scorer.score_range(rules, pd.Timestamp("2026-09-30"), 2)[1].period == "2026-10"
    with pytest.raises(dangjian.ValidationError) as e:
        scorer.score(rules, pd.Period("2026-10-31", freq="D"))
    assert e.value.code == "bad_period" and e.value.field == "period"


@pytest.mark.parametrize("bad", ["2026-13", "Oct 2026", "2026Q4x", "", 2026, None, 3.5])
def test_a_bad_period_is_one_clear_message(scorer: dangjian.Scorer, bad: Any) -> None:
    with pytest.raises(dangjian.ValidationError) as e:
        scorer.score(dangjian.RuleSet.member_default(), bad)
    msg = str(e.value)
    assert e.value.code == "bad_period" and e.value.field == "period"
    assert "`period`：" in msg and "不是周期" in msg, msg
    assert "is not a period" not in msg, msg  # str(e) is Chinese only
    assert e.value.message_en.count("is not a period") == 1, e.value.message_en  # said once
    assert "2026-Q4" in msg


def test_a_bad_period_never_shows_an_id_number(scorer: dangjian.Scorer) -> None:
    with pytest.raises(dangjian.ValidationError) as e:
        scorer.score(dangjian.RuleSet.member_default(), "110101199003071234")
    assert "110101199003071234" not in str(e.value)


DATES = [
    "2026-10-31",
    "2026/10/31",
    "2026-10-31 00:00:00",
    datetime.date(2026, 10, 31),
    datetime.datetime(2026, 10, 31),
    pd.Timestamp("2026-10-31"),
    np.datetime64("2026-10-31"),
]


@pytest.mark.parametrize("date", DATES, ids=lambda d: f"{type(d).__name__}:{d}")
def test_every_form_of_a_date(reg: dangjian.Registry, date: Any) -> None:
    assert reg.headcount_on(date) == 158
    assert reg.flows("2025-11-01", date) == reg.flows("2025/11/01", "2026-10-31")


@pytest.mark.parametrize("bad", ["2026-10", "31.10.2026", "2026-02-30", 20261031.0, pd.Timestamp("2026-10-31 08:00")])
def test_a_bad_date(reg: dangjian.Registry, bad: Any) -> None:
    with pytest.raises(dangjian.ValidationError) as e:
        reg.headcount_on(bad)
    assert e.value.code == "bad_date" and e.value.field == "date"
    assert str(e.value).startswith("`date`：") and "不是日期" in str(e.value)


def test_compliance_months_in_every_form(sample: dangjian.Dataset) -> None:
    c = sample.compliance()
    want = c.arrears("2025-01", "2026-09", as_of=AS_OF).to_pandas()
    got = c.arrears(pd.Period("2025-01", freq="M"), datetime.date(2026, 9, 30), as_of=pd.Timestamp(AS_OF))
    pd.testing.assert_frame_equal(got.to_pandas(), want)
    # A quarter or a year starts a range at its first month and ends it at its last.
    a = c.meetings("2026", "2026-Q3", as_of=AS_OF).to_pandas()
    b = c.meetings("2026-01", "2026-09", as_of=AS_OF).to_pandas()
    pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("month", ["2026-10", datetime.date(2026, 10, 31), pd.Period("2026-10", freq="M"), pd.Timestamp("2026-10-01")])
def test_membership_report_takes_a_period(sample: dangjian.Dataset, month: Any) -> None:
    text = sample.membership_report(month)
    assert text == sample.membership_report(2026, 10)
    assert sample.monthly_report(month) == sample.monthly_report(2026, 10)


def test_membership_report_needs_a_month(sample: dangjian.Dataset) -> None:
    with pytest.raises(dangjian.ValidationError) as e:
        sample.membership_report("2026-Q4")
    assert e.value.code == "bad_month" and "需要一个月份" in str(e.value)


# ---------------------------------------------------------------------------------------------
# Rosters from DataFrames, and back from `to_csv`
# ---------------------------------------------------------------------------------------------


def roster_frame() -> pd.DataFrame:
    df = pd.DataFrame([ROW.split(",")], columns=ROSTER_HEADER.split(","))
    for col in ("出生日期", "入党时间", "转正时间"):
        df[col] = pd.to_datetime(df[col])  # datetime64[ns], as read_excel/read_csv(parse_dates) give
    return df


@pytest.mark.parametrize("kind", ["pandas", "polars", "pyarrow", "to_csv"])
def test_with_roster_from_a_dataframe(sample: dangjian.Dataset, kind: str, tmp_path: pathlib.Path) -> None:
    df = roster_frame()
    want = sample.with_roster(f"{ROSTER_HEADER}\n{ROW}\n".encode(), as_of=AS_OF, entry="transferred_in")
    src: Any
    if kind == "pandas":
        src = df
    elif kind == "polars":
        src = pl.from_pandas(df)
    elif kind == "pyarrow":
        src = pa.Table.from_pandas(df, preserve_index=False)
    else:
        # A DataFrame written by `to_csv` whose dates carry a midnight time (as pandas writes
        # an object column of Timestamps, or `read_excel` dates): `1990-01-02 00:00:00` cells
        # read back as the dates.
        path = tmp_path / "roster.csv"
        df.astype({c: object for c in ("出生日期", "入党时间", "转正时间")}).to_csv(path, index=False)
        assert "1990-01-02 00:00:00" in path.read_text(encoding="utf-8")
        src = path
    ds = sample.with_roster(src, as_of=AS_OF, entry="transferred_in")
    assert ds.to_json() == want.to_json()
    reg = sample.registry().copy()
    assert reg.import_roster(src, as_of=AS_OF, entry="transferred_in") == {"events": 1, "members": 1}


def test_a_roster_of_another_type_is_a_type_error(sample: dangjian.Dataset) -> None:
    with pytest.raises(TypeError, match="花名册"):
        sample.with_roster(42, as_of=AS_OF)


def test_row_errors_keep_their_own_codes(reg: dangjian.Registry) -> None:
    bad = f"{ROSTER_HEADER}\n赵六,?,1990-02-30,汉族,本科,2015-06-01,,B9,R1\n"
    with pytest.raises(dangjian.RosterError) as e:
        reg.copy().import_roster(bad.encode(), as_of=AS_OF, entry="transferred_in")
    assert e.value.code == "invalid_rows"  # the kind of error: rows of the roster
    rows = e.value.rows
    assert rows == [{k: v for k, v in r.items()} for r in e.value.errors()]
    codes = {r["field"]: r["code"] for r in rows}
    assert codes["出生日期"] == "bad_date"
    assert codes["所在支部"] == "unknown_branch"
    assert len(set(codes.values())) == len(codes), codes  # one code per reason
    assert "invalid_rows" not in codes.values()


def test_a_missing_file_is_file_not_found(reg: dangjian.Registry, tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "nope.csv"
    for call in (
        lambda: reg.copy().import_roster(missing, as_of=AS_OF),
        lambda: dangjian.Dataset.load(str(missing)),
        lambda: dangjian.RuleSet.load(str(missing)),
    ):
        with pytest.raises(FileNotFoundError) as e:
            call()
        assert isinstance(e.value, dangjian.Error)
        assert e.value.code == "file_not_found"
        assert e.value.filename == str(missing)
        assert str(e.value).startswith("文件不存在")


def test_add_members_from_dataframe_records() -> None:
    reg = dangjian.Registry.sample_small()
    df = pd.DataFrame(
        {
            "id": ["N1"],
            "name": ["新人"],
            "gender": ["female"],
            "birth_date": pd.to_datetime(["1958-04-02"]),  # Timestamp('1958-04-02 00:00:00')
        }
    )
    reg.add_members(df.to_dict("records"))  # type: ignore[arg-type]
    assert len(reg) == 5
    with pytest.raises(dangjian.ValidationError):
        dangjian.Registry.sample_small().add_members(
            df.assign(birth_date=pd.to_datetime(["1958-04-02 08:30"])).to_dict("records")  # type: ignore[arg-type]
        )
