"""The year's processes from Python (issue 22): the agenda, 民主评议党员, letters and the
register of additions and removals, on the sample community's year."""

import datetime

import pandas as pd
import pytest

import dangjian


def test_the_agenda_names_catalogued_rules_and_masks_names() -> None:
    ds = dangjian.Dataset.sample()
    t = ds.agenda("2026-10-31", 31).to_pandas()
    assert len(t) > 0
    assert set(t["rule"]) <= set(dangjian.rules().to_pandas()["code"])
    named = t[t["member"] != ""]
    assert named["name"].str.contains(r"\*").all()
    # what is due: the letter of 2026-11-19, the 限期改正 of 2026-11-15, the co-building
    # commitment of October
    due = {"transfer_letter_expiry", "appraisal_rectification", "practice_cobuild_commitment"}
    assert due <= set(t["rule"])
    left = (pd.to_datetime(t["due"]) - pd.Timestamp("2026-10-31")).dt.days
    assert (t["days_left"] == left).all()
    # a longer look-ahead never has fewer rows
    assert len(ds.agenda(datetime.date(2026, 10, 31), 90).to_pandas()) >= len(t)


def test_the_appraisal_letters_and_register_of_the_sample_year() -> None:
    ds = dangjian.Dataset.sample()
    stats = ds.appraisal_stats(2025).to_pandas()
    assert len(stats) == 4
    assert stats["unqualified"].sum() == 1 and stats["rectify"].sum() == 1
    letters = ds.letters("2026-10-31").to_pandas()
    assert len(letters) >= 8 and "已过期" in set(letters["status"])
    reg = ds.change_register("2022-11-01", "2026-10-31").to_pandas()
    assert len(reg) > 0 and set(reg["direction"]) >= {"增加"}


def test_a_look_ahead_too_long_is_refused() -> None:
    with pytest.raises(dangjian.Error):
        dangjian.Dataset.sample().agenda("2026-10-31", 100_000)
