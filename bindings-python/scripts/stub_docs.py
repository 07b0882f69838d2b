"""Copies the runtime docstrings of ``dangjian._dangjian`` into its stubs (``_dangjian.pyi``).

The Rust doc comments of ``bindings-python/src/`` are the one source: pyo3 makes them the
``__doc__`` of the native classes, methods, properties and functions, and this script writes
the same text into the ``.pyi`` that IDEs read (hover help, completion). Signatures and types
in the stub are left as they are (``mypy.stubtest`` checks those); only docstrings change.
An item without a runtime docstring keeps the stub's own.

    python scripts/stub_docs.py           # rewrite python/dangjian/_dangjian.pyi
    python scripts/stub_docs.py --check   # exit 1 if the stub's docstrings differ

``tests/test_stub_docs.py`` runs the check, so CI fails when a doc comment changed and the
stub was not regenerated.
"""

from __future__ import annotations

import ast
import inspect
import pathlib
import sys
from typing import Any

STUB = pathlib.Path(__file__).resolve().parent.parent / "python" / "dangjian" / "_dangjian.pyi"


def runtime_doc(obj: Any) -> str | None:
    """The cleaned docstring of a native object, or ``None``."""
    doc = getattr(obj, "__doc__", None)
    if not isinstance(doc, str) or not doc.strip():
        return None
    return inspect.cleandoc(doc)


def literal(doc: str, indent: str) -> str:
    """``doc`` as a triple-quoted string literal whose lines are indented by ``indent``."""
    text = doc.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if text.endswith('"'):
        text += " "
    lines = text.split("\n")
    if len(lines) == 1:
        return f'"""{text}"""'
    body = "\n".join((indent + line) if line else "" for line in lines[1:])
    return f'"""{lines[0]}\n{body}\n{indent}"""'


def offsets(source: str) -> list[int]:
    """Character offset of the start of every line (1-based line numbers index it)."""
    out = [0, 0]
    for line in source.splitlines(keepends=True):
        out.append(out[-1] + len(line))
    return out


def generate(source: str, module: Any) -> str:
    """The stub ``source`` with every docstring taken from ``module`` at runtime."""
    tree = ast.parse(source)
    starts = offsets(source)

    def pos(line: int, col: int) -> int:
        # ast columns count UTF-8 bytes.
        text = source[starts[line] : starts[line + 1]]
        return starts[line] + len(text.encode("utf-8")[:col].decode("utf-8"))

    edits: list[tuple[int, int, str]] = []

    def has_doc(body: list[ast.stmt]) -> bool:
        first = body[0] if body else None
        return (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        )

    def function(node: ast.FunctionDef, owner: Any) -> None:
        name = node.name
        if name.startswith("__") and name.endswith("__") and name not in ("__init__", "__new__"):
            return
        obj = (vars(owner).get(name) if isinstance(owner, type) else getattr(owner, name, None))
        doc = runtime_doc(obj) if obj is not None else None
        if isinstance(owner, type) and name in ("__init__", "__new__"):
            doc = None  # the class docstring documents construction
        if doc is None:
            return
        indent = " " * (node.col_offset + 4)
        header_end = pos(node.body[0].lineno, node.body[0].col_offset)
        header = source[pos(node.lineno, node.col_offset) : header_end].rstrip()
        new = f"{header}\n{indent}{literal(doc, indent)}"
        edits.append((pos(node.lineno, node.col_offset), pos(node.end_lineno or node.lineno, node.end_col_offset or 0), new))

    def klass(node: ast.ClassDef, owner: Any) -> None:
        cls = getattr(owner, node.name, None)
        if not isinstance(cls, type):
            return
        doc = runtime_doc(cls)
        indent = " " * (node.col_offset + 4)
        if doc is not None:
            if has_doc(node.body):
                d = node.body[0]
                edits.append((pos(d.lineno, d.col_offset), pos(d.end_lineno or d.lineno, d.end_col_offset or 0), literal(doc, indent)))
            else:
                at = pos(node.body[0].lineno, 0)
                edits.append((at, at, f"{indent}{literal(doc, indent)}\n"))
        for item in node.body:
            if isinstance(item, ast.FunctionDef):
                function(item, cls)

    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            function(node, module)
        elif isinstance(node, ast.ClassDef):
            klass(node, module)

    out = source
    for start, end, text in sorted(edits, reverse=True):
        out = out[:start] + text + out[end:]
    return out


def main(argv: list[str]) -> int:
    from dangjian import _dangjian

    source = STUB.read_text(encoding="utf-8")
    new = generate(source, _dangjian)
    if "--check" in argv:
        if new != source:
            print(
                f"{STUB.name}: docstrings differ from the built module; "
                "run `python scripts/stub_docs.py` in bindings-python/",
                file=sys.stderr,
            )
            return 1
        return 0
    STUB.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
