"""Bulk scoring from Arrow / pandas / polars tables equals the typed API."""

from __future__ import annotations

import datetime
import decimal

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pytest

import dangjian
from dangjian import Dataset, RuleSet, Scorer


def month_inputs(sample: Dataset, period: str = "2026-10") -> tuple[pa.Table, pa.Table, pa.Table]:
    """Typed scores, the month's events (without reversed pairs) and the subjects table."""
    typed = pa.table(Scorer(sample).score(RuleSet.member_default(), period))
    acts = pa.table(sample.activities())
    start = datetime.date(2026, 10, 1)
    end = datetime.date(2026, 10, 31)
    reversed_ids = set(acts["reverses"].drop_null().to_pylist())
    keep = pc.and_(
        pc.and_(pc.greater_equal(acts["date"], start), pc.less_equal(acts["date"], end)),
        pc.and_(pc.is_null(acts["reverses"]), pc.invert(pc.is_in(acts["id"], pa.array(list(reversed_ids), pa.string())))),
    )
    members = pc.is_in(acts["subject"], typed["subject"])
    events = acts.filter(pc.and_(keep, members)).select(["subject", "item", "date", "quantity"])
    subjects = typed.select(["subject", "org"]).rename_columns(["subject", "group"])
    return typed, events, subjects


def test_bulk_equals_typed_on_the_sample(sample: Dataset) -> None:
    typed, events, subjects = month_inputs(sample)
    out = pa.table(dangjian.score_events(RuleSet.member_default(), "2026-10", events, subjects=subjects))
    cols = ["subject", "total", "basic", "reward", "deduction", "veto", "grade", "stars", "rank_in_org", "rank_overall"]
    # Period, org and grade are dictionary-encoded (int32 keys); decoded they are the typed strings.
    for c in ["period", "org", "grade"]:
        assert out.schema.field(c).type == pa.dictionary(pa.int32(), pa.string())
    plain = [c for c in cols if c != "grade"]
    assert out.select(plain).equals(typed.select(plain))
    assert out["grade"].cast(pa.string()).to_pylist() == typed["grade"].to_pylist()
    assert out["org"].cast(pa.string()).to_pylist() == typed["org"].to_pylist()
    assert set(out["period"].to_pylist()) == {"2026-10"}


def test_bulk_accepts_pandas_and_polars(sample: Dataset) -> None:
    typed, events, subjects = month_inputs(sample)
    expect = pa.table(dangjian.score_events(RuleSet.member_default(), "2026-10", events, subjects=subjects))
    for ev, sub in [
        (events.to_pandas(), subjects.to_pandas()),
        (pl.from_arrow(events), pl.from_arrow(subjects)),
    ]:
        got = pa.table(dangjian.score_events(RuleSet.member_default(), "2026-10", ev, subjects=sub))
        assert got["total"].to_pylist() == expect["total"].to_pylist()


def test_float_quantities_only_on_request() -> None:
    rs = RuleSet.member_default()
    ev = pd.DataFrame({"subject": ["a", "a"], "item": ["service_hour", "service_hour"],
                       "date": [19000, 19001], "quantity": [1.5, 2.25]})
    with pytest.raises(dangjian.ScoringError) as e:
        dangjian.score_events(rs, "2022-01", ev)
    assert e.value.field == "quantity"
    t = pa.table(dangjian.score_events(rs, "2022-01", ev, float_quantity=True))
    assert str(t["total"][0].as_py()) == "63.750"  # 60 + 3.75 hours × 1
    ev["quantity"] = [1.5, 0.0001]
    with pytest.raises(dangjian.ScoringError, match="more than three decimals"):
        dangjian.score_events(rs, "2022-01", ev, float_quantity=True)


def test_decimal_quantities_are_exact() -> None:
    rs = RuleSet.member_default()
    ev = pa.table({"subject": ["a"], "item": ["service_hour"], "date": pa.array([19000], pa.int32()),
                   "quantity": pa.array([decimal.Decimal("1.5")], pa.decimal128(9, 1))})
    t = pa.table(dangjian.score_events(rs, "2022-01", ev))
    assert str(t["total"][0].as_py()) == "61.500"


def test_several_periods_in_one_call() -> None:
    rs = RuleSet.member_default()
    ev = pa.table({"subject": ["a", "a"], "item": ["meeting", "meeting"],
                   "date": pa.array([datetime.date(2022, 1, 5), datetime.date(2022, 2, 5)], pa.date32())})
    t = pa.table(dangjian.score_events(rs, "2022-01", ev, count=2))
    assert t["period"].to_pylist() == ["2022-01", "2022-02"]
    assert [str(x) for x in t["total"].to_pylist()] == ["62.000", "62.000"]
