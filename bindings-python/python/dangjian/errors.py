"""Exceptions raised by :mod:`dangjian`.

Every error the Rust core reports arrives as one of these classes (never as a
``PanicException``), built from the core's ``ErrorReport`` (``docs/errors.md``
lists every code, its class and its detail keys). Each carries:

* ``code`` — the core's stable snake_case code (``"unknown_item"``,
  ``"event_rejected"``, ``"rule_set_invalid"`` …);
* ``details`` — a dict of what, where and why with one fixed key set per error
  variant (a key whose value is unknown is ``None``): ``record`` (the record id),
  ``position`` / ``row`` (0-based input position), ``field`` and code-specific
  keys;
* ``rows`` — every bad row of a roster import (``invalid_rows``), else ``[]``;
* ``message_en`` — the core's message (``str(e)`` is Chinese first).

Messages and details never contain names, ID numbers or phone numbers: the core
masks them once, before they reach Python.
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
    "InternalError",
    "MissingFileError",
]


class Error(Exception):
    """Base class of every dangjian error."""

    code: str
    """Stable machine-readable code of the core's error variant."""
    details: dict[str, Any]
    """Record id, position/row, field and code-specific details (one key set per variant)."""
    rows: list[dict[str, Any]]
    """Every bad row of a roster import (``row``, ``field``, ``code``, ``value``, ``reason``)."""
    message_en: str
    """The core's message (English, or Chinese first with English in parentheses)."""

    def __init__(
        self,
        message: str,
        code: str = "error",
        details: dict[str, Any] | None = None,
        *,
        rows: list[dict[str, Any]] | None = None,
        message_en: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.details = dict(details or {})
        self.rows = list(rows or [])
        self.message_en = message if message_en is None else message_en

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

    def errors(self) -> list[dict[str, Any]]:
        """Every problem as a dict: the roster rows (each with its own ``code``, such as
        ``bad_date`` or ``unknown_branch``) for a roster error, else one entry with the error's
        code."""
        if self.rows:
            return [{"code": self.code, **r} for r in self.rows]
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
    """Dues, meeting or election records that break a rule (``details``: ``section`` = the
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


class InternalError(Error, RuntimeError):
    """A state the library believes impossible (``code`` ``internal``): a bug — please report
    it with ``details["what"]``."""


class MissingFileError(Error, FileNotFoundError):
    """A file that does not exist (``code`` ``file_not_found``, ``details["path"]``). Both a
    :class:`dangjian.Error` and the built-in ``FileNotFoundError``: ``except
    FileNotFoundError`` catches it as it catches ``open()``'s error."""

    def __str__(self) -> str:
        return self.message
