"""The community practices and the branch assessment from Python (issue 23)."""

import datetime

import pytest

import dangjian


def test_practice_tables_of_the_sample() -> None:
    ds = dangjian.Dataset.sample()
    grids = ds.grids("2026-10-01", "2026-10-31").to_pandas()
    assert len(grids) == 9  # seed 004
    days = ds.service_days(datetime.date(2026, 10, 1), "2026/10/31").to_pandas()
    assert (days["covered"] <= days["expected"]).all()
    units = ds.cobuild("2026-01-01", "2026-10-31").to_pandas()
    assert units["unit"].nunique() >= 7  # seed 001's 7 agreements
    pairs = ds.pairings("2026-10-01", "2026-10-31").to_pandas()
    idle = ds.idle_pairings("2026-10-31").to_pandas()
    assert 0 < len(idle) < len(pairs)
    pending = ds.declarations("2026-10-01", "2026-10-31", pending=True).to_pandas()
    assert len(pending) > 0 and (pending["status"] == "待审核").all()


def test_the_branch_assessment() -> None:
    quarters, deductions = dangjian.Dataset.sample().assessment(2026, "2026-10-31")
    q = quarters.to_pandas()
    assert len(q) == 4
    d = deductions.to_pandas()
    assert d["id"].str.startswith("考核:").all()


def test_a_bad_date_is_refused() -> None:
    with pytest.raises(dangjian.Error):
        dangjian.Dataset.sample().grids("2026-13-01", "2026-10-31")
