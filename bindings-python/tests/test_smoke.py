"""Smoke tests: the installed wheel imports and reports the core's version."""

from __future__ import annotations

import pathlib
import tomllib

import dangjian
from dangjian import _dangjian

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]


def workspace_version() -> str:
    """The version from the root Cargo.toml ``[workspace.package]``."""
    with (REPO_ROOT / "Cargo.toml").open("rb") as f:
        cargo = tomllib.load(f)
    version = cargo["workspace"]["package"]["version"]
    assert isinstance(version, str)
    return version


def test_version_matches_cargo() -> None:
    assert dangjian.__version__ == workspace_version()


def test_version_function_matches_attribute() -> None:
    assert dangjian.version() == dangjian.__version__


def test_native_module_is_the_installed_extension() -> None:
    # Guards against importing the source tree (python/dangjian has no .so).
    origin = pathlib.Path(_dangjian.__file__ or "")
    assert origin.suffix in {".so", ".pyd"}
    assert "site-packages" in origin.parts


def test_public_names() -> None:
    assert {"__version__", "version", "Dataset", "Scorer", "RuleSet", "Error"} <= set(dangjian.__all__)
