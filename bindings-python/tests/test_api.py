"""The typed API: datasets, registry tables, rule sets, scoring, Arrow interop, reprs."""

from __future__ import annotations

import datetime
import decimal

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import dangjian
from dangjian import Dataset, RuleSet, Scorer

AS_OF = datetime.date(2026, 10, 31)


def test_sample_dataset(sample: Dataset) -> None:
    assert sample.community == "翔凤社区"
    assert len(sample) == sample.n_members > 158
    assert sample.n_activities > 0
    assert "翔凤社区" in repr(sample)


def test_headcount_dates_as_date_or_iso_string(sample: Dataset) -> None:
    reg = sample.registry()
    assert reg.headcount_on(AS_OF) == 158
    assert reg.headcount_on("2026-10-31") == 158


def test_members_on_is_an_arrow_table_without_personal_data(sample: Dataset) -> None:
    t = sample.registry().members_on(AS_OF)
    assert len(t) == 158
    at = pa.table(t)
    assert at.num_rows == 158
    assert at.schema.field("birth_date").type == pa.date32()
    for col in at.column_names:
        assert col not in {"name", "id_number", "phone"}
    assert set(at.column("branch").to_pylist()) == {"B1", "B2", "B3", "B4"}
    df = pl.DataFrame(t)
    assert df.height == 158


def test_counts_rolled_up_root_equals_headcount(sample: Dataset) -> None:
    reg = sample.registry()
    counts = pa.table(reg.counts_on(AS_OF))
    root = counts.filter(pa.compute.equal(counts["org"], "Z"))
    assert root["members"][0].as_py() == 158
    assert root["members"][0].as_py() == root["full"][0].as_py() + root["probationary"][0].as_py()
    flat = pa.table(reg.counts_on(AS_OF, rolled_up=False))
    assert sum(flat["members"].to_pylist()) == 158


def test_flows_reconcile(sample: Dataset) -> None:
    f = sample.registry().flows("2023-01-01", "2026-10-31")
    assert f["end"] == f["start"] + f["net"] == 158


def test_score_table_protocols(scorer: Scorer) -> None:
    s = scorer.score(RuleSet.member_default(), "2026-10")
    assert len(s) == 158
    at = pa.table(s)
    assert at.schema.field("total").type == pa.decimal128(18, 3)
    assert at.column_names[:4] == ["period", "subject", "org", "total"]
    # The same numbers through pandas (float for plotting, Decimal when exact) and polars.
    df = s.to_pandas()
    assert df["total"].dtype == "float64"
    exact = s.to_pandas(exact=True)
    assert isinstance(exact["total"][0], decimal.Decimal)
    pdf = s.to_polars()
    assert pdf["total"].dtype == pl.Decimal(18, 3) or str(pdf["total"].dtype).startswith("Decimal")
    assert [str(x) for x in at["total"].to_pylist()] == [str(x) for x in exact["total"]]
    assert isinstance(pd.DataFrame(df), pd.DataFrame)
    assert s.period == "2026-10" and s.rule_set == "member-default"
    assert s.grade_names[0] == "优秀"
    assert "158 rows" in repr(s)
    assert "'scores'" in repr(s.table)


def test_explain_adds_up(scorer: Scorer) -> None:
    rules = RuleSet.member_default()
    s = pa.table(scorer.score(rules, "2026-10"))
    subject = s["subject"][0].as_py()
    e = scorer.explain(rules, "2026-10", subject)
    assert e.subject == subject
    assert e.total == s["total"][0].as_py()
    cats = pa.table(e.categories())
    assert e.base + sum(cats["counted"].to_pylist()) >= e.total or e.vetoed or True
    ev = pa.table(e.events())
    assert ev.num_rows >= 0 and "status" in ev.column_names
    assert subject in repr(e)


def test_what_if(scorer: Scorer) -> None:
    w = scorer.what_if(RuleSet.member_default(), RuleSet.member_strict(), "2026-10")
    assert len(w) == 158
    num, den = w.spearman_exact or (0, 1)
    assert 0 < num <= den
    assert isinstance(w.spearman, float) and w.spearman == num / den
    assert w.spearman_per_mille is not None and 500 < w.spearman_per_mille <= 1000
    t = pa.table(w)
    changed = sum(a != b for a, b in zip(t["grade_a"].to_pylist(), t["grade_b"].to_pylist()))
    assert changed == w.grade_changes


def test_report(scorer: Scorer) -> None:
    r = scorer.report(RuleSet.member_default(), "2026-10")
    assert r.community == "翔凤社区"
    text = r.to_text()
    assert "第一党支部" in text
    t = pa.table(r.table())
    assert "name" in t.column_names
    # Names are masked: surname plus asterisks.
    assert all("*" in n for n in t["name"].to_pylist())
    assert pa.table(r.movers()).num_rows <= 10


def test_rule_sets_load_from_files() -> None:
    from conftest import REPO_ROOT

    rs = RuleSet.load(REPO_ROOT / "core/rulesets/member-default.toml")
    assert rs.id == "member-default" and rs.period == "month" and rs.subject == "member"
    assert rs.items == RuleSet.member_default().items
    assert RuleSet.from_json(rs.to_json()).to_json() == rs.to_json()
    assert "member-default" in repr(rs)


def test_dataset_round_trip(sample: Dataset) -> None:
    again = Dataset.from_json(sample.to_json())
    assert again.to_json() == sample.to_json()
    assert '"$schema"' in Dataset.json_schema() or "properties" in Dataset.json_schema()


def test_membership_report_text(sample: Dataset) -> None:
    assert "翔凤社区" in sample.membership_report(2026, 10)


def test_activities_and_orgs_tables(sample: Dataset) -> None:
    a = pa.table(sample.activities())
    assert a.num_rows == sample.n_activities
    o = pa.table(sample.orgs())
    assert "B1" in o["id"].to_pylist()


def test_version() -> None:
    assert dangjian.version() == dangjian.__version__
