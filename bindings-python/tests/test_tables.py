"""Every table the core produces, through the one generic Arrow conversion: statistics,
compliance and post reports; privacy options; all-or-nothing changes; roster import;
rule books."""

from __future__ import annotations

import datetime
import json
from typing import Any, Callable

import pyarrow as pa
import pyarrow.compute as pc
import polars as pl
import pytest

import dangjian
from dangjian import Dataset, Privacy, Registry

AS_OF = datetime.date(2026, 10, 31)
ROSTER_HEADER = "姓名,性别,出生日期,民族,学历,入党时间,转正时间,所在支部,编号"


def tables(sample: Dataset, reg: Registry, scores: dangjian.ScoreTable) -> dict[str, Callable[[], dangjian.Table]]:
    c = sample.compliance()
    p = sample.posts()
    m = ("2025-01", "2026-09")
    return {
        "member_list": lambda: reg.members_on(AS_OF),
        "membership": lambda: reg.membership(AS_OF),
        "flows": lambda: reg.flow_table("2025-01-01", "2025-12-31"),
        "pipeline": lambda: reg.pipeline(AS_OF),
        "score_distribution": lambda: reg.score_distribution(scores),
        "dues_arrears": lambda: c.arrears(*m, as_of=AS_OF),
        "dues_collection": lambda: c.collection(*m, as_of=AS_OF),
        "dues_ledger": lambda: c.ledger(*m, as_of=AS_OF),
        "special_dues": lambda: c.special_dues("2025-01-01", AS_OF),
        "meeting_compliance": lambda: c.meetings(*m, as_of=AS_OF),
        "attendance": lambda: c.attendance(*m, as_of=AS_OF),
        "org_attendance": lambda: c.org_attendance(*m, as_of=AS_OF),
        "post_coverage": lambda: p.coverage_on(AS_OF),
        "post_commitments": lambda: p.commitments("2025-11-01", AS_OF),
        "post_feedback": lambda: p.feedback("2025-11-01", AS_OF, scores=scores),
        "post_feedback_units": lambda: p.feedback("2025-11-01", AS_OF, units=True),
        "roster": lambda: reg.scope("B1").members_on(AS_OF),
        "election_tally": lambda: c.election_tally("E2022Z"),
    }


def test_every_table_crosses_by_arrow_pycapsule(sample: Dataset, reg: Registry, scores: dangjian.ScoreTable) -> None:
    for label, make in tables(sample, reg, scores).items():
        t = make()
        assert len(t) > 0, label
        at = pa.table(t)  # through __arrow_c_stream__
        assert at.num_rows == t.num_rows == len(t), label
        assert at.column_names == t.column_names, label
        assert at.schema.metadata[b"name"].decode() == t.name, label
        for f in at.schema:
            assert f.metadata is not None and b"label_zh" in f.metadata and b"role" in f.metadata, (label, f.name)
        assert pl.DataFrame(t).height == len(t), label
        assert len(t.to_pandas()) == len(t), label
        assert "dangjian.Table" in repr(t)


def test_members_on_comes_from_the_core_member_list(reg: Registry) -> None:
    t = pa.table(reg.members_on(AS_OF))
    assert t.num_rows == reg.headcount_on(AS_OF) == 158
    for col in ("name", "id_number", "phone"):
        assert col not in t.column_names  # privacy by default
    assert set(t["branch"].to_pylist()) == {"B1", "B2", "B3", "B4"}
    full = pa.table(reg.members_on(AS_OF, privacy=Privacy(names="mask", contacts=True)))
    assert {"name", "id_number", "phone"} <= set(full.column_names)
    for n in full["name"].to_pylist():
        assert "*" in n  # masked
    for v in full["id_number"].to_pylist() + full["phone"].to_pylist():
        assert v == "" or "****" in v


def test_membership_relations_and_rollup(reg: Registry) -> None:
    df = reg.membership(AS_OF).to_pandas().set_index("org")
    assert df.loc["Z", "headcount"] == 158
    for org, row in df.iterrows():
        assert row["headcount"] == row["full"] + row["probationary"] == row["male"] + row["female"], org
        bands = [c for c in df.columns if c.startswith("age_") and not c.endswith(("permille", "sum"))]
        assert sum(row[b] for b in bands) == row["headcount"], org
    flat = reg.membership(AS_OF, rolled_up=False).to_pandas()
    assert flat["headcount"].sum() == 158


def test_flow_table_reconciles_every_row(reg: Registry) -> None:
    df = reg.flow_table("2023-01-01", AS_OF).to_pandas()
    assert (df["closing"] == df["opening"] + df["net"]).all()
    f = reg.flows("2023-01-01", AS_OF)
    z = df[df["org"] == "Z"].iloc[0]
    assert (z["opening"], z["closing"]) == (f["start"], f["end"])
    with pytest.raises(dangjian.ValidationError) as e:
        reg.flow_table("2025-01-01", "2024-01-01")
    assert e.value.code == "bad_interval"


