"""The built wheel is publishable: PyPI metadata, and it installs into a fresh venv where the
quick start runs (issue 21).

The wheel is the one `maturin build` wrote (`$DANGJIAN_WHEEL`, else the newest
`target/wheels/dangjian-*.whl`; scripts/test-all.sh builds it and installs the same file into
.venv). Without a built wheel the test is skipped, saying how to build one.
"""

from __future__ import annotations

import email.parser
import os
import pathlib
import subprocess
import sys
import venv
import zipfile

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]

QUICK_START = """
import dangjian
ds = dangjian.Dataset.sample()
reg = ds.registry()
assert reg.headcount_on("2026-10-31") == 158
rules = dangjian.RuleSet.member_default()
scorer = dangjian.Scorer(ds)
scores = scorer.score(rules, "2026-10")
assert len(scores) == 158
assert scorer.what_if(rules, dangjian.RuleSet.member_strict(), "2026-10").grade_changes >= 0
assert "2026" in scorer.report(rules, "2026-10").to_text()
print("quick start ok", dangjian.__version__)
"""


def wheel() -> pathlib.Path:
    given = os.environ.get("DANGJIAN_WHEEL")
    if given:
        return pathlib.Path(given)
    found = sorted((REPO / "target" / "wheels").glob("dangjian-*.whl"), key=lambda p: p.stat().st_mtime)
    if not found:
        pytest.skip(
            "no built wheel: `maturin build --release --manifest-path bindings-python/Cargo.toml` "
            "(scripts/test-all.sh does it)"
        )
    return found[-1]


def test_the_wheel_is_abi3_with_pypi_metadata() -> None:
    w = wheel()
    assert "-cp39-abi3-" in w.name, w.name
    with zipfile.ZipFile(w) as z:
        meta_name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(z.read(meta_name).decode("utf-8"))
        names = z.namelist()
    assert meta["Name"] == "dangjian"
    assert meta["Requires-Python"] == ">=3.9"
    assert meta["License-Expression"] == "MIT OR Apache-2.0"
    assert meta["Description-Content-Type"].startswith("text/markdown")
    assert "import dangjian" in (meta.get_payload() or "")  # the README is the long description
    assert meta["Keywords"] and "党建" in meta["Keywords"]
    classifiers = meta.get_all("Classifier") or []
    assert "Typing :: Typed" in classifiers and "Programming Language :: Rust" in classifiers
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Repository", "Issues"} <= set(urls)
    assert any(n.endswith("LICENSE-MIT") for n in names) and any(n.endswith("LICENSE-APACHE") for n in names)
    assert "dangjian/py.typed" in names and "dangjian/_dangjian.pyi" in names


@pytest.mark.timeout(600)
def test_the_wheel_installs_into_a_fresh_venv(tmp_path: pathlib.Path) -> None:
    w = wheel()
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    py = env_dir / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", str(w)],
        check=True,
        env=clean,
    )
    out = subprocess.run(
        [str(py), "-c", QUICK_START], check=True, capture_output=True, text=True, env=clean, cwd=tmp_path
    )
    assert "quick start ok" in out.stdout
