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


def frame_to_csv(obj: Any) -> bytes | None:
    """A table given as a roster — a pandas or polars DataFrame, or anything with
    ``__arrow_c_stream__`` (pyarrow, a ``dangjian.Table``) — as UTF-8 CSV bytes for the core's
    roster reader, headers as the column names; ``None`` if ``obj`` is not a table.

    Date and datetime columns are written as ISO dates (a midnight time of day, as pandas
    writes ``datetime64`` columns, is read as the date); missing values as empty cells.
    """
    module = type(obj).__module__.split(".")[0]
    if module == "pandas" and hasattr(obj, "to_csv"):
        names = [n for n in getattr(obj.index, "names", []) if n is not None]
        text = obj.to_csv(index=bool(names))
        return text.encode("utf-8") if isinstance(text, str) else None
    if module == "polars" and hasattr(obj, "write_csv"):
        text = obj.write_csv()
        return text.encode("utf-8") if isinstance(text, str) else None
    if hasattr(obj, "__arrow_c_stream__"):
        import io

        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.csv as pacsv  # type: ignore[import-untyped,unused-ignore]

        buf = io.BytesIO()
        pacsv.write_csv(pa.table(obj), buf)
        return buf.getvalue()
    return None


def json_default(obj: Any) -> Any:
    """``json.dumps(default=...)`` for records built from DataFrames (``df.to_dict("records")``):
    a ``datetime``/``pandas.Timestamp`` at midnight is its ISO date (``1958-04-02``, the form
    the dataset's date fields take), a date its ISO form, ``NaT``/``NaN`` null, numpy numbers
    Python numbers; anything else its ``str``."""
    import datetime

    if obj != obj:  # NaT, NaN
        return None
    if isinstance(obj, datetime.datetime):
        if obj.time() == datetime.time(0) and obj.tzinfo is None:
            return obj.date().isoformat()
        return obj.isoformat()
    if isinstance(obj, datetime.date):
        return obj.isoformat()
    item = getattr(obj, "item", None)  # numpy scalars (numpy.int64, numpy.datetime64 …)
    if callable(item):
        try:
            value = item()
        except (TypeError, ValueError):
            value = obj
        if value is not obj and type(value) is not type(obj):
            return value if isinstance(value, (int, float, str, bool)) else json_default(value)
    return str(obj)
