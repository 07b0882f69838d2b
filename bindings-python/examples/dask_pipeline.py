"""Score a synthetic population on Dask over partitioned Parquet.

    python dask_pipeline.py generate OUT --members 100_000_000 --partitions 2000
    python dask_pipeline.py score OUT --workers 8 [--scheduler tcp://host:8786]

`generate` writes OUT/events/part-K.parquet and OUT/subjects/part-K.parquet:
whole branches of 40 members per partition (every member's events live with the
member's branch), 3 events per member in the month on average, deterministic in
--seed. `score` scores every partition on the Dask cluster with the core's bulk
kernel (``dangjian.distributed.score_dask``) and writes OUT/scores/*.parquet.

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

import dangjian
from dangjian.distributed import score_dask

BRANCH = 40
PERIOD = "2025-01"
FIRST_DAY = 20089  # 2025-01-01 as days since 1970-01-01


def partition(k: int, members: int, seed: int, items: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Partition k: `members` members in branches of 40 and their events."""
    rng = np.random.default_rng([seed, k])
    ids = np.char.add(f"P{k:05}-", np.arange(members).astype(str))
    groups = np.char.add(f"P{k:05}-B", (np.arange(members) // BRANCH).astype(str))
    subjects = pd.DataFrame({"subject": ids, "group": groups})
    n = members * 3
    who = rng.integers(0, members, n)
    # Mostly routine items, a few deductions (weights as in the sample community).
    weights = np.array([30, 10, 15, 0, 20, 8, 2, 5, 4, 3, 3], dtype=float)[: len(items)]
    weights /= weights.sum()
    events = pd.DataFrame({
        "subject": pd.Categorical.from_codes(who, categories=ids),
        "item": pd.Categorical.from_codes(rng.choice(len(items), n, p=weights), categories=items),
        "date": (FIRST_DAY + rng.integers(0, 31, n)).astype("int32"),
        "quantity": (rng.integers(1, 5, n) * 500).astype("int64"),  # 0.5 to 2 in thousandths
    })
    return events, subjects


def generate(out: pathlib.Path, members: int, partitions: int, seed: int) -> None:
    items = [i for i in dangjian.RuleSet.member_default().items if i != "report_in"]
    per = members // partitions
    (out / "events").mkdir(parents=True, exist_ok=True)
    (out / "subjects").mkdir(parents=True, exist_ok=True)
    for k in range(partitions):
        ev, sub = partition(k, per, seed, items)
        ev.to_parquet(out / "events" / f"part-{k:05}.parquet", index=False)
        sub.to_parquet(out / "subjects" / f"part-{k:05}.parquet", index=False)


def load_parts(out: pathlib.Path) -> list[tuple[Any, Any]]:
    import dask

    files = sorted((out / "events").glob("part-*.parquet"))
    return [
        (dask.delayed(pd.read_parquet)(f), dask.delayed(pd.read_parquet)(out / "subjects" / f.name))
        for f in files
    ]


def score(out: pathlib.Path, workers: int, scheduler: str | None) -> Any:
    from dask.distributed import Client, LocalCluster

    client = Client(scheduler) if scheduler else Client(LocalCluster(n_workers=workers, threads_per_worker=1))
    try:
        t0 = time.perf_counter()
        df = score_dask(load_parts(out), rules_json=dangjian.RuleSet.member_default().to_json(), period=PERIOD)
        df.to_parquet(out / "scores", write_index=False)
        print(f"scored in {time.perf_counter() - t0:.1f}s")
    finally:
        client.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["generate", "score"])
    ap.add_argument("out", type=pathlib.Path)
    ap.add_argument("--members", type=lambda s: int(s.replace("_", "")), default=1_000_000)
    ap.add_argument("--partitions", type=int, default=20)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheduler")
    a = ap.parse_args()
    if a.command == "generate":
        generate(a.out, a.members, a.partitions, a.seed)
    else:
        score(a.out, a.workers, a.scheduler)


if __name__ == "__main__":
    main()
