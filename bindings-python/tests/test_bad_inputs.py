"""Replay the core's hostile-input corpus (tests/bad-inputs/manifest.json) through Python:
each file must fail with a dangjian.Error of the expected code whose message holds every
`where` and `why` substring, never a crash or PanicException.

Skips only when the manifest is absent (it arrives with the reliability work)."""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest

import dangjian
from conftest import REPO_ROOT

ROOT = REPO_ROOT / "tests" / "bad-inputs"
MANIFEST = ROOT / "manifest.json"

ENTRIES: dict[str, Callable[[bytes], Any]] = {
    "dataset_json": lambda b: dangjian.Dataset.from_json(b).registry(),
    "dataset_binary": lambda b: dangjian.Dataset.from_binary(b).registry(),
}


def cases() -> list[dict[str, Any]]:
    if not MANIFEST.exists():
        return []
    entries: list[dict[str, Any]] = json.loads(MANIFEST.read_text("utf-8"))["cases"]
    return entries


@pytest.mark.skipif(not MANIFEST.exists(), reason="tests/bad-inputs/manifest.json not on this branch yet")
@pytest.mark.parametrize("case", cases(), ids=lambda c: str(c["file"]))
def test_bad_input(case: dict[str, Any]) -> None:
    entry = ENTRIES.get(case["entry"])
    if entry is None:
        pytest.skip(f"entry {case['entry']} has no Python binding yet")
    data = (ROOT / case["file"]).read_bytes()
    with pytest.raises(dangjian.Error) as info:
        entry(data)
    e = info.value
    assert e.code == case["code"], (e.code, str(e))
    text = "\n".join([str(e)] + [str(r.get("field", "")) + " " + str(r.get("reason", "")) for r in e.errors()])
    for part in case.get("where", []) + case.get("why", []):
        assert part in text, (part, text)
