"""Issue 21: a year or quarter scored in Python (the core's AnnualSummary) and issue 19: the
rank merge of partitioned scoring is the core's."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
import pytest

import dangjian
from dangjian import AnnualSummary, Dataset, RuleSet, Scorer, ScoringError
from dangjian._dangjian import merge_rank_histograms
from dangjian.distributed import overall_ranks

DS = Dataset.sample()
RULES = RuleSet.member_default()


def test_a_year_is_scored_month_by_month_and_graded_by_the_mean() -> None:
    scorer = Scorer(DS)
    year = scorer.score_year(RULES, 2026)
    assert isinstance(year, AnnualSummary)
    assert year.span == "2026-01..2026-12"
    df = year.to_pandas()
    assert list(df.columns) == ["span", "subject", "org", "months", "sum", "mean", "grade", "grade_index",
                                "vetoed", "demoted", "rank_in_org", "rank_overall"]
    assert len(year) == len(df) > 0
    # The sum of a member's twelve monthly totals is the summary's.
    months = scorer.score_range(RULES, "2026-01", 12)
    totals: dict[str, float] = {}
    for m in months:
        t = m.to_pandas()
        for s, v in zip(t["subject"], t["total"]):
            totals[s] = totals.get(s, 0) + float(v)
    row = df.set_index("subject").loc["XF001"].to_dict()
    assert int(row["months"]) == 12
    assert float(row["sum"]) == pytest.approx(totals["XF001"])
    assert row["grade"] in year.grade_names
    # score_year takes an int, a string or a yearly pandas.Period.
    assert scorer.score_year(RULES, "2026").to_json() == year.to_json()
    assert scorer.score_year(RULES, pd.Period("2026", freq="Y")).to_json() == year.to_json()
    assert pa.table(year).num_rows == len(df)


def test_a_quarter_sums_its_three_months() -> None:
    q4 = Scorer(DS).score_year(RULES, "2026-Q4")
    assert isinstance(q4, AnnualSummary)
    assert q4.span == "2026-10..2026-12"
    assert int(q4.to_pandas()["months"].max()) == 3


def test_a_month_is_still_a_score_table() -> None:
    t = Scorer(DS).score(RULES, "2026-10")
    assert isinstance(t, dangjian.ScoreTable)
    assert len(t) == 158


def test_score_refuses_a_year_under_a_monthly_rule_set() -> None:
    # One method, one return type: score() gives a ScoreTable, score_year() the summary.
    with pytest.raises(ScoringError) as e:
        Scorer(DS).score(RULES, "2026")
    assert e.value.code == "wrong_period"


def test_score_year_refuses_a_month() -> None:
    with pytest.raises(ScoringError) as e:
        Scorer(DS).score_year(RULES, "2026-10")
    assert e.value.code == "wrong_period"


def test_the_rank_merge_is_the_cores() -> None:
    assert merge_rank_histograms([([70000, 65000], [1, 2]), ([68000, 65000], [1, 1])]) == (
        [65000, 68000, 70000], [3, 2, 1])
    totals, ranks = overall_ranks([([5, 9], [2, 1]), ([7, 9, 1], [1, 1, 1])])
    assert totals.tolist() == [1, 5, 7, 9]
    assert ranks.tolist() == [6, 4, 3, 1]
    with pytest.raises(ScoringError) as e:
        merge_rank_histograms([([1, 2], [1])])
    assert e.value.code == "bad_column"


def test_the_summary_has_distinct_chinese_headers() -> None:
    year = Scorer(DS).score_year(RULES, 2026)
    df = year.to_pandas(header="zh")
    assert list(df.columns)[:6] == ["期间", "对象", "组织编号", "计分月数", "合计", "月均"]
    assert len(set(df.columns)) == len(df.columns)
    assert list(year.to_polars(header="zh").columns) == list(df.columns)