def test_score_distribution_counts_every_scored_member(reg: Registry, scores: dangjian.ScoreTable) -> None:
    df = reg.score_distribution(scores).to_pandas(exact=True).set_index("org")
    assert df.loc["Z", "n"] == len(scores)
    bands = [c for c in df.columns if c.startswith("band_")]
    assert df.loc["Z", bands].sum() == len(scores)
    custom = reg.score_distribution(scores, thresholds=["80"], labels=["low", "high"]).column_names
    assert len([c for c in custom if c.startswith("band_")]) == 2
    with pytest.raises(dangjian.ValidationError) as e:
        reg.score_distribution(scores, thresholds=["80"], labels=["one"])
    assert e.value.code == "bad_bands"


def test_money_is_exact_yuan(sample: Dataset) -> None:
    t = pa.table(sample.compliance().collection("2025-01", "2026-09", as_of=AS_OF))
    assert t.schema.field("fen_due").type == pa.decimal128(18, 2)


def test_suppression_gives_nulls_and_no_small_counts(reg: Registry) -> None:
    k = 3
    t = pa.table(reg.membership(AS_OF, privacy=Privacy(min_count=k)))
    assert t["lost_contact"].null_count > 0
    for f in t.schema:
        if f.metadata[b"role"] == b"count":
            for v in t[f.name].to_pylist():
                assert v is None or v == 0 or v >= k, f.name
    with pytest.raises(dangjian.ValidationError) as e:
        reg.membership(AS_OF, privacy=Privacy(min_count=1))
    assert e.value.code == "bad_threshold"
    with pytest.raises(dangjian.ValidationError):
        Privacy(names="show")  # type: ignore[arg-type]


# Analysis exports refuse keys shorter than 16 bytes (`weak_key`).
K1 = b"key one, 16 byte"
K2 = b"key two, 16 byte"


def test_pseudonymized_exports_are_keyed_and_stable(reg: Registry) -> None:
    ids = pa.table(reg.members_on(AS_OF))["member"].to_pylist()
    a = pa.table(reg.members_on(AS_OF, privacy=Privacy(key=K1)))["member"].to_pylist()
    b = pa.table(reg.members_on(AS_OF, privacy=Privacy(key=K1)))["member"].to_pylist()
    c = pa.table(reg.members_on(AS_OF, privacy=Privacy(key=K2)))["member"].to_pylist()
    assert a == b and a != c and not set(a) & set(ids)
    r = pa.table(reg.export_roster(AS_OF, key=K1))
    assert set(r["id"].to_pylist()) >= set(a)
    assert set(r["name"].to_pylist()) == {""} and r["birth_date"].null_count == r.num_rows
    assert "key one" not in repr(Privacy(key=K1))


def test_apply_is_all_or_nothing() -> None:
    reg = Registry.sample_small()
    before = reg.copy()
    batch = [
        {"member": "M2", "date": "2024-03-01", "type": "converted"},
        {"member": "M3", "date": "2024-03-01", "type": "moved", "branch": "G1"},  # into a group: refused
    ]
    with pytest.raises(dangjian.ValidationError) as e:
        reg.apply(batch)
    assert e.value.code == "event_rejected" and e.value.position == 1 and e.value.record == "M3"
    assert reg == before
    assert reg.apply(batch[:1]) == {"events": 1, "members": 1}
    assert reg != before
    assert before == Registry.sample_small()  # the copy did not move


def test_add_members_is_all_or_nothing() -> None:
    reg = Registry.sample_small()
    before = reg.copy()
    p = {"id": "N1", "name": "新人", "gender": "female", "birth_date": "1990-01-02"}
    with pytest.raises(dangjian.ValidationError) as e:
        reg.add_members([p, dict(p)])
    assert e.value.code == "duplicate_member"
    assert reg == before and len(reg) == 4
    reg.add_members(json.dumps([p]))
    assert len(reg) == 5


def test_roster_import_csv_gb18030_and_errors(reg: Registry, tmp_path: Any) -> None:
    good = f"{ROSTER_HEADER}\n赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1,R1\n"
    r = reg.copy()
    out = r.import_roster(good.encode("gb18030"), as_of=AS_OF, entry="transferred_in")
    assert out == {"events": 1, "members": 1}
    assert r.headcount_on(AS_OF) == 159
    path = tmp_path / "roster.csv"
    path.write_bytes(good.encode("utf-8"))
    r2 = reg.copy()
    r2.import_roster(path, as_of=AS_OF, entry="transferred_in")
    assert r2 == r
    bad = f"{ROSTER_HEADER}\n赵六,?,1990-02-30,汉族,本科,2015-06-01,,B9,R1\n"
    r3 = reg.copy()
    with pytest.raises(dangjian.RosterError) as e:
        r3.import_roster(bad.encode(), as_of=AS_OF, entry="transferred_in")
    rows = e.value.errors()
    assert {x["row"] for x in rows} == {2}
    assert {"性别", "出生日期"} <= {x["field"] for x in rows}
    assert "赵六" not in str(e.value) and r3 == reg
    with pytest.raises(dangjian.ValidationError):
        reg.import_roster(
            good.encode(), as_of=AS_OF, format="ods", entry="transferred_in"  # type: ignore[arg-type]
        )


