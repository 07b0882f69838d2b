"""Scoped views (issue 9): a view of one organization's subtree cannot read, count or export
members outside it. Hypothesis draws random scopes, dates and people of the sample community
and checks every query of `RegistryScope` against the whole registry's answers."""

from __future__ import annotations

import datetime
import os

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dangjian

PROFILE = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")), deadline=None)

DS = dangjian.Dataset.sample()
REG = DS.registry()
ORGS = pa.table(DS.orgs()).to_pylist()
PARENT = {o["id"]: o["parent"] for o in ORGS}
PEOPLE = pa.table(REG.export_roster("2026-10-31"))["id"].to_pylist()
FIRST, LAST = datetime.date(2022, 11, 1), datetime.date(2026, 10, 31)


def subtree(root: str) -> set[str]:
    """Ids of `root` and every organization below it (from the parent column)."""
    out = {root}
    changed = True
    while changed:
        changed = False
        for o, p in PARENT.items():
            if p in out and o not in out:
                out.add(o)
                changed = True
    return out


dates = st.integers(0, (LAST - FIRST).days).map(lambda d: FIRST + datetime.timedelta(days=d))
orgs = st.sampled_from(sorted(PARENT))
# Scopes rooted at a 党小组 see the members of the group (issue 23): their oracle is the
# group column of the states, checked in core/tests/scope_groups.rs; these properties read the
# branch column and draw branch-or-above roots.
branch_orgs = st.sampled_from([o["id"] for o in ORGS if o["kind"] != "group"])


@PROFILE
@given(org=branch_orgs, date=dates)
def test_scope_counts_only_its_subtree(org: str, date: datetime.date) -> None:
    s = REG.scope(org)
    inside = subtree(org)
    assert set(s.orgs()) == inside
    flat = pa.table(REG.counts_on(date, rolled_up=False)).to_pylist()
    assert s.headcount_on(date) == sum(r["members"] for r in flat if r["org"] in inside)
    rows = pa.table(s.counts_on(date, rolled_up=False)).to_pylist()
    assert {r["org"] for r in rows} == inside
    assert sum(r["members"] for r in rows) == s.headcount_on(date)
    f = s.flows(FIRST, date)
    assert f["end"] == f["start"] + f["net"] == s.headcount_on(date)


@PROFILE
@given(org=branch_orgs, date=dates, who=st.sampled_from(PEOPLE))
def test_scope_cannot_read_or_export_outside(org: str, date: datetime.date, who: str) -> None:
    s = REG.scope(org)
    inside = subtree(org)
    roster = pa.table(s.members_on(date)).to_pylist()
    assert all(r["branch"] in inside for r in roster)
    whole = {r["id"]: r for r in pa.table(REG.export_roster(date)).to_pylist()}
    visible = {r["id"] for r in roster}
    assert visible == {i for i, r in whole.items() if r["branch"] in inside}
    if who in visible:
        assert s.state(who, date)["branch"] in inside
    else:
        with pytest.raises(dangjian.ScopeError) as e:
            s.state(who, date)
        # the same error as for an id that does not exist: no oracle
        with pytest.raises(dangjian.ScopeError) as none:
            s.state("NO-SUCH-PERSON", date)
        assert e.value.code == none.value.code == "not_found"
    anon = pa.table(s.members_on(date, key=b"a key of 16 bytes"))["id"].to_pylist()
    # a key shorter than 16 bytes protects nothing: refused (issue 17, class 8)
    with pytest.raises(dangjian.Error) as weak:
        s.members_on(date, key=b"key")
    assert weak.value.code == "weak_key"
    assert len(anon) == len(visible) and not set(anon) & set(PEOPLE)


def test_unknown_scope_is_a_scope_error() -> None:
    with pytest.raises(dangjian.ScopeError) as e:
        REG.scope("B9")
    assert e.value.code == "scope_org_not_found"


def test_scope_is_a_snapshot() -> None:
    reg = dangjian.Registry.sample_small()
    b1 = reg.scope("B1")
    n = b1.headcount_on("2024-06-01")
    reg.apply([{"member": "M3", "date": "2024-05-01", "type": "moved", "branch": "B2"}])
    assert b1.headcount_on("2024-06-01") == n
    assert reg.scope("B1").headcount_on("2024-06-01") == n - 1
    assert b1.history("M1")
    with pytest.raises(dangjian.ScopeError):
        reg.scope("B2").history("M1")


@PROFILE
@given(org=orgs, date=dates)
def test_scoped_statistics_and_compliance_tables_keep_only_the_subtree(org: str, date: datetime.date) -> None:
    s = REG.scope(org)
    inside = subtree(org)
    whole = {r["org"]: r for r in pa.table(REG.membership(date)).to_pylist()}
    rows = pa.table(s.membership(date)).to_pylist()
    assert {r["org"] for r in rows} <= inside
    for r in rows:
        assert r == whole[r["org"]]  # the same figures, no row from outside
    assert {r["org"] for r in pa.table(s.pipeline(date)).to_pylist()} <= inside
    assert {r["org"] for r in pa.table(s.flow_table(FIRST, date)).to_pylist()} <= inside
    c = DS.compliance()
    arrears = pa.table(c.arrears("2025-01", "2026-09", as_of="2026-10-31", scope=org)).to_pylist()
    assert {r["org"] for r in arrears} <= inside
    meetings = pa.table(c.meetings("2025-01", "2026-09", as_of="2026-10-31", scope=org)).to_pylist()
    assert {r["org"] for r in meetings} <= inside


def test_a_table_without_org_column_is_refused_in_a_scope() -> None:
    c = DS.compliance()
    with pytest.raises(dangjian.ScopeError) as e:
        c.ledger("2025-01", "2026-09", as_of="2026-10-31", scope="B1")
    assert e.value.code == "not_scopable"


SCORES = dangjian.Scorer(DS).score(dangjian.RuleSet.member_default(), "2026-10")


@PROFILE
@given(st.sampled_from(sorted({o["id"] for o in ORGS if o["kind"] != "group"})))
def test_scoped_scores_keep_only_the_scope_and_rank_among_themselves(root: str) -> None:
    full = pa.table(SCORES).to_pylist()
    inside = subtree(root)
    cut = pa.table(REG.scope(root).scores(SCORES)).to_pylist()
    # Exactly the rows ranked in an organization of the scope, with the same totals and
    # in-organization ranks.
    want = {r["subject"]: r for r in full if r["org"] in inside}
    assert {r["subject"] for r in cut} == set(want)
    for r in cut:
        w = want[r["subject"]]
        assert (r["total"], r["rank_in_org"], r["grade"]) == (w["total"], w["rank_in_org"], w["grade"])
        # Overall rank among the kept rows only: 1 + how many kept rows have a higher total.
        assert r["rank_overall"] == 1 + sum(o["total"] > r["total"] for o in cut)
