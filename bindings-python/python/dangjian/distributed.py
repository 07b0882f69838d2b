"""Scale-out helpers: score partitioned event tables on Dask (or Spark) workers.

Scoring partitions by organization: every member belongs to one organization
(branch) per period, and totals, grades, stars, ranks within the organization
and the top-grade quota depend only on that organization's members. So a
partition holding whole organizations (all their members and all their events)
is scored exactly by the core on its own. The only figure across partitions is
the overall competition rank, ``1 + (rows with a greater total)``: it is
rebuilt from the histogram of totals (one small table), exactly as the core's
kernel computes it.

Points travel as ``int64`` thousandths (exact) between the steps.
"""

from __future__ import annotations

from typing import Any, Iterator

__all__ = ["score_partition", "score_dask", "score_arrow_batches"]

POINT_COLUMNS = ("total", "basic", "reward", "deduction", "veto")


def _thousandths(table: Any) -> Any:
    """Decimal point columns as int64 thousandths (exact)."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    for name in POINT_COLUMNS:
        if name in table.column_names:
            i = table.column_names.index(name)
            scaled = pc.multiply(table[name], pa.scalar(1000, pa.decimal128(4, 0)))
            table = table.set_column(i, name, pc.cast(scaled, pa.int64()))
    return table


def score_partition(events: Any, subjects: Any, *, rules_json: str, period: str, count: int = 1) -> Any:
    """Score one partition (pandas/polars/Arrow tables); returns a pandas DataFrame with
    points in int64 thousandths and a partition-local ``rank_overall``."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    from dangjian import RuleSet, score_events

    rules = RuleSet.from_json(rules_json)
    t = pa.table(score_events(rules, period, events, subjects=subjects, count=count, parallel=False))
    return _thousandths(t).to_pandas()


def score_dask(parts: list[tuple[Any, Any]], *, rules_json: str, period: str) -> Any:
    """Score ``parts`` — a list of (events, subjects) pairs of delayed or concrete tables,
    each holding whole organizations — on the current Dask client. Returns a Dask
    DataFrame with exact overall ranks."""
    import dask.dataframe as dd
    import pandas as pd
    from dask.delayed import delayed

    scored = [delayed(score_partition)(e, s, rules_json=rules_json, period=period) for e, s in parts]
    meta = score_partition(
        pd.DataFrame({"subject": pd.Series([], dtype=str), "item": pd.Series([], dtype=str),
                      "date": pd.Series([], dtype="int32")}),
        pd.DataFrame({"subject": pd.Series([], dtype=str), "group": pd.Series([], dtype=str)}),
        rules_json=rules_json, period=period,
    )
    df = dd.from_delayed(scored, meta=meta)
    # Histogram of totals per (period, total): one row per distinct total, computed once.
    hist = df.groupby(["period", "total"]).size().compute().rename("n").reset_index()
    hist = hist.sort_values(["period", "total"], ascending=[True, False])
    hist["rank_overall"] = (hist.groupby("period")["n"].cumsum() - hist["n"] + 1).astype("uint32")
    ranks = hist[["period", "total", "rank_overall"]]

    def with_ranks(part: pd.DataFrame) -> pd.DataFrame:
        merged = part.drop(columns=["rank_overall"]).merge(ranks, on=["period", "total"], how="left")
        return merged[list(part.columns)]

    return df.map_partitions(with_ranks, meta=meta)


def score_arrow_batches(batches: Iterator[Any], *, subjects: Any, rules_json: str, period: str) -> Iterator[Any]:
    """The same partition function in Spark's ``mapInArrow`` shape: an iterator of
    ``pyarrow.RecordBatch`` of one partition's events in, score batches out."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    events = pa.Table.from_batches(list(batches))
    out = pa.Table.from_pandas(score_partition(events, subjects, rules_json=rules_json, period=period),
                               preserve_index=False)
    yield from out.to_batches()
