"""Scale-out helpers: score partitioned event tables on Dask (or Spark) workers.

Scoring partitions by organization: every member belongs to one organization
(branch) per period, and totals, grades, stars, ranks within the organization
and the top-grade quota depend only on that organization's members. So a
partition holding whole organizations (all their members and all their events)
is scored exactly by the core on its own. The only figure across partitions is
the overall competition rank, ``1 + (rows with a greater total)``: it is
rebuilt from the partitions' histograms of totals (one small table each) by the
core's rank merge (``scoring::RankHistogram``, through
``dangjian._dangjian.merge_rank_histograms``), the one definition of the rank
that the kernel also uses; nothing is re-ranked in pandas.

Points travel as ``int64`` thousandths (exact) between the steps.
"""

from __future__ import annotations

from typing import Any, Iterator

__all__ = [
    "score_partition",
    "score_dask",
    "score_arrow_batches",
    "score_parquet_partition",
    "rank_parquet_partition",
    "overall_ranks",
    "score_parquet_dask",
]

POINT_COLUMNS = ("total", "basic", "reward", "deduction", "veto")


def _thousandths(table: Any) -> Any:
    """Decimal point columns as int64 thousandths (exact); dictionary-encoded labels
    (``period``, ``org``, ``grade``) decoded to strings, so that partitions with different
    organizations have the same column types."""
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.compute as pc  # type: ignore[import-untyped,unused-ignore]

    for i, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type):
            table = table.set_column(i, field.name, table[field.name].cast(field.type.value_type))
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
    # Histogram of totals per (period, total): one row per distinct total, computed once;
    # the ranks of each period's totals come from the core's merge.
    hist = df.groupby(["period", "total"]).size().compute().rename("n").reset_index()
    frames = []
    for period_label, h in hist.groupby("period"):
        totals, ranks_of = overall_ranks([(h["total"].to_numpy(), h["n"].to_numpy())])
        frames.append(pd.DataFrame({"period": period_label, "total": totals,
                                    "rank_overall": ranks_of}))
    ranks = (pd.concat(frames, ignore_index=True) if frames
             else pd.DataFrame({"period": pd.Series([], dtype=str), "total": pd.Series([], dtype="int64"),
                                "rank_overall": pd.Series([], dtype="uint32")}))

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


# ---------------------------------------------------------------------------------------------
# Parquet to Parquet in two passes, Arrow throughout (for populations too large to hold).
# ---------------------------------------------------------------------------------------------


def score_parquet_partition(events_file: str, subjects_file: str, out_file: str, *, rules_json: str,
                            period: str) -> tuple[Any, Any]:
    """Pass 1 on one partition: read its events and subjects, score them with the core's
    kernel, write the scores (points as int64 thousandths, no overall rank yet) to
    ``out_file``, and return the histogram of totals as two numpy arrays (distinct totals,
    counts)."""
    import numpy as np
    import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

    from dangjian import RuleSet, score_events

    rules = RuleSet.from_json(rules_json)
    t = score_events(rules, period, pq.read_table(events_file), subjects=pq.read_table(subjects_file),
                     parallel=False).to_pyarrow()
    t = _thousandths(t.drop_columns(["rank_overall"]))
    pq.write_table(t, out_file)
    values, counts = np.unique(t["total"].to_numpy(), return_counts=True)
    return values, counts


def overall_ranks(histograms: list[tuple[Any, Any]]) -> tuple[Any, Any]:
    """The competition rank of every distinct total across partitions, from the partitions'
    histograms (pairs of distinct totals in int64 thousandths and their counts):
    ``1 + (rows with a greater total)``, merged by the core (``scoring::RankHistogram``), as
    its kernel ranks. Returns the distinct totals (ascending, int64) and their ranks
    (uint32) as numpy arrays."""
    import numpy as np

    from dangjian._dangjian import merge_rank_histograms

    parts = [(np.asarray(v, dtype=np.int64).tolist(), np.asarray(c, dtype=np.int64).tolist())
             for v, c in histograms]
    totals, ranks = merge_rank_histograms(parts)
    return np.asarray(totals, dtype=np.int64), np.asarray(ranks, dtype=np.uint32)


def rank_parquet_partition(in_file: str, out_file: str, *, totals: Any, ranks: Any) -> int:
    """Pass 2 on one partition: add ``rank_overall`` (looked up from :func:`overall_ranks`)
    and write the final scores. Returns the number of rows."""
    import numpy as np
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]

    t = pq.read_table(in_file)
    pos = np.searchsorted(totals, t["total"].to_numpy())
    t = t.append_column("rank_overall", pa.array(ranks[pos], pa.uint32()))
    pq.write_table(t, out_file)
    return int(t.num_rows)


def score_parquet_dask(files: list[tuple[str, str]], out_dir: str, *, rules_json: str, period: str) -> int:
    """Score partitions stored as Parquet — ``files`` is a list of (events file, subjects
    file), each partition holding whole organizations — on the current Dask client, writing
    ``out_dir/part-K.parquet`` with exact overall ranks. Two passes: score each partition
    and collect the histograms of totals; then add the overall rank to each partition.
    Nothing but the histograms comes back to the client. Returns the number of rows."""
    import os
    from functools import partial

    from dask.distributed import get_client

    client: Any = get_client()
    tmp = os.path.join(out_dir, "_unranked")
    os.makedirs(tmp, exist_ok=True)
    unranked = [os.path.join(tmp, f"part-{k:05}.parquet") for k in range(len(files))]
    # File names travel as task arguments (not in a closure: each task stays small).
    hists = client.gather(client.map(
        partial(score_parquet_partition, rules_json=rules_json, period=period),
        [e for e, _ in files], [s for _, s in files], unranked, pure=False))
    totals, ranks = overall_ranks(hists)
    totals_f, ranks_f = client.scatter(totals, broadcast=True), client.scatter(ranks, broadcast=True)
    final = [os.path.join(out_dir, f"part-{k:05}.parquet") for k in range(len(files))]
    rows = client.gather(client.map(rank_parquet_partition, unranked, final, totals=totals_f, ranks=ranks_f,
                                    pure=False))
    for f in unranked:
        os.remove(f)
    os.rmdir(tmp)
    return int(sum(rows))
