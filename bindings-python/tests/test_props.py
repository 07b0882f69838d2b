"""Hypothesis properties mirroring the core's scoring invariants, through the Python API."""

from __future__ import annotations

import datetime
import json
import os
from decimal import Decimal
from typing import Any

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

import dangjian
from conftest import act, small_with
from dangjian import RuleSet

RULES = RuleSet.member_default()
DOC = json.loads(RULES.to_json())
ITEMS = [i for i in RULES.items if i != "report_in"]  # report_in is for in-service members
MAY = datetime.date(2024, 5, 1)
EPOCH = datetime.date(1970, 1, 1)
SUBJECTS = [f"S{i:02}" for i in range(12)]
GROUPS = {s: ("B1" if i % 3 else "B2") for i, s in enumerate(SUBJECTS)}
PROFILE = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")), deadline=None)

event = st.tuples(
    st.sampled_from(SUBJECTS),
    st.sampled_from(ITEMS),
    st.integers(0, 30),
    st.integers(1, 5000),  # quantity in thousandths
)
events = st.lists(event, max_size=80)


def table(evs: list[tuple[str, str, int, int]]) -> pa.Table:
    return pa.table({
        "subject": pa.array([e[0] for e in evs], pa.string()),
        "item": pa.array([e[1] for e in evs], pa.string()),
        "date": pa.array([MAY + datetime.timedelta(days=e[2]) for e in evs], pa.date32()),
        "quantity": pa.array([e[3] for e in evs], pa.int64()),
    })


SUBJECT_TABLE = pa.table({"subject": SUBJECTS, "group": [GROUPS[s] for s in SUBJECTS]})


def bulk(evs: list[tuple[str, str, int, int]]) -> pa.Table:
    return pa.table(dangjian.score_events(RULES, "2024-05", table(evs), subjects=SUBJECT_TABLE))


@PROFILE
@given(events, st.randoms(use_true_random=False))
def test_event_order_does_not_matter(evs: list[tuple[str, str, int, int]], rnd: Any) -> None:
    shuffled = list(evs)
    rnd.shuffle(shuffled)
    assert bulk(evs).equals(bulk(shuffled))


@PROFILE
@given(events)
def test_totals_within_floor_and_ceiling(evs: list[tuple[str, str, int, int]]) -> None:
    t = bulk(evs)
    floor = Decimal(str(DOC.get("floor", 0)))
    ceiling = DOC.get("ceiling")
    for total in t["total"].to_pylist():
        assert total >= floor
        if ceiling is not None:
            assert total <= Decimal(str(ceiling))


@PROFILE
@given(events)
def test_top_grade_quota_holds_in_every_organization(evs: list[tuple[str, str, int, int]]) -> None:
    t = bulk(evs)
    percent = Decimal(str(DOC["top_quota"]["percent"]))
    sizes: dict[str, list[int]] = {}
    for org, g in zip(t["org"].to_pylist(), t["grade_index"].to_pylist()):
        counts = sizes.setdefault(org, [0, 0])
        counts[0] += 1
        counts[1] += g == 0
    for org, (rows, top) in sizes.items():
        assert top * 100 <= rows * percent, (org, top, rows)


@PROFILE
@given(events)
def test_ranks_consistent_with_totals(evs: list[tuple[str, str, int, int]]) -> None:
    t = bulk(evs)
    totals = t["total"].to_pylist()
    ranks = t["rank_overall"].to_pylist()
    for a, ta in enumerate(totals):
        assert ranks[a] == 1 + sum(tb > ta for tb in totals)


@PROFILE
@given(events)
def test_bulk_int_codes_equal_string_ids(evs: list[tuple[str, str, int, int]]) -> None:
    # Dictionary-encoded, integer-coded and plain-string inputs score the same.
    t = table(evs)
    codes = pa.table({
        "subject": pa.array([SUBJECTS.index(e[0]) for e in evs], pa.int32()),
        "item": pa.array([RULES.items.index(e[1]) for e in evs], pa.int16()),
        "date": pa.array([(MAY - EPOCH).days + e[2] for e in evs], pa.int32()),
        "quantity": t["quantity"],
    })
    by_code = pa.table(dangjian.score_events(RULES, "2024-05", codes))
    by_id = pa.table(dangjian.score_events(RULES, "2024-05", t))
    dict_t = t.set_column(0, "subject", pa.compute.dictionary_encode(t["subject"]))
    by_dict = pa.table(dangjian.score_events(RULES, "2024-05", dict_t))
    assert by_id.equals(by_dict)
    # Codes name every subject 0..max; the ids only those with events.
    present = sorted({e[0] for e in evs})
    rows = {SUBJECTS[c]: tot for c, tot in zip(by_code["subject"].to_pylist(), by_code["total"].to_pylist())}
    assert [rows[s] for s in present] == by_id["total"].to_pylist()


small_event = st.tuples(
    st.sampled_from(["M1", "M3", "M4"]),
    st.sampled_from(ITEMS),
    st.integers(0, 30),
    st.integers(1, 5),
)


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")) // 3 + 1, deadline=None)
@given(st.lists(small_event, max_size=15), small_event)
def test_reversal_cancels(evs: list[tuple[str, str, int, int]], extra: tuple[str, str, int, int]) -> None:
    def acts(rows: list[tuple[str, str, int, int]]) -> list[dict[str, Any]]:
        return [act(f"a{i}", s, it, str(MAY + datetime.timedelta(days=d)), str(q))
                for i, (s, it, d, q) in enumerate(rows)]

    base = acts(evs)
    s, it, d, q = extra
    day = str(MAY + datetime.timedelta(days=d))
    with_pair = base + [act("x", s, it, day, str(q)), act("x-rev", s, it, day, str(q), reverses="x")]
    a = dangjian.Scorer(small_with(base)).score(RULES, "2024-05")
    b = dangjian.Scorer(small_with(with_pair)).score(RULES, "2024-05")
    assert a.to_json() == b.to_json()
