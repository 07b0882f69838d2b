"""The conformance suite (``tests/conformance/``, format in its README) replayed through the
Python binding: the same case files as ``cargo test`` and node, each case one test named by
its file and case."""

from __future__ import annotations

import copy
import json
import pathlib
from typing import Any

import pytest

import dangjian

ROOT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "conformance"


def _case_files() -> list[pathlib.Path]:
    return sorted(p for p in ROOT.rglob("*.json") if "bases" not in p.relative_to(ROOT).parts)


def _cases() -> list[Any]:
    out = []
    for path in _case_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        for i, case in enumerate(doc.get("cases", [])):
            rel = path.relative_to(ROOT).as_posix()
            out.append(pytest.param(doc, case, id=f"{rel}#{i}:{case.get('name', '?')}"))
    return out


def _dataset(doc: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    if "dataset" in case:
        ds: dict[str, Any] = copy.deepcopy(case["dataset"])
    else:
        base = case.get("base", doc.get("base"))
        ds = json.loads((ROOT / "bases" / f"{base}.json").read_text(encoding="utf-8"))
    for key, value in case.get("merge", {}).items():
        ds[key] = copy.deepcopy(value)
    for key, values in case.get("extend", {}).items():
        ds.setdefault(key, []).extend(copy.deepcopy(values))
    return ds


_MISSING = object()


def _pointer(value: Any, path: str) -> Any:
    if path == "":
        return value
    for raw in path.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(value, list):
            if not token.isdigit() or int(token) >= len(value):
                return _MISSING
            value = value[int(token)]
        elif isinstance(value, dict):
            if token not in value:
                return _MISSING
            value = value[token]
        else:
            return _MISSING
    return value


def _select(report: Any, query: dict[str, Any]) -> Any:
    path = query.get("path", "")
    value = _pointer(report, path)
    if value is _MISSING:
        raise AssertionError(f"path not found: {path}")
    if "where" in query:
        value = [item for item in value if all(item.get(k) == v for k, v in query["where"].items())]
    if "pluck" in query:
        value = [item.get(query["pluck"]) for item in value]
    if query.get("count"):
        value = len(value)
    return value


def _run(ds: dict[str, Any], query: dict[str, Any]) -> tuple[str, Any]:
    """("ok", value) or ("error", code)."""
    try:
        dataset = dangjian.Dataset.from_json(json.dumps(ds, ensure_ascii=False))
        kind = query.get("kind", "report")
        if kind == "load":
            dataset.registry()
            return "ok", "ok"
        if kind == "report":
            year, month = (int(x) for x in query["month"].split("-"))
            report = dataset.monthly_report(year, month)
        else:
            raise AssertionError(f"unknown query kind {kind!r}")
    except dangjian.Error as e:
        return "error", e.code
    return "ok", _select(report, query)


@pytest.mark.parametrize(("doc", "case"), _cases())
def test_conformance_case(doc: dict[str, Any], case: dict[str, Any]) -> None:
    got = _run(_dataset(doc, case), case.get("query", {}))
    if "error" in case:
        assert got == ("error", case["error"]), f"expected error {case['error']}, got {got}"
    else:
        assert got == ("ok", case["expected"]), f"expected {case['expected']!r}, got {got}"


def test_every_case_names_a_catalogued_rule() -> None:
    codes = set(dangjian.rules().to_pandas()["code"])
    for path in _case_files():
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc.get("cases", []):
            assert case.get("rule", doc.get("rule")) in codes, f"{path}: {case.get('name')}"


def test_the_catalogue_table_has_sources() -> None:
    df = dangjian.rules().to_pandas()
    assert {"code", "title", "document", "from", "to", "parameters"} <= set(df.columns)
    assert (df["document"].str.len() > 0).all()
