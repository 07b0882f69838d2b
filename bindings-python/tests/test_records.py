"""The month's records (activities, meetings, payments, service) added, corrected and removed
through the core session, all or nothing, with errors that name the record in Chinese."""

from __future__ import annotations

import json
from typing import Any

import pytest

import dangjian
from dangjian import Dataset, RuleSet, Scorer


def _records(ds: Dataset, section: str) -> list[dict[str, Any]]:
    return list(json.loads(ds.to_json()).get(section, []))


def test_add_activities_scores_like_a_loaded_dataset() -> None:
    sample = Dataset.sample()
    acts = _records(sample, "activities")
    new = dict(next(a for a in acts if a["date"] >= "2026-10-01" and "reverses" not in a))
    new["id"] = "new-1"
    after = sample.add_activities([new])
    assert after.n_activities == sample.n_activities + 1
    assert sample.n_activities == len(acts)  # the original is unchanged
    reloaded = Dataset.from_json(after.to_json())
    rules = RuleSet.member_default()
    a = Scorer(after).score(rules, "2026-10").to_json()
    b = Scorer(reloaded).score(rules, "2026-10").to_json()
    assert a == b
    back = after.remove_activity("new-1")
    assert back.to_json() == sample.to_json()


def test_the_issue_message() -> None:
    sample = Dataset.sample_small()
    batch = [
        {"id": f"A{100 + i:06d}", "subject": "M1", "item": "XF002", "date": "2026-10-15"}
        for i in range(1, 101)
    ]
    batch.append({"id": "A000101", "subject": "M1", "item": "XF002", "date": "2026/10/15"})
    batch[-1]["id"] = "A000201"
    with pytest.raises(dangjian.ValidationError) as info:
        sample.add_activities(batch)
    e = info.value
    assert e.code == "record_date"
    assert str(e).startswith("第101条积分记录（A000201，XF002）日期 2026/10/15 应写成 2026-10-15")
    assert e.details["position"] == 100
    assert e.details["expected"] == "2026-10-15"
    assert sample.n_activities == 0


def test_a_failed_batch_changes_nothing() -> None:
    ds = Dataset.sample_small().add_activities(
        {"id": "a1", "subject": "M1", "item": "meeting", "date": "2024-03-05"}
    )
    before = ds.to_json()
    with pytest.raises(dangjian.ValidationError) as info:
        ds.add_activities(
            [
                {"id": "a2", "subject": "M1", "item": "meeting", "date": "2024-03-06"},
                {"id": "a3", "subject": "ghost", "item": "meeting", "date": "2024-03-06"},
            ]
        )
    assert info.value.code == "record_unknown_subject"
    assert info.value.details["position"] == 1
    with pytest.raises(dangjian.ValidationError) as info:
        ds.add_activities([{"id": "a1", "subject": "M1", "item": "meeting", "date": "2024-03-06"}])
    assert info.value.code == "record_duplicate_id"
    assert ds.to_json() == before


@pytest.mark.parametrize(
    "section,add,correct,remove,key",
    [
        ("meetings", "add_meetings", "correct_meeting", "remove_meeting", lambda r: r["id"]),
        ("payments", "add_payments", "correct_payment", "remove_payment", lambda r: f"{r['member']}/{r['month']}"),
        ("service", "add_service_records", "correct_service_record", "remove_service_record", lambda r: r["id"]),
    ],
)
def test_each_kind_round_trips(section: str, add: str, correct: str, remove: str, key: Any) -> None:
    sample = Dataset.sample()
    last = _records(sample, section)[-1]
    without = getattr(sample, remove)(key(last))
    assert len(_records(without, section)) == len(_records(sample, section)) - 1
    again = getattr(without, add)([last])
    assert again.to_json() == sample.to_json()
    same = getattr(again, correct)(key(last), last)
    assert same.to_json() == sample.to_json()
    with pytest.raises(dangjian.ValidationError) as info:
        getattr(sample, add)(json.dumps([last]))
    assert info.value.code == "record_duplicate_id"
    with pytest.raises(dangjian.ValidationError) as info:
        getattr(sample, remove)("no-such-record")
    assert info.value.code == "record_not_found"


def test_a_meeting_of_no_organization_is_named() -> None:
    sample = Dataset.sample()
    m = dict(_records(sample, "meetings")[0], id="bad-m", org="NOWHERE")
    with pytest.raises(dangjian.ValidationError) as info:
        sample.add_meetings([m])
    assert info.value.code == "record_rejected"
    assert str(info.value).startswith("第1条会议记录（bad-m，")
