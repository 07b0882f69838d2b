"""Score a synthetic population on Dask over partitioned Parquet.

    python dask_pipeline.py generate OUT --members 100_000_000 --partitions 2000 --events 1
    python dask_pipeline.py score OUT --workers 8 [--scheduler tcp://host:8786]

`generate` writes OUT/events/part-K.parquet and OUT/subjects/part-K.parquet:
whole branches of 40 members per partition (every member's events live with the
member's branch), --events events per member in the month on average (3 by
default). Partition K is generated from (--seed, K) alone, on the Dask workers,
so partitions can be made anywhere in any order. `score` scores every partition
on the Dask cluster with the core's bulk kernel in two passes
(``dangjian.distributed.score_parquet_dask``: scores and histograms of totals,
then exact overall ranks) and writes OUT/scores/part-K.parquet. Both print the
wall time, the CPU time (user+sys) of the workers and the client, and the
workers' peak memory.

Memory per partition: about 50 MB per million members. 100 million members in
2000 partitions of 50 000 members run on any cluster whose workers hold a few
partitions at a time.
"""

from __future__ import annotations

import argparse
import pathlib
import time
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import dangjian
from dangjian.distributed import score_parquet_dask

BRANCH = 40
PERIOD = "2025-01"
FIRST_DAY = 20089  # 2025-01-01 as days since 1970-01-01


def partition(k: int, members: int, seed: int, items: list[str],
              events_per_member: float = 3.0) -> tuple[pa.Table, pa.Table]:
    """Partition k: `members` members in branches of 40 and their events (Arrow tables;
    subject and item as dictionary columns, dates as day numbers, quantities in thousandths)."""
    rng = np.random.default_rng([seed, k])
    ids = pc.binary_join_element_wise(f"P{k:05}-", pc.cast(pa.array(np.arange(members)), pa.string()), "")
    groups = pc.binary_join_element_wise(f"P{k:05}-B", pc.cast(pa.array(np.arange(members) // BRANCH), pa.string()), "")
    subjects = pa.table({"subject": ids, "group": groups})
    n = int(round(members * events_per_member))
    who = rng.integers(0, members, n)
    # Mostly routine items, a few deductions (weights as in the sample community).
    weights = np.array([30, 10, 15, 0, 20, 8, 2, 5, 4, 3, 3], dtype=float)[: len(items)]
    weights /= weights.sum()
    what = rng.choice(len(items), n, p=weights)
    events = pa.table({
        "subject": pa.DictionaryArray.from_arrays(pa.array(who.astype(np.int32)), ids),
        "item": pa.DictionaryArray.from_arrays(pa.array(what.astype(np.int32)), pa.array(items)),
        "date": pa.array((FIRST_DAY + rng.integers(0, 31, n)).astype("int32")),
        "quantity": pa.array((rng.integers(1, 5, n) * 500).astype("int64")),  # 0.5 to 2 in thousandths
    })
    return events, subjects


def write_partition(out: pathlib.Path, k: int, per: int, seed: int, events_per_member: float) -> int:
    """Generate partition k and write its two Parquet files; returns its number of events."""
    items = [i for i in dangjian.RuleSet.member_default().items if i != "report_in"]
    ev, sub = partition(k, per, seed, items, events_per_member)
    pq.write_table(ev, out / "events" / f"part-{k:05}.parquet")
    pq.write_table(sub, out / "subjects" / f"part-{k:05}.parquet")
    return int(ev.num_rows)


def generate(out: pathlib.Path, members: int, partitions: int, seed: int,
             events_per_member: float = 3.0, client: Any = None) -> int:
    """Write the population; on `client`'s workers when given. Returns the number of events."""
    per = members // partitions
    (out / "events").mkdir(parents=True, exist_ok=True)
    (out / "subjects").mkdir(parents=True, exist_ok=True)
    if client is None:
        return sum(write_partition(out, k, per, seed, events_per_member) for k in range(partitions))
    futures = client.map(lambda k: write_partition(out, k, per, seed, events_per_member), range(partitions))
    return int(sum(client.gather(futures)))


def resources(client: Any) -> tuple[float, int]:
    """CPU seconds (user+sys) of the workers and this process, and the largest worker RSS peak (bytes)."""
    import resource

    def usage() -> tuple[float, int]:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime, r.ru_maxrss * 1024

    per_worker = client.run(usage)
    me = usage()
    return sum(c for c, _ in per_worker.values()) + me[0], max(m for _, m in per_worker.values())


def load_parts(out: pathlib.Path) -> list[tuple[Any, Any]]:
    import dask

    files = sorted((out / "events").glob("part-*.parquet"))
    return [
        (dask.delayed(pd.read_parquet)(f), dask.delayed(pd.read_parquet)(out / "subjects" / f.name))
        for f in files
    ]


def connect(workers: int, scheduler: str | None) -> Any:
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    return Client(LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None))


def score(out: pathlib.Path, workers: int, scheduler: str | None) -> int:
    client = connect(workers, scheduler)
    try:
        t0 = time.perf_counter()
        files = [(str(f), str(out / "subjects" / f.name)) for f in sorted((out / "events").glob("part-*.parquet"))]
        (out / "scores").mkdir(parents=True, exist_ok=True)
        rows = score_parquet_dask(files, str(out / "scores"), rules_json=dangjian.RuleSet.member_default().to_json(),
                                  period=PERIOD)
        wall = time.perf_counter() - t0
        cpu, peak = resources(client)
        print(f"scored {rows} members in {len(files)} partitions: wall {wall:.1f} s, "
              f"CPU {cpu:.1f} s, peak worker RSS {peak / 2**20:.0f} MiB")
        return rows
    finally:
        client.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["generate", "score"])
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--members", type=lambda s: int(s.replace("_", "")), default=1_000_000)
    ap.add_argument("--partitions", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--events", type=float, default=3.0, help="events per member on average")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheduler")
    a = ap.parse_args()
    if a.command == "generate":
        client = connect(a.workers, a.scheduler)
        try:
            t0 = time.perf_counter()
            n = generate(a.out, a.members, a.partitions, a.seed, a.events, client=client)
            wall = time.perf_counter() - t0
            cpu, peak = resources(client)
            print(f"generated {a.members // a.partitions * a.partitions} members, {n} events in {a.partitions} "
                  f"partitions: wall {wall:.1f} s, CPU {cpu:.1f} s, peak worker RSS {peak / 2**20:.0f} MiB")
        finally:
            client.close()
    else:
        score(a.out, a.workers, a.scheduler)


if __name__ == "__main__":
    main()
