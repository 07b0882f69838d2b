"""Every table the binding returns is a core Table converted by one generic function: its Arrow
schema is exactly the core's columns (names = the core CSV's English header, `label_zh` = its
Chinese header), counts are int64 (never unsigned), dates date32, Chinese headers unique
(issues 19 and 21). Adding an output column in the core shows up here with no binding change."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any, Callable, Literal

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import dangjian
from dangjian import Dataset, Registry, RuleSet, Scorer

from test_tables import AS_OF, tables


def every_table(sample: Dataset, reg: Registry, scorer: Scorer, scores: dangjian.ScoreTable) -> dict[str, Callable[[], Any]]:
    out: dict[str, Callable[[], Any]] = dict(tables(sample, reg, scores))
    subject = pa.table(scores)["subject"][0].as_py()
    e = scorer.explain(RuleSet.member_default(), "2026-10", subject)
    w = scorer.what_if(RuleSet.member_default(), RuleSet.member_strict(), "2026-10")
    r = scorer.report(RuleSet.member_default(), "2026-10")
    out.update({
        "scores": lambda: scores.table,
        "explanation_events": e.events,
        "explanation_items": e.items,
        "explanation_categories": e.categories,
        "what_if": w.table,
        "report": r.table,
        "movers": r.movers,
        "activities": sample.activities,
        "orgs": sample.orgs,
        "counts": lambda: reg.counts_on(AS_OF),
        "scope_counts": lambda: reg.scope("B1").counts_on(AS_OF),
        "rules": dangjian.rules,
    })
    return out


def _header(t: dangjian.Table, lang: Literal["zh", "en"]) -> list[str]:
    text = t.to_csv(header=lang, bom=False) or ""
    return next(csv.reader(io.StringIO(text)))


def test_every_arrow_schema_is_the_core_columns(sample: Dataset, reg: Registry, scorer: Scorer, scores: dangjian.ScoreTable) -> None:
    for label, make in every_table(sample, reg, scorer, scores).items():
        t = make()
        at = pa.table(t)
        # The CSV is written by the core from its own Table; the Arrow schema must match it.
        assert at.column_names == _header(t, "en"), label
        zh = [f.metadata[b"label_zh"].decode() for f in at.schema]
        assert zh == _header(t, "zh") == t.headers_zh, label
        assert len(set(zh)) == len(zh), (label, zh)
        for f in at.schema:
            assert b"role" in f.metadata, (label, f.name)
            assert not pa.types.is_unsigned_integer(f.type), (label, f.name, f.type)
            assert not pa.types.is_timestamp(f.type), (label, f.name)


def test_counts_are_int64_and_dates_are_dates(reg: Registry, sample: Dataset) -> None:
    m = reg.membership(AS_OF)
    at = pa.table(m)
    assert at.schema.field("headcount").type == pa.int64()
    a, b = m.to_pandas(), reg.membership("2025-10-31").to_pandas()
    diff = a.set_index("org")["headcount"] - b.set_index("org")["headcount"]
    assert diff.abs().max() < 1000  # signed: no 18446744073709551607
    orgs = sample.orgs()
    assert pa.table(orgs).schema.field("founded").type == pa.date32()
    df = orgs.to_pandas()
    assert pd.api.types.is_datetime64_any_dtype(df["founded"])
    assert orgs.to_polars().schema["founded"] == pl.Date


def test_membership_has_kind_and_level_and_branches_sum_to_the_root(reg: Registry) -> None:
    df = reg.membership(AS_OF).to_pandas()
    assert {"org_kind", "org_level"} <= set(df.columns)
    root = df[df["org_level"] == 0]["headcount"].sum()
    assert df[df["org_kind"] == "党支部"]["headcount"].sum() == root == 158
    assert df["headcount"].sum() > root  # rows roll up


def test_chinese_headers_in_pandas_and_polars(scores: dangjian.ScoreTable) -> None:
    df = scores.to_pandas(header="zh")
    assert list(df.columns)[:3] == ["考核期", "考核对象", "组织编号"]
    assert "否决项分" in df.columns and "一票否决" in df.columns
    assert len(set(df.columns)) == len(df.columns)
    pdf = scores.to_polars(header="zh")
    assert pdf.columns == list(df.columns)
    with pytest.raises(ValueError):
        scores.table.to_pandas(header="fr")  # type: ignore[arg-type]
    assert dangjian.label_zh("veto") == "否决项分"
    assert dangjian.label_zh("no_such_column") is None


def test_write_xlsx_takes_anything_tabular(tmp_path: Path, scorer: Scorer, scores: dangjian.ScoreTable, reg: Registry) -> None:
    from test_exports import sheet_texts

    w = scorer.what_if(RuleSet.member_default(), RuleSet.member_strict(), "2026-10")
    df = reg.membership(AS_OF).to_pandas()
    items: list[Any] = [
        scores,
        w,
        df,
        pl.DataFrame({"org": ["B1"], "members": [3], "date": [datetime.date(2026, 10, 1)]}),
        pa.table({"subject": ["M1"], "quantity_x": [1.5]}),
    ]
    p = tmp_path / "any.xlsx"
    dangjian.write_xlsx(p, items)
    shared, sheets = sheet_texts(p)
    assert len(sheets) == len(items)
    for head in ("考核期", "否决项分", "等次（方案二）", "组织层级", "党员数", "日期", "考核对象", "quantity_x"):
        assert head in shared, head
    dangjian.write_xlsx(tmp_path / "one.xlsx", scores)  # a single table is fine too
    with pytest.raises(TypeError):
        dangjian.write_xlsx(tmp_path / "bad.xlsx", [42])


def test_what_if_spearman_is_a_float(scorer: Scorer) -> None:
    w = scorer.what_if(RuleSet.member_default(), RuleSet.member_strict(), "2026-10")
    num, den = w.spearman_exact or (0, 1)
    assert w.spearman == num / den


def test_score_table_csv(scores: dangjian.ScoreTable) -> None:
    assert scores.to_csv().startswith("period,subject,org,total,")
