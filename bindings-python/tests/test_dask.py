"""The Dask pipeline on a local cluster equals one single-process kernel call."""

from __future__ import annotations

import importlib.util
import pathlib

import pandas as pd
import pyarrow as pa
import pytest

import dangjian
from dangjian.distributed import score_arrow_batches, score_dask, score_parquet_dask, score_partition

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("dask_pipeline", HERE.parent / "examples" / "dask_pipeline.py")
assert spec is not None and spec.loader is not None
pipeline = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pipeline)

RULES = dangjian.RuleSet.member_default()


def single_process(out: pathlib.Path) -> pd.DataFrame:
    ev = pd.concat([pd.read_parquet(f) for f in sorted((out / "events").glob("*.parquet"))], ignore_index=True)
    sub = pd.concat([pd.read_parquet(f) for f in sorted((out / "subjects").glob("*.parquet"))], ignore_index=True)
    scored: pd.DataFrame = score_partition(ev, sub, rules_json=RULES.to_json(), period=pipeline.PERIOD)
    return scored


@pytest.mark.timeout(120)
def test_dask_local_cluster_equals_single_process(tmp_path: pathlib.Path) -> None:
    from dask.distributed import Client, LocalCluster

    pipeline.generate(tmp_path, members=4_000, partitions=4, seed=3)
    expect = single_process(tmp_path).sort_values("subject").reset_index(drop=True)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False,  # type: ignore[no-untyped-call]
                           dashboard_address=None)
    with cluster, Client(cluster):  # type: ignore[no-untyped-call]
        got = score_dask(pipeline.load_parts(tmp_path), rules_json=RULES.to_json(), period=pipeline.PERIOD)
        got = got.compute().sort_values("subject").reset_index(drop=True)
    assert len(got) == 4_000
    assert got["rank_overall"].max() > 1
    pd.testing.assert_frame_equal(got, expect, check_dtype=False)


def test_spark_shaped_partition_function(tmp_path: pathlib.Path) -> None:
    pipeline.generate(tmp_path, members=400, partitions=1, seed=5)
    ev = pa.Table.from_pandas(pd.read_parquet(tmp_path / "events" / "part-00000.parquet"))
    sub = pd.read_parquet(tmp_path / "subjects" / "part-00000.parquet")
    out = pa.Table.from_batches(list(score_arrow_batches(iter(ev.to_batches(max_chunksize=97)), subjects=sub,
                                                         rules_json=RULES.to_json(), period=pipeline.PERIOD)))
    assert out.num_rows == 400
    assert out.column("total").type == pa.int64()


@pytest.mark.timeout(120)
def test_parquet_two_pass_pipeline_equals_single_process(tmp_path: pathlib.Path) -> None:
    """The large-scale path (Parquet in, Parquet out, two passes, generation on the workers)
    gives the single-process result, overall ranks included."""
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False,  # type: ignore[no-untyped-call]
                           dashboard_address=None)
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        n_events = pipeline.generate(tmp_path, members=4_000, partitions=4, seed=3, events_per_member=1.5,
                                     client=client)
        files = [(str(f), str(tmp_path / "subjects" / f.name)) for f in sorted((tmp_path / "events").glob("*.parquet"))]
        out = tmp_path / "scores"
        out.mkdir()
        rows = score_parquet_dask(files, str(out), rules_json=RULES.to_json(), period=pipeline.PERIOD)
    assert rows == 4_000 and n_events == 6_000
    got = pd.concat([pd.read_parquet(f) for f in sorted(out.glob("*.parquet"))], ignore_index=True)
    expect = single_process(tmp_path)
    cols = list(expect.columns)
    got = got[cols].sort_values("subject").reset_index(drop=True)
    expect = expect.sort_values("subject").reset_index(drop=True)
    assert got["rank_overall"].max() > 1
    pd.testing.assert_frame_equal(got, expect, check_dtype=False)
