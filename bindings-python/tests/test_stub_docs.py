"""The `.pyi` stubs carry the runtime docstrings (the Rust doc comments), so IDEs show the same
help as `help()`: regenerate with `python scripts/stub_docs.py` when a doc comment changes."""

from __future__ import annotations

import ast
import importlib.util
import pathlib

from dangjian import _dangjian

HERE = pathlib.Path(__file__).resolve().parent
SCRIPT = HERE.parent / "scripts" / "stub_docs.py"


def load_script() -> object:
    spec = importlib.util.spec_from_file_location("stub_docs", SCRIPT)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_stub_docstrings_are_the_runtime_docstrings() -> None:
    mod = load_script()
    source = mod.STUB.read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert mod.generate(source, _dangjian) == source, (  # type: ignore[attr-defined]
        "the stub's docstrings differ from the built module: run `python scripts/stub_docs.py` "
        "in bindings-python/"
    )


def test_most_stub_functions_have_docstrings() -> None:
    mod = load_script()
    tree = ast.parse(mod.STUB.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    defs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and not n.name.startswith("__")]
    documented = [n for n in defs if ast.get_docstring(n)]
    assert len(documented) * 10 >= len(defs) * 8, f"{len(documented)} of {len(defs)} documented"
