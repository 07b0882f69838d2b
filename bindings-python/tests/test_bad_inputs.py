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
GOLDEN = json.loads((REPO_ROOT / "tests" / "golden" / "error-reports.json").read_text("utf-8"))
"""The core's ErrorReport of every case (core/tests/bad_inputs.rs writes it): code, class,
details and rows must be exactly these in Python too."""
CLASSES = {
    "validation": dangjian.errors.ValidationError,
    "rule": dangjian.errors.RuleError,
    "scoring": dangjian.errors.ScoringError,
    "roster": dangjian.errors.RosterError,
    "post": dangjian.errors.PostError,
    "compliance": dangjian.errors.ComplianceError,
    "scope": dangjian.errors.ScopeError,
    "store": dangjian.errors.StoreError,
    "internal": dangjian.errors.InternalError,
}
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
    return lambda b: unchanged(
        community(), lambda r: r.import_roster(b, as_of=AS_OF, format=fmt, entry="transferred_in")
    )


def compact(v: Any) -> str:
    """JSON text as the core's replay writes a parsed value back (serde_json `Value::to_string`:
    compact, keys sorted — serde_json's maps are ordered by key)."""
    return json.dumps(v, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def rule_set_json(b: bytes) -> Any:
    """`rule_set_json`: a document whose first non-blank byte is `[` is a rule book."""
    if b.lstrip()[:1] == b"[":
        return dangjian.RuleBook.from_json(b)
    return dangjian.RuleSet.from_json(b)


def score_json(b: bytes) -> Any:
    """`score_json`: {"dataset": dataset JSON or null (the sample community), "rule_set": a rule
    set or an array (a rule book), "period": "YYYY-MM", "strict": bool}: load the dataset,
    load the rule set, read the period, build the scorer, score — the first error is the case's.
    (As core/tests/bad_inputs/scoring.rs.)"""
    try:
        req = json.loads(b)
    except ValueError as e:  # the outer request is not JSON: the replay's own `json` error
        # (as a binding reports JSON of the wrong shape: `{argument, line, column}`)
        details = {"argument": "request", "line": getattr(e, "lineno", 0), "column": getattr(e, "colno", 0)}
        raise dangjian.ValidationError(str(e), "json", details) from e
    ds = dangjian.Dataset.sample() if req.get("dataset") is None else dangjian.Dataset.from_json(compact(req["dataset"]))
    ds.registry()
    rules: Any
    if isinstance(req.get("rule_set"), list):
        rules = book = dangjian.RuleBook.from_json(compact(req["rule_set"]))
    else:
        rules = dangjian.RuleSet.from_json(compact(req.get("rule_set")))
        book = dangjian.RuleBook([rules])
    period = req.get("period") if isinstance(req.get("period"), str) else ""
    book.for_period(period)  # the period is read before the scorer is built (bad_period)
    strict = req.get("strict") if isinstance(req.get("strict"), bool) else True
    scorer = dangjian.Scorer(ds, mode="strict" if strict else "lenient")
    # the core's `Scorer::score` (one period of the rule set's kind), as Python's `score`
    return scorer.score(rules, period)


ENTRIES: dict[str, Callable[[bytes], Any]] = {
    "dataset_json": lambda b: dangjian.Dataset.from_json(b).registry(),
    "dataset_binary": lambda b: dangjian.Dataset.from_binary(b).registry(),
    "roster_csv": roster("csv"),
    "roster_xlsx": roster("xlsx"),
    "registry_apply": lambda b: unchanged(dangjian.Registry.sample_small(), lambda r: r.apply(b)),
    "registry_add_members": lambda b: unchanged(dangjian.Registry.sample_small(), lambda r: r.add_members(b)),
    "rule_set_json": rule_set_json,
    "rule_set_toml": lambda b: dangjian.RuleSet.from_toml(b),
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
    # as in core/tests/bad_inputs.rs: each bad row in the core's Chinese form (第N行「列」列) too
    # the Chinese message (str(e)) and the core's own (message_en), where English `why`s stay
    text = "\n".join(
        [str(e), e.message_en]
        + [f"row {r.get('row', '')}, column `{r.get('field', '')}`: {r.get('reason', '')}" for r in e.errors()]
        + [f"第{r.get('row', '')}行「{r.get('field', '')}」列：{r.get('reason', '')}" for r in e.errors()]
    )
    for part in case.get("where", []) + case.get("why", []):
        assert part in text, (part, text)


@pytest.mark.parametrize("case", cases(), ids=lambda c: str(c["file"]))
def test_bad_input_error_report_is_the_cores(case: dict[str, Any]) -> None:
    """The same code, class, details and rows as the core's ErrorReport (the golden file)."""
    entry = ENTRIES[case["entry"]]
    data = (ROOT / case["file"]).read_bytes()
    with pytest.raises(dangjian.Error) as info:
        entry(data)
    e = info.value
    want = GOLDEN[case["file"]]
    assert type(e) is CLASSES[want["class"]], (type(e), want["class"], str(e))
    assert {"code": e.code, "details": e.details, "rows": e.rows} == {
        "code": want["code"],
        "details": want["details"],
        "rows": want["rows"],
    }
