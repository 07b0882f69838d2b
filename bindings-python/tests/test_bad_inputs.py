"""Replay the core's hostile-input corpus (tests/bad-inputs/manifest.json) through Python,
every entry as core/tests/bad_inputs.rs replays it: each file must fail with a dangjian.Error
of the expected code whose text (message plus one line per row error) holds every `where`
and `why` substring — never a crash or PanicException — and the entries that change a
registry must leave it equal to a snapshot taken before."""

from __future__ import annotations

import json
from typing import Any, Callable, Literal

import pytest

import dangjian
from conftest import REPO_ROOT

ROOT = REPO_ROOT / "tests" / "bad-inputs"
MANIFEST = ROOT / "manifest.json"
AS_OF = "2026-10-31"

_COMMUNITY: list[dangjian.Registry] = []


def community() -> dangjian.Registry:
    """The sample community's registry (built once; each case works on a copy)."""
    if not _COMMUNITY:
        _COMMUNITY.append(dangjian.Dataset.sample().registry())
    return _COMMUNITY[0]


def unchanged(base: dangjian.Registry, change: Callable[[dangjian.Registry], Any]) -> None:
    """Run `change` on a copy of `base`; whatever it raises, the copy must equal `base`."""
    reg = base.copy()
    try:
        change(reg)
    finally:
        assert reg == base, "a failed change left a trace"


def roster(fmt: Literal["csv", "xlsx"]) -> Callable[[bytes], Any]:
    return lambda b: unchanged(community(), lambda r: r.import_roster(b, as_of=AS_OF, format=fmt))


def score_json(b: bytes) -> Any:
    """`score_json`: {"dataset": dataset JSON or null (sample community), "rule_set": …,
    "period": "YYYY-MM", "strict": bool}: load the dataset, load the rule set, score."""
    case = json.loads(b)
    ds = dangjian.Dataset.sample() if case["dataset"] is None else dangjian.Dataset.from_json(json.dumps(case["dataset"]))
    rules = dangjian.RuleSet.from_json(json.dumps(case["rule_set"]))
    return dangjian.Scorer(ds, mode="strict" if case["strict"] else "lenient").score(rules, case["period"])


ENTRIES: dict[str, Callable[[bytes], Any]] = {
    "dataset_json": lambda b: dangjian.Dataset.from_json(b).registry(),
    "dataset_binary": lambda b: dangjian.Dataset.from_binary(b).registry(),
    "roster_csv": roster("csv"),
    "roster_xlsx": roster("xlsx"),
    "registry_apply": lambda b: unchanged(dangjian.Registry.sample_small(), lambda r: r.apply(b)),
    "registry_add_members": lambda b: unchanged(dangjian.Registry.sample_small(), lambda r: r.add_members(b)),
    "rule_set_json": lambda b: dangjian.RuleSet.from_json(b.decode("utf-8")),
    "rule_set_toml": lambda b: dangjian.RuleSet.from_toml(b.decode("utf-8")),
    "score_json": score_json,
}


def cases() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(MANIFEST.read_text("utf-8"))["cases"]
    return entries


def test_every_entry_of_the_manifest_has_a_python_replay() -> None:
    names = {c["entry"] for c in cases()}
    assert names <= set(ENTRIES), names - set(ENTRIES)
    assert len(cases()) >= 100


@pytest.mark.parametrize("case", cases(), ids=lambda c: str(c["file"]))
def test_bad_input(case: dict[str, Any]) -> None:
    entry = ENTRIES[case["entry"]]
    data = (ROOT / case["file"]).read_bytes()
    with pytest.raises(dangjian.Error) as info:
        entry(data)
    e = info.value
    assert e.code == case["code"], (e.code, str(e))
    text = "\n".join([str(e)] + [f"row {r.get('row', '')}, column `{r.get('field', '')}`: {r.get('reason', '')}" for r in e.errors()])
    for part in case.get("where", []) + case.get("why", []):
        assert part in text, (part, text)
