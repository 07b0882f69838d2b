"""Every error path gives a typed exception (dangjian.Error subclass with code and details),
never a PanicException. Mirrors the core's error-coverage tests through the Python API."""

from __future__ import annotations

import json
from typing import Any, Callable

import pyarrow as pa
import pytest

import dangjian
from conftest import act, small_with
from dangjian import Dataset, Error, RuleSet, Scorer

SEEN: set[str] = set()


def raises(cls: type[Error], code: str, fn: Callable[[], Any]) -> Error:
    with pytest.raises(cls) as info:
        fn()
    e = info.value
    assert isinstance(e, Error)
    assert e.code == code, (e.code, str(e))
    assert isinstance(e.details, dict)
    assert e.errors()
    SEEN.add(code)
    return e


def strict(acts: list[dict[str, Any]], period: str = "2024-05") -> Any:
    return Scorer(small_with(acts)).score(RuleSet.member_default(), period)


# -- scoring -------------------------------------------------------------------------------


def test_duplicate_activity() -> None:
    e = raises(dangjian.ScoringError, "duplicate_activity", lambda: strict([
        act("a", "M1", "study", "2024-05-01"), act("a", "M3", "study", "2024-05-01")]))
    assert e.record == "a" and e.position == 1 and e.details["first"] == 0


def test_unknown_subject() -> None:
    e = raises(dangjian.ScoringError, "unknown_subject",
               lambda: strict([act("a", "NOBODY", "study", "2024-05-01")]))
    assert e.field == "subject" and e.record == "a" and e.position == 0


def test_unknown_item() -> None:
    e = raises(dangjian.ScoringError, "unknown_item", lambda: strict([
        act("a", "M1", "study", "2024-05-01"), act("b", "M1", "karaoke", "2024-05-01")]))
    assert (e.record, e.position, e.field) == ("b", 1, "item")


def test_ineligible() -> None:
    raises(dangjian.ScoringError, "ineligible", lambda: strict([act("a", "M1", "report_in", "2024-05-01")]))


def test_bad_quantity() -> None:
    e = raises(dangjian.ScoringError, "bad_quantity", lambda: strict([act("a", "M1", "study", "2024-05-01", "0")]))
    assert e.field == "quantity"


def test_bad_reversal() -> None:
    e = raises(dangjian.ScoringError, "bad_reversal",
               lambda: strict([act("r", "M1", "study", "2024-05-02", reverses="zzz")]))
    assert e.field == "reverses" and e.details["target"] == "zzz"


def test_not_a_subject_and_lenient_diagnostic() -> None:
    acts = [act("a", "M2", "study", "2020-01-15")]  # M2 only applied in 2020-06
    raises(dangjian.ScoringError, "not_a_subject", lambda: strict(acts, "2020-01"))
    s = Scorer(small_with(acts), mode="lenient").score(RuleSet.member_default(), "2020-01")
    assert [d["code"] for d in s.diagnostics] == ["not_a_subject"]
    assert s.diagnostics[0]["record"] == "a"


def test_wrong_period() -> None:
    sc = Scorer(small_with([]))
    e = raises(dangjian.ScoringError, "wrong_period", lambda: sc.score(RuleSet.org_default(), "2024-03"))
    assert e.field == "period"


def test_not_scored() -> None:
    sc = Scorer(small_with([]))
    raises(dangjian.ScoringError, "not_scored", lambda: sc.explain(RuleSet.member_default(), "2024-05", "NOBODY"))


def test_incomparable() -> None:
    sc = Scorer(small_with([]))
    raises(dangjian.ScoringError, "incomparable",
           lambda: sc.what_if(RuleSet.member_default(), RuleSet.org_default(), "2024-05"))


def test_bad_column_and_limit_in_bulk() -> None:
    rs = RuleSet.member_default()
    ev = pa.table({"subject": ["M1"], "item": ["karaoke"], "date": pa.array([19000], pa.int32())})
    e = raises(dangjian.ScoringError, "bad_column", lambda: dangjian.score_events(rs, "2024-05", ev))
    assert e.field == "item" and e.position == 0
    ok = pa.table({"subject": ["M1"], "item": ["study"], "date": pa.array([19000], pa.int32())})
    raises(dangjian.ScoringError, "limit_exceeded", lambda: dangjian.score_events(rs, "2024-05", ok, count=5000))