def test_dataset_with_roster_is_a_new_dataset(sample: Dataset) -> None:
    good = f"{ROSTER_HEADER}\n赵六,女,1990-01-02,汉族,本科,2015-06-01,2016-06-01,B1,R1\n"
    ds = sample.with_roster(good.encode(), as_of=AS_OF, entry="transferred_in")
    assert ds.n_members == sample.n_members + 1
    assert ds.registry().headcount_on(AS_OF) == 159
    assert sample.registry().headcount_on(AS_OF) == 158


def test_rule_book_scores_with_the_version_in_force(scorer: dangjian.Scorer) -> None:
    v1 = dangjian.RuleSet.member_default()
    d = json.loads(v1.to_json())
    d["version"] = 2
    d["effective_from"] = "2026-10-01"
    d["base"] = "70"
    v2 = dangjian.RuleSet.from_json(json.dumps(d))
    book = dangjian.RuleBook([v2, v1])
    assert [r.version for r in book.versions] == [1, 2] and len(book) == 2
    assert book.for_period("2026-09").version == 1  # type: ignore[union-attr]
    assert book.in_force("2026-10-15").version == 2  # type: ignore[union-attr]
    assert book.in_force("1990-01-01") is None
    same = dangjian.RuleBook.from_json(book.to_json())
    assert [r.version for r in same.versions] == [1, 2]
    by_book = pa.table(scorer.score(book, "2026-10"))
    by_set = pa.table(scorer.score(v2, "2026-10"))
    assert by_book.equals(by_set)
    with pytest.raises(dangjian.RuleError):
        dangjian.RuleBook([v1, v1])
    with pytest.raises(dangjian.RuleError):
        dangjian.RuleBook([])


def test_reprs_hold_no_personal_data(sample: Dataset, reg: Registry, scores: dangjian.ScoreTable) -> None:
    import re

    objs: list[Any] = [sample, reg, reg.scope("B1"), sample.compliance(), sample.posts(), Privacy(key=b"x"),
                       dangjian.RuleBook([dangjian.RuleSet.member_default()])]
    objs += [make() for make in tables(sample, reg, scores).values()]
    people = pa.table(reg.members_on(AS_OF, privacy=Privacy(names="keep")))["name"].to_pylist()
    for o in objs:
        r = repr(o)
        assert not re.search(r"\d{17}[\dX]|1\d{10}", r), r
        assert not any(n in r for n in people), r


def test_elections_are_counted_by_the_election_rules(sample: Dataset) -> None:
    c = sample.compliance()
    elections = c.elections()
    assert [e["id"] for e in elections] == ["E2022Z"]
    for e in elections:
        # 选举条例: expected = eligible − excused; quorum above four fifths of those expected;
        # 20% more candidates than seats; elected with more than half of the voting attendees.
        assert e["expected"] == e["eligible"] - e["excused"]
        assert e["quorum_met"] == (e["present"] * 5 > e["expected"] * 4)
        assert e["competitive"] == (e["candidates"] * 100 >= e["seats"] * 120)
        assert e["votes_needed"] == e["present"] // 2 + 1
        assert e["participation_bp"] == e["present"] * 10_000 // e["eligible"]
        assert e["valid_ballots"] + e["invalid_ballots"] == e["ballots"]
        assert e["valid"] == (e["quorum_met"] and e["competitive"] and not e["void"])
        if e["valid"]:
            assert len(e["elected"]) + e["unfilled"] == e["seats"]
        tally = pa.table(c.election_tally(e["id"])).to_pylist()
        votes = {r["person"]: r["votes"] for r in tally}
        assert [r["person"] for r in tally if r["elected"]] == e["elected"]
        assert all(votes[p] >= e["votes_needed"] for p in e["elected"])
        assert sorted((r["votes"] for r in tally), reverse=True) == [r["votes"] for r in tally]
    with pytest.raises(dangjian.ValidationError) as err:
        c.election_tally("NOPE")
    assert err.value.code == "not_found"
    # A scope keeps the elections of its organizations: the community's own election is not
    # a branch's.
    assert c.elections(scope="Z") == elections
    assert c.elections(scope="B1") == []
    with pytest.raises(dangjian.ScopeError):
        c.elections(scope="B9")
