"""The examples in the docstrings of the native classes run and give what they say."""

from __future__ import annotations

import doctest
import inspect

import pytest

import dangjian
from dangjian import _dangjian


def docstrings() -> list[tuple[str, str]]:
    out = [("dangjian", dangjian.__doc__ or "")]
    for name, cls in inspect.getmembers(_dangjian, inspect.isclass):
        out.append((name, cls.__doc__ or ""))
        for attr, member in vars(cls).items():
            doc = getattr(member, "__doc__", None)
            if isinstance(doc, str) and ">>>" in doc:
                out.append((f"{name}.{attr}", doc))
    return [(n, d) for n, d in out if ">>>" in d]


@pytest.mark.parametrize("name,doc", docstrings(), ids=lambda x: x if "\n" not in x else "")
def test_docstring_examples(name: str, doc: str) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(doc, {"dangjian": dangjian}, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0, name


def test_there_are_examples() -> None:
    names = {n for n, _ in docstrings()}
    assert {"Registry", "RegistryScope", "Privacy", "Compliance", "PostBook", "RuleBook", "Registry.apply"} <= names
