"""Conversions of Arrow tables to pandas and polars (kept out of Rust: they only call pyarrow
and polars)."""

from __future__ import annotations

from typing import Any


def _zh_names(schema: Any) -> list[str]:
    """The Chinese header of every field of ``schema`` (a pyarrow schema): its ``label_zh``
    metadata, else the core's vocabulary, else the name; repeats get ``（2）``, ``（3）`` …"""
    from dangjian._dangjian import label_zh

    out: list[str] = []
    for f in schema:
        meta = f.metadata or {}
        raw = meta.get(b"label_zh")
        label = raw.decode("utf-8") if raw else (label_zh(f.name) or f.name)
        name, k = label, 2
        while name in out:
            name = f"{label}（{k}）"
            k += 1
        out.append(name)
    return out


def to_pandas(table: Any, exact: bool, header: str = "en") -> Any:
    """``table`` (any Arrow stream) as a pandas DataFrame: decimals as float64 unless
    ``exact``, dates as ``datetime64``, Chinese column names when ``header == "zh"``."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    t = pa.table(table)
    if not exact:
        fields = [
            pa.field(f.name, pa.float64(), f.nullable, f.metadata)
            if pa.types.is_decimal(f.type)
            else f
            for f in t.schema
        ]
        t = t.cast(pa.schema(fields, t.schema.metadata))
    if header == "zh":
        t = t.rename_columns(_zh_names(t.schema))
    return t.to_pandas(date_as_object=False)


def to_polars(table: Any, header: str = "en") -> Any:
    """``table`` (any Arrow stream) as a polars DataFrame (decimals exact, dates ``Date``),
    Chinese column names when ``header == "zh"``."""
    import polars as pl  # type: ignore[import-not-found,unused-ignore]

    df = pl.DataFrame(table)
    if header == "zh":
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

        df.columns = _zh_names(pa.table(table).schema)
    return df
