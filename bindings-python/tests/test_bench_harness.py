"""The side-by-side benchmark harness (``benches/compare.py``, issue 8) at a tiny size.

Runs every contender (the core's kernel single-threaded and parallel, this binding on Arrow
input, the pandas and zen-engine reference implementations, ``numpy.bincount`` and the Rust
single pass) on a 158-member, 4,000-event workload and relies on the harness's own check that
their totals agree per member and month (it exits non-zero on any difference). The Rust side is
the ``bench_compare`` example, built in the debug profile (``cargo test`` has built it already).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
HARNESS = REPO_ROOT / "benches" / "compare.py"


def _load_harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_compare_harness", HARNESS)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def rust_bin() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO_ROOT / "target"))
    exe = target / "debug" / "examples" / "bench_compare"
    source = REPO_ROOT / "core" / "examples" / "bench_compare.rs"
    # `cargo test --workspace` (run before pytest by scripts/test-all.sh) has built it.
    if not exe.exists() or exe.stat().st_mtime < source.stat().st_mtime:
        subprocess.run(
            ["cargo", "build", "--quiet", "-p", "dangjian", "--example", "bench_compare"],
            cwd=REPO_ROOT,
            check=True,
        )
    return exe


@pytest.mark.timeout(900)
def test_contenders_agree_at_tiny_size(rust_bin: Path, tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    zen_args = [] if importlib.util.find_spec("zen") else ["--skip", "zen"]
    p = subprocess.run(
        [sys.executable, str(HARNESS), "--size", "tiny", "--no-build", "--rust-bin", str(rust_bin),
         "--data-dir", str(tmp_path), "--zen-events", "600", *zen_args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert p.returncode == 0, p.stdout + p.stderr
    out = p.stdout
    assert "all contenders' results checked equal" in out
    # `binding*`: the fast options (int64 thousandths, no category columns, integer subjects
    # table with branch codes); `binding-decimal`: the plain call (decimal128 points).
    for name in ("binding", "binding-parallel", "binding-decimal", "pandas", "rust-parallel", "bincount", "rust-sum"):
        assert name in out.split("checked equal", 1)[1].splitlines()[0], name
    if not zen_args:
        assert "zen-600: ours" in out
    assert "score-tiny: ours" in out
    assert "goal pandas / binding >= 60x" in out
    assert "decimal-points+categories" in out


@pytest.mark.timeout(900)
def test_extras_include_roster_import(rust_bin: Path, tmp_path: Path) -> None:
    """``--extras`` at the tiny size: conversion lines and roster import (Rust and Python)."""
    h = _load_harness()
    import argparse

    args = argparse.Namespace(size="tiny", rust_bin=str(rust_bin), data_dir=str(tmp_path), matching=False)
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        h.extras(args)
    out = buf.getvalue()
    assert "convert-python-1k-members" in out
    rust_line = next(ln for ln in out.splitlines() if ln.startswith("roster-import-rust-"))
    py_line = next(ln for ln in out.splitlines() if ln.startswith("roster-import-python-"))
    for what in ("roster-csv-parse", "roster-xlsx-parse", "roster-import"):
        assert what in rust_line
    assert "roster-csv-import" in py_line and "roster-xlsx-import" in py_line
    rows = int(rust_line.split("roster-import-rust-", 1)[1].split("-rows", 1)[0])
    assert 0 < rows <= 1000


def test_mismatch_is_reported(tmp_path: Path) -> None:
    import numpy as np

    h = _load_harness()
    a, b = tmp_path / "a.i64", tmp_path / "b.i64"
    np.array([60_000, 61_500, 0], dtype="<i8").tofile(a)
    np.array([60_000, 61_000, 0], dtype="<i8").tofile(b)
    ra = h.Result("ref", 0.0, 0.0, 0, a, 3)
    rb = h.Result("other", 0.0, 0.0, 0, b, 3)
    h.check_equal(ra, ra, "totals")
    with pytest.raises(SystemExit, match="MISMATCH: other differs from ref"):
        h.check_equal(ra, rb, "totals")


def test_reference_rounding_matches_the_core() -> None:
    """Half away from zero, as the core's ``mul_points`` (hand-computed)."""
    import numpy as np

    h = _load_harness()
    p = np.array([1500, 2500, -1500, -2500, 1499, -1499, 0], dtype=np.int64)
    assert h.round_div_1000(p).tolist() == [2, 3, -2, -3, 1, -1, 0]
