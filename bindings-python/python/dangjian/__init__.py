"""dangjian: community party-organization domain library (Python bindings).

The Rust core decides everything; this package converts arguments in and
results out. Tables are Arrow (``__arrow_c_stream__``), so ``pyarrow.table(t)``,
``polars.DataFrame(t)`` and ``t.to_pandas()`` read them without per-row Python
objects. Points are exact ``decimal128(18, 3)``.

>>> import dangjian
>>> ds = dangjian.Dataset.sample()
>>> scores = dangjian.Scorer(ds).score(dangjian.RuleSet.member_default(), "2026-10")
>>> len(scores)
158
"""

from __future__ import annotations

from typing import Any, Literal

from dangjian._dangjian import (
    AnnualSummary,
    Compliance,
    Dataset,
    Explanation,
    PostBook,
    Privacy,
    Registry,
    RegistryScope,
    RuleBook,
    RuleSet,
    ScoreReport,
    Scorer,
    ScoreTable,
    Store,
    Table,
    WhatIf,
    __version__,
    golden_sample,
    label_zh,
    rules,
    version,
    write_xlsx,
)
from dangjian._dangjian import score_arrow as _score_arrow
from dangjian.errors import (
    ComplianceError,
    Error,
    InternalError,
    PostError,
    RosterError,
    RuleError,
    ScopeError,
    ScoringError,
    StoreError,
    ValidationError,
)

__all__ = [
    "AnnualSummary",
    "Compliance",
    "ComplianceError",
    "Dataset",
    "Error",
    "Explanation",
    "InternalError",
    "PostBook",
    "PostError",
    "Privacy",
    "Registry",
    "RegistryScope",
    "RosterError",
    "RuleBook",
    "RuleError",
    "RuleSet",
    "ScoreReport",
    "ScoreTable",
    "Scorer",
    "ScopeError",
    "ScoringError",
    "Store",
    "StoreError",
    "Table",
    "ValidationError",
    "WhatIf",
    "__version__",
    "golden_sample",
    "label_zh",
    "rules",
    "score_events",
    "version",
    "write_xlsx",
]


def _arrow(obj: Any) -> Any:
    """An object with ``__arrow_c_stream__`` (converting pandas without it via pyarrow)."""
    if hasattr(obj, "__arrow_c_stream__"):
        return obj
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    return pa.table(obj)


def score_events(
    rules: RuleSet,
    period: Any,
    events: Any,
    *,
    count: int = 1,
    subjects: Any = None,
    float_quantity: bool = False,
    parallel: bool = True,
    points: Literal["decimal", "thousandths"] = "decimal",
    categories: bool = True,
) -> Table:
    """Score a table of events in bulk with the core's columnar kernel.

    ``events`` is any Arrow-compatible table (pyarrow, polars, pandas) with
    columns ``subject`` (ids as strings/dictionary, or integer codes), ``item``
    (item codes, or indices into ``rules.items``), ``date`` (``date32`` or day
    numbers since 1970-01-01) and optionally ``quantity`` (``int64``
    thousandths or ``decimal128(_, 3)``; floats only with
    ``float_quantity=True``, and then each value must have at most three
    decimals). Subject ids may be plain or dictionary-encoded strings, or
    integers (plain or dictionary-encoded). ``subjects`` (optional table with
    ``subject`` and ``group``) fixes the universe of subjects and the
    organization each one is ranked in; its ``subject`` has the events' kind
    of ids (strings, or integers — any distinct ``uint32`` ids; ``0..n`` in
    order is the fast case, read without a copy) and ``group`` is strings or
    integer codes (returned as a ``uint32`` ``org`` column).

    Returns one row per subject and period (``count`` periods from ``period``:
    ``"2026-10"``, ``"2026-Q4"``, ``"2026"``, a ``datetime.date`` or ``pandas.Period``).
    Rows never become Python objects. Columns of the kernel's own types
    (``uint32`` subject, ``uint16`` item, ``date32``/``int32`` date, ``int64``
    quantity) are read without a copy. ``period``, ``org`` and ``grade`` are
    dictionary-encoded (``dictionary<int32, utf8>``); pyarrow, polars and pandas
    read them as their labels.

    Options for speed (the totals, grades and ranks do not change):

    - ``points="thousandths"``: the point columns (``total``, ``basic``,
      ``reward``, ``deduction``, ``veto``) are ``int64`` thousandths of a
      point (``12500`` is 12.5 points) instead of exact ``decimal128(18, 3)``;
      the kernel's own values, handed over without conversion (without any
      copy when ``count=1`` and every subject has a row).
    - ``categories=False``: no ``basic``/``reward``/``deduction``/``veto``
      columns; the kernel then skips keeping the category totals per row.
    """
    return _score_arrow(
        rules,
        period,
        _arrow(events),
        count=count,
        subjects=None if subjects is None else _arrow(subjects),
        float_quantity=float_quantity,
        parallel=parallel,
        points=points,
        categories=categories,
    )