def test_rule_set_invalid_through_scoring() -> None:
    doc = json.loads(RuleSet.member_default().to_json())
    doc["grades"] = []
    raises(dangjian.RuleError, "rule_set_invalid", lambda: RuleSet.from_json(json.dumps(doc)))


# -- rule sets -----------------------------------------------------------------------------


def test_rule_set_parse_json_and_toml() -> None:
    e = raises(dangjian.RuleError, "rule_set_parse", lambda: RuleSet.from_json('{"id": "x", "version": "one"}'))
    assert e.field == "version"
    e = raises(dangjian.RuleError, "rule_set_parse", lambda: RuleSet.from_toml('id = "x"\nversion = 1\nbase = ['))
    assert e.details["line"] == 3


def test_rule_set_invalid_names_item_and_field() -> None:
    text = RuleSet.member_default().to_json().replace('"per": "month"', '"per": "year"', 1)
    e = raises(dangjian.RuleError, "rule_set_invalid", lambda: RuleSet.from_json(text))
    assert e.details["item"] == "meeting" and e.field == "cap.per"


def test_duplicate_item() -> None:
    doc = json.loads(RuleSet.member_default().to_json())
    doc["items"].append(doc["items"][0])
    e = raises(dangjian.RuleError, "duplicate_item", lambda: RuleSet.from_json(json.dumps(doc)))
    assert e.details["first"] == 0


def test_rule_set_too_large() -> None:
    raises(dangjian.RuleError, "too_large", lambda: RuleSet.from_json(" " * ((4 << 20) + 1)))


# -- datasets and registry ------------------------------------------------------------------


def small_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(Dataset.sample_small().to_json())
    return doc


def build(doc: dict[str, Any]) -> Any:
    return Dataset.from_json(json.dumps(doc)).registry()


def test_dataset_json_error_has_path() -> None:
    e = raises(dangjian.ValidationError, "json", lambda: Dataset.from_json('{"format": 1}'))
    assert e.field is not None


def test_unsupported_format() -> None:
    doc = small_doc()
    doc["version"] = 99
    raises(dangjian.ValidationError, "unsupported_format", lambda: Dataset.from_json(json.dumps(doc)))


def test_duplicate_member() -> None:
    doc = small_doc()
    doc["members"].append(doc["members"][0])
    e = raises(dangjian.ValidationError, "duplicate_member", lambda: build(doc))
    assert e.record == "M1" and e.position == 4


def test_event_rejected_names_rule() -> None:
    doc = small_doc()
    doc["events"].append({"member": "M4", "date": "2021-06-01", "type": "admitted"})
    e = raises(dangjian.ValidationError, "event_rejected", lambda: build(doc))
    assert e.record == "M4" and "rule" in e.details


def test_unknown_member_event() -> None:
    doc = small_doc()
    doc["events"].append({"member": "NOBODY", "date": "2021-06-01", "type": "applied", "branch": "B1"})
    e = raises(dangjian.ValidationError, "event_rejected", lambda: build(doc))
    assert e.details["rule"] == "unknown_member"


def test_org_errors() -> None:
    doc = small_doc()
    doc["orgs"].append(dict(doc["orgs"][1]))
    e = raises(dangjian.ValidationError, "org", lambda: build(doc))
    assert e.details["org_rule"] == "duplicate_org"
    doc = small_doc()
    doc["orgs"][1]["parent"] = "NOPE"
    e = raises(dangjian.ValidationError, "org", lambda: build(doc))
    assert e.record == "B1" and e.field == "parent" and e.details["org_rule"] == "unknown_parent"
    doc = small_doc()
    doc["orgs"][2]["parent"] = "Z"  # a group directly under a general branch
    e = raises(dangjian.ValidationError, "org", lambda: build(doc))
    assert e.details["org_rule"] == "bad_nesting"


