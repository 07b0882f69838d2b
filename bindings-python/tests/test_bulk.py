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
    with pytest.raises(dangjian.ScoringError) as e:
        dangjian.score_events(rs, "2022-01", ev, float_quantity=True)
    assert "more than three decimals" in e.value.message_en  # str(e): Chinese


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


POINT_COLUMNS = ["total", "basic", "reward", "deduction", "veto"]
SAME_COLUMNS = ["period", "subject", "org", "grade", "grade_index", "stars", "vetoed", "demoted",
                "rank_in_org", "rank_overall"]


def test_points_in_thousandths_are_the_decimal_points_times_1000(sample: Dataset) -> None:
    _, events, subjects = month_inputs(sample)
    rs = RuleSet.member_default()
    dec = pa.table(dangjian.score_events(rs, "2026-10", events, subjects=subjects))
    thou = pa.table(dangjian.score_events(rs, "2026-10", events, subjects=subjects, points="thousandths"))
    assert thou.column_names == dec.column_names
    for c in POINT_COLUMNS:
        assert thou.schema.field(c).type == pa.int64()
        assert thou[c].to_pylist() == [int(x * 1000) for x in dec[c].to_pylist()]
    assert thou.select(SAME_COLUMNS).equals(dec.select(SAME_COLUMNS))
    # A hand-checked row: 60 base points, no event in the month → 60000 thousandths.
    ev = pa.table({"subject": ["a", "b"], "item": ["meeting", "service_hour"],
                   "date": pa.array([19000, 19001], pa.int32()),
                   "quantity": pa.array([1000, 2500], pa.int64())})
    t = pa.table(dangjian.score_events(rs, "2022-01", ev, points="thousandths"))
    assert t["total"].to_pylist() == [62_000, 62_500]  # 60 + 2 (meeting); 60 + 2.5 hours × 1


def test_several_periods_in_thousandths() -> None:
    ev = pa.table({"subject": ["a", "a", "b"], "item": ["meeting", "meeting", "meeting"],
                   "date": pa.array([datetime.date(2022, 1, 5), datetime.date(2022, 2, 5),
                                     datetime.date(2022, 2, 6)], pa.date32())})
    t = pa.table(dangjian.score_events(RuleSet.member_default(), "2022-01", ev, count=2, points="thousandths"))
    # Every subject has a row in every period; b has no event in January: the base, 60 points.
    assert t["period"].to_pylist() == ["2022-01", "2022-01", "2022-02", "2022-02"]
    assert t["subject"].to_pylist() == ["a", "b", "a", "b"]
    assert t["total"].to_pylist() == [62_000, 60_000, 62_000, 62_000]


def test_without_categories_only_the_category_columns_go(sample: Dataset) -> None:
    _, events, subjects = month_inputs(sample)
    rs = RuleSet.member_default()
    full = pa.table(dangjian.score_events(rs, "2026-10", events, subjects=subjects))
    for points in ("decimal", "thousandths"):
        lean = pa.table(dangjian.score_events(rs, "2026-10", events, subjects=subjects, categories=False,
                                              points=points))
        assert lean.column_names == [c for c in full.column_names if c not in POINT_COLUMNS[1:]]
        assert lean.select(SAME_COLUMNS).equals(full.select(SAME_COLUMNS))
        want = full["total"].to_pylist()
        assert lean["total"].to_pylist() == (want if points == "decimal" else [int(x * 1000) for x in want])


def test_unknown_points_option_is_a_value_error() -> None:
    ev = pa.table({"subject": [0], "item": [0], "date": pa.array([19000], pa.int32())})
    with pytest.raises(ValueError, match="thousandths"):
        dangjian.score_events(RuleSet.member_default(), "2022-01", ev, points="float")  # type: ignore[arg-type]


def integer_inputs(sample: Dataset, ids: list[int]) -> tuple[pa.Table, pa.Table, pa.Table]:
    """The sample month with subject ids replaced by ``ids`` (in the subjects table's order) and
    organizations by integer codes; also the string-keyed result to compare with."""
    _, events, subjects = month_inputs(sample)
    expect = pa.table(dangjian.score_events(RuleSet.member_default(), "2026-10", events, subjects=subjects))
    names = subjects["subject"].to_pylist()
    code = dict(zip(names, ids))
    orgs = sorted(set(subjects["group"].to_pylist()))
    org_code = {o: 100 + 7 * i for i, o in enumerate(orgs)}
    ev = events.set_column(0, "subject", pa.array([code[s] for s in events["subject"].to_pylist()], pa.uint32()))
    sub = pa.table({"subject": pa.array(ids, pa.int64()),
                    "group": pa.array([org_code[g] for g in subjects["group"].to_pylist()], pa.int32())})
    return ev, sub, expect


