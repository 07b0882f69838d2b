"""Exceptions raised by :mod:`dangjian`.

Every error the Rust core reports arrives as one of these classes (never as a
``PanicException``). Each carries:

* ``code`` — the core's stable snake_case code (``"unknown_item"``,
  ``"event_rejected"``, ``"rule_set_invalid"`` …);
* ``details`` — a dict of what, where and why: ``record`` (the record id),
  ``position`` / ``row`` (0-based input position), ``field`` and code-specific
  keys. Roster errors list every bad row under ``details["rows"]``.

Messages and details never contain names, ID numbers or phone numbers.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Error",
    "ValidationError",
    "RuleError",
    "ScoringError",
    "RosterError",
    "PostError",
    "ComplianceError",
    "ScopeError",
    "StoreError",
    "MissingFileError",
]


class Error(Exception):
    """Base class of every dangjian error."""

    code: str
    """Stable machine-readable code of the core's error variant."""
    details: dict[str, Any]
    """Record id, position/row, field and code-specific details."""

    def __init__(self, message: str, code: str = "error", details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.details = dict(details or {})

    @property
    def message(self) -> str:
        """The human-readable message."""
        return str(self.args[0]) if self.args else ""

    @property
    def record(self) -> str | None:
        """Id of the record the error is about, if any."""
        r = self.details.get("record")
        return r if isinstance(r, str) else None

    @property
    def position(self) -> int | None:
        """0-based position (row) in the input, if any."""
        p = self.details.get("position", self.details.get("row"))
        return p if isinstance(p, int) else None

    @property
    def field(self) -> str | None:
        """The field (column, JSON path) the error is about, if any."""
        f = self.details.get("field")
        return f if isinstance(f, str) else None

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The bad rows of a roster error (``row``, ``field`` = column, ``code`` = the row's own
        reason such as ``bad_date`` or ``unknown_branch``, masked ``value``, ``reason``);
        empty for other errors. ``code`` of the error itself says what kind of error it is
        (``invalid_rows``)."""
        rows = self.details.get("rows")
        return [dict(r) for r in rows] if isinstance(rows, list) else []

    def errors(self) -> list[dict[str, Any]]:
        """Every problem as a dict: the roster rows (each with its own ``code``) for a roster
        error, else one entry with the error's code."""
        rows = self.rows
        if rows:
            return [{"code": self.code, **r} for r in rows]
        return [dict(self.details, code=self.code, message=self.message)]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, details={self.details!r})"


class ValidationError(Error, ValueError):
    """Invalid dataset, organization, member, lifecycle event or argument (date, period …)."""


class RuleError(Error, ValueError):
    """A rule set or rule book that cannot be loaded: which rule set, item and field."""


class ScoringError(Error, ValueError):
    """An activity or bulk column that cannot be scored: activity id, position, field."""


class RosterError(Error, ValueError):
    """A roster file (CSV/XLSX) that cannot be imported; ``errors()`` lists the bad rows."""


class PostError(Error, ValueError):
    """A post, claim or service record the post module refuses."""


class ComplianceError(Error, ValueError):
    """Dues, meeting or election records that break a rule (``details``: ``field`` = the
    data section, ``position``)."""


class ScopeError(Error, LookupError):
    """A scoped view was asked about an organization that does not exist
    (``scope_org_not_found``) or a person it cannot see (``not_found`` — the same error as for
    an id that does not exist at all)."""


class StoreError(Error, OSError):
    """The durable store (:class:`dangjian.Store`) refused an operation; nothing was written.

    ``code`` is one of ``not_found``, ``already_exists``, ``not_a_store``, ``newer_schema``,
    ``conflict`` (another writer committed first: read again and commit anew; ``details`` has
    ``expected`` and ``actual`` head numbers), ``busy``, ``disk_full``, ``bad_stamp``,
    ``recorded_before_head``, ``empty_batch``, ``not_recorded``, ``corrupt``, ``storage``.
    A batch refused by the core's validation raises the core's own class instead
    (:class:`ValidationError`, :class:`ScoringError` …)."""


class MissingFileError(Error, FileNotFoundError):
    """A file that does not exist (``code`` ``file_not_found``, ``details["path"]``). Both a
    :class:`dangjian.Error` and the built-in ``FileNotFoundError``: ``except
    FileNotFoundError`` catches it as it catches ``open()``'s error."""

    def __str__(self) -> str:
        return self.message
