"""Golden files: Python output is byte-identical to the core's golden files in tests/golden."""

from __future__ import annotations

import dangjian
from conftest import REPO_ROOT

GOLDEN = REPO_ROOT / "tests" / "golden" / "sample-scores-2026-10.json"


def test_golden_function_matches_file() -> None:
    assert dangjian.golden_sample().encode("utf-8") == GOLDEN.read_bytes()


def test_typed_api_reproduces_golden_bytes() -> None:
    ds = dangjian.Dataset.sample()
    scores = dangjian.Scorer(ds, mode="strict").score(dangjian.RuleSet.member_default(), "2026-10")
    assert (scores.to_json() + "\n").encode("utf-8") == GOLDEN.read_bytes()


def test_rule_set_from_file_reproduces_golden_bytes() -> None:
    rs = dangjian.RuleSet.load(REPO_ROOT / "core" / "rulesets" / "member-default.json")
    scores = dangjian.Scorer(dangjian.Dataset.sample()).score(rs, "2026-10")
    assert (scores.to_json() + "\n").encode("utf-8") == GOLDEN.read_bytes()