def test_bad_date_and_period_and_mode(sample: Dataset) -> None:
    reg = sample.registry()
    e = raises(dangjian.ValidationError, "bad_date", lambda: reg.headcount_on("2026-13-01"))
    assert e.field == "date"
    raises(dangjian.ValidationError, "bad_date", lambda: reg.headcount_on(20261031))  # type: ignore[arg-type]
    sc = Scorer(small_with([]))
    raises(dangjian.ValidationError, "bad_period", lambda: sc.score(RuleSet.member_default(), "2026-99"))
    raises(dangjian.ValidationError, "bad_mode", lambda: Scorer(sample, mode="sloppy"))  # type: ignore[arg-type]
    raises(dangjian.ValidationError, "bad_month", lambda: sample.membership_report(2026, 13))


def test_errors_are_value_errors_and_repr() -> None:
    try:
        RuleSet.from_json("{")
    except ValueError as e:
        assert isinstance(e, dangjian.Error)
        assert "RuleError" in repr(e)
    else:
        pytest.fail("no error")


def test_no_panic_exception_escapes_bulk_garbage() -> None:
    rs = RuleSet.member_default()
    for table in [
        pa.table({"subject": [None], "item": ["study"], "date": pa.array([1], pa.int32())}),
        pa.table({"subject": [-1], "item": [0], "date": pa.array([1], pa.int32())}),
        pa.table({"subject": [0], "item": [999], "date": pa.array([1], pa.int32())}),
        pa.table({"subject": [0], "item": [0], "date": [1.5]}),
        pa.table({"subject": [0], "item": [0], "date": pa.array([1], pa.int32()), "quantity": [0.5]}),
        pa.table({"item": [0]}),
    ]:
        with pytest.raises(dangjian.Error):
            dangjian.score_events(rs, "1970-01", table)


def test_every_core_scoring_code_was_provoked() -> None:
    # Runs last in this file (pytest keeps definition order).
    want = {
        "bad_column", "bad_quantity", "bad_reversal", "duplicate_activity", "incomparable",
        "ineligible", "limit_exceeded", "not_a_subject", "not_scored", "rule_set_invalid",
        "unknown_item", "unknown_subject", "wrong_period", "rule_set_parse", "duplicate_item",
        "too_large", "json", "unsupported_format", "duplicate_member", "event_rejected", "org", "bad_date", "bad_period", "bad_mode",
        "bad_month",
    }
    assert want <= SEEN, want - SEEN


# --- error paths of the statistics, compliance, post and scope bindings -----------------------


def test_new_error_paths_are_typed_exceptions() -> None:
    import json

    ds = dangjian.Dataset.sample()
    reg = ds.registry()
    c = ds.compliance()
    with pytest.raises(dangjian.ValidationError) as e:
        c.arrears("2025-13", "2026-09", as_of="2026-10-31")
    assert e.value.code == "bad_month" and e.value.field == "first"
    with pytest.raises(dangjian.ValidationError) as e:
        reg.membership("2026-02-30")
    assert e.value.code == "bad_date"
    with pytest.raises(dangjian.ScopeError) as se:
        reg.scope("NOPE")
    assert se.value.code == "scope_org_not_found" and isinstance(se.value, LookupError)
    with pytest.raises(dangjian.ScopeError) as se:
        reg.scope("B1").history("XF999999")
    assert se.value.code == "not_found"
    doc = json.loads(ds.to_json())
    doc["meetings"][0]["org"] = "B9"
    with pytest.raises(dangjian.ComplianceError) as ce:
        dangjian.Dataset.from_json(json.dumps(doc)).compliance()
    assert ce.value.code == "unknown_org" and ce.value.details["section"] == "meetings" and ce.value.position == 0
    doc = json.loads(ds.to_json())
    doc["claims"][0]["post"] = "NO-SUCH-POST"
    with pytest.raises(dangjian.PostError):
        dangjian.Dataset.from_json(json.dumps(doc)).posts()
    with pytest.raises(dangjian.ValidationError) as e:
        reg.apply("[{")
    assert e.value.code == "json"
    with pytest.raises(dangjian.RosterError) as re_:
        reg.copy().import_roster(b"\xff\xfe\x00garbage", as_of="2026-10-31", format="xlsx")
    assert re_.value.code == "unreadable"