@pytest.mark.parametrize("kind", ["identity", "compact", "sparse"])
def test_integer_subjects_and_groups_equal_string_ids(sample: Dataset, kind: str) -> None:
    n = 158
    ids = {"identity": list(range(n)),
           "compact": [1000 + 3 * ((i * 37) % n) for i in range(n)],  # shuffled, dense lookup
           "sparse": [4_000_000_000 - 25_000_000 * i for i in range(n)]}[kind]  # hash lookup
    ev, sub, expect = integer_inputs(sample, ids)
    got = pa.table(dangjian.score_events(RuleSet.member_default(), "2026-10", ev, subjects=sub,
                                         points="thousandths"))
    assert got.schema.field("subject").type == pa.uint32()
    assert got.schema.field("org").type == pa.uint32()
    assert got["subject"].to_pylist() == ids
    orgs = sorted(set(expect["org"].cast(pa.string()).to_pylist()))
    assert got["org"].to_pylist() == [100 + 7 * orgs.index(o) for o in expect["org"].cast(pa.string()).to_pylist()]
    assert got["total"].to_pylist() == [int(x * 1000) for x in expect["total"].to_pylist()]
    for c in ["grade", "stars", "rank_in_org", "rank_overall", "demoted", "vetoed"]:
        assert got[c].to_pylist() == expect[c].to_pylist(), c


def test_dictionary_encoded_subjects_equal_plain(sample: Dataset) -> None:
    _, events, subjects = month_inputs(sample)
    rs = RuleSet.member_default()
    plain = pa.table(dangjian.score_events(rs, "2026-10", events, subjects=subjects))
    dict_ev = events.set_column(0, "subject", pc.dictionary_encode(events["subject"]))
    dict_sub = subjects.set_column(0, "subject", pc.dictionary_encode(subjects["subject"]))
    dict_sub = dict_sub.set_column(1, "group", pc.dictionary_encode(dict_sub["group"]))
    got = pa.table(dangjian.score_events(rs, "2026-10", dict_ev, subjects=dict_sub))
    assert got.equals(plain)
    # Integer codes, dictionary-encoded (e.g. a pandas categorical of ints): decoded first.
    ev = pa.table({"subject": pa.array([2, 0, 2], pa.uint32()), "item": ["meeting"] * 3,
                   "date": pa.array([19000, 19001, 19002], pa.int32())})
    want = pa.table(dangjian.score_events(rs, "2022-01", ev))
    enc = ev.set_column(0, "subject", pc.dictionary_encode(ev["subject"]))
    assert pa.table(dangjian.score_events(rs, "2022-01", enc)).equals(want)


def test_integer_subject_errors(sample: Dataset) -> None:
    rs = RuleSet.member_default()
    ev = pa.table({"subject": pa.array([5, 9], pa.uint32()), "item": ["meeting", "meeting"],
                   "date": pa.array([19000, 19001], pa.int32())})
    for ids in ([5, 6], [0], [5, 4_000_000_000]):  # dense lookup, identity, hash lookup
        with pytest.raises(dangjian.ScoringError) as e:
            dangjian.score_events(rs, "2022-01", ev, subjects=pa.table({"subject": ids}))
        assert e.value.code == "bad_column" and e.value.field == "subject"
        assert e.value.position == (0 if ids == [0] else 1)
    for ids in ([5, 9, 5], [5, 4_000_000_000, 5]):
        with pytest.raises(dangjian.ScoringError) as e:
            dangjian.score_events(rs, "2022-01", ev, subjects=pa.table({"subject": ids}))
        assert "repeats" in e.value.message_en and e.value.position == 2
    text = pa.table({"subject": ["a"], "item": ["meeting"], "date": pa.array([19000], pa.int32())})
    with pytest.raises(dangjian.ScoringError) as e:
        dangjian.score_events(rs, "2022-01", text, subjects=pa.table({"subject": [0]}))
    assert "must be integers" in e.value.message_en
