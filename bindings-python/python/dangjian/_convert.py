"""Conversions of Arrow tables to pandas (kept out of Rust: they only call pyarrow)."""

from __future__ import annotations

from typing import Any


def to_pandas(table: Any, exact: bool) -> Any:
    """``table`` (any Arrow stream) as a pandas DataFrame; decimals as float64 unless exact."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    t = pa.table(table)
    if not exact:
        fields = [
            pa.field(f.name, pa.float64()) if pa.types.is_decimal(f.type) else f
            for f in t.schema
        ]
        t = t.cast(pa.schema(fields))
    return t.to_pandas()
