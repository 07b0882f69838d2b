#!/usr/bin/env python3
"""Side-by-side benchmark of dangjian's scoring against what users would pick instead (issue 8).

Run it through ``benches/run.sh`` (installs what it needs), or directly with the repo's venv::

    .venv/bin/python benches/compare.py --size small|medium|full [--extras]

Workload: ``synth::scoring_workload(MEMBERS, EVENTS, 2026)`` (the bulk benchmark of issue 3:
branches of 40 members, events of 2025 in random order, the 12-item monthly rule set
``synth::bench_rule_set()`` with day, month and category caps), written once as little-endian
column files by ``core/examples/bench_compare.rs gen`` so that every contender reads the same
bytes. Sizes: ``small`` = 158 members, 15,473 events (the sample community's size: one year);
``medium`` = 100,000 members × 12 months (2.4 million events); ``full`` = 1 million members,
24 million events; ``tiny`` is for the CI test.

Contenders, each in its own subprocess (CPU time of the timed part from the process itself —
user + system, all threads; peak RSS from ``wait4``):

- ``rust-single`` / ``rust-parallel``: the core's bulk kernel ``score_columns`` (example binary);
- ``binding`` / ``binding-parallel``: ``dangjian.score_events`` on a pyarrow table (Arrow in,
  Arrow out) with its documented options for speed: integer subject codes with a ``subjects``
  table of integer ids and branch codes (ranked per branch, as the kernel contender),
  ``points="thousandths"`` (``int64`` point columns) and ``categories=False``;
- ``binding-decimal``: the plain call (exact ``decimal128`` points, the four category columns,
  one ranking group — the totals do not depend on it);
- ``pandas``: a straightforward pandas implementation of the same rule set
  (groupby per cap window, clip, groupby per category, clip, sum);
- ``zen``: GoRules ``zen-engine`` evaluating each event's item points in a decision table,
  then the same windows/caps aggregation in pandas (on at most ``--zen-events`` events);
- ``bincount``: one ``numpy.bincount`` pass summing quantities per member (the physical limit);
- ``rust-sum``: the same single pass in Rust over the same bytes.

Every scoring contender's totals (per member and month, in thousandths) are compared with
``rust-single``'s; the two single passes are compared with each other. A mismatch stops the
run with exit status 1 before any ratio is printed.

Output: one line per comparison, e.g.
``score-1M: ours 0.41s  pandas 7.9s  ratio 19.3x  bincount-limit 0.12s  ratio 3.4x``,
then the issue's goals, each ``met`` or ``NOT met``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent

SIZES: dict[str, tuple[int, int]] = {
    "tiny": (158, 4_000),
    "small": (158, 15_473),
    "medium": (100_000, 2_400_000),
    "full": (1_000_000, 24_000_000),
}
LABELS = {"tiny": "score-tiny", "small": "score-158", "medium": "score-100k", "full": "score-1M"}
SEED = 2026
ZEN_MEMBERS_PER_EVENT = 24  # the zen workload: events / 24 members (24 events a member a year)


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def cpu_now() -> float:
    """User + system CPU seconds of this process (all threads)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


MIN_SECONDS = 0.3


def timed(f: Callable[[], Any], repeat: bool = False) -> tuple[Any, float, float]:
    """(result, CPU seconds, wall seconds) of ``f()``; with ``repeat``, ``f`` runs until
    ``MIN_SECONDS`` of wall time have passed and the times are per run (short workloads)."""
    c0, t0 = cpu_now(), time.perf_counter()
    r = f()
    runs = 1
    while repeat and time.perf_counter() - t0 < MIN_SECONDS:
        r = f()
        runs += 1
    return r, (cpu_now() - c0) / runs, (time.perf_counter() - t0) / runs


def rust_bin(explicit: str | None, build: bool) -> Path:
    """The ``bench_compare`` example binary (release unless given), built when asked."""
    if explicit:
        return Path(explicit)
    p = ROOT / "target" / "release" / "examples" / "bench_compare"
    if build:
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "-p", "dangjian", "--example", "bench_compare"],
            cwd=ROOT,
            check=True,
        )
    if not p.exists():
        sys.exit(f"{p} not found: build it (cargo build --release -p dangjian --example bench_compare)")
    return p


def ensure_workload(binary: Path, d: Path, members: int, events: int) -> dict[str, Any]:
    """Writes the workload to ``d`` unless it is there already (same sizes and seed)."""
    meta = d / "meta.json"
    if meta.exists():
        m = json.loads(meta.read_text())
        if (m["members"], m["events"], m["seed"]) == (members, events, SEED):
            return m
    d.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(binary), "gen", str(d), str(members), str(events), str(SEED)], check=True, stdout=subprocess.DEVNULL)
    return json.loads(meta.read_text())


def load_columns(d: Path) -> dict[str, Any]:
    import numpy as np

    return {
        "subject": np.fromfile(d / "subject.u32", dtype="<u4"),
        "item": np.fromfile(d / "item.u16", dtype="<u2"),
        "day": np.fromfile(d / "day.i32", dtype="<i4"),
        "quantity": np.fromfile(d / "quantity.i64", dtype="<i8"),
        "group": np.fromfile(d / "group.u32", dtype="<u4"),
        "meta": json.loads((d / "meta.json").read_text()),
        "rules": json.loads((d / "rules.json").read_text()),
    }


def thousandths(x: Any) -> int:
    """A JSON number of the rule set (at most 3 decimals) in thousandths, exactly."""
    from decimal import Decimal

    return int(Decimal(str(x)) * 1000)


class Compiled:
    """The rule set's numbers as arrays indexed by item (for the reference implementations)."""

    def __init__(self, rules: dict[str, Any]) -> None:
        import numpy as np

        cats = ["basic", "reward", "deduction", "veto"]
        items = rules["items"]
        big = np.iinfo(np.int64).max
        self.codes = [it["code"] for it in items]
        self.points = np.array([thousandths(it["points"]) for it in items], dtype=np.int64)
        self.cap = np.array(
            [thousandths(it["cap"]["points"]) if it.get("cap") else big for it in items], dtype=np.int64
        )
        self.per_day = np.array([bool(it.get("cap")) and it["cap"]["per"] == "day" for it in items])
        for it in items:
            per = (it.get("cap") or {}).get("per", "month")
            if per not in ("day", "month"):
                raise SystemExit(f"reference implementations support day/month windows only, not {per}")
        self.cat = np.array([cats.index(it["category"]) for it in items], dtype=np.int64)
        cc = rules.get("category_caps", {})
        self.cat_cap = np.array([thousandths(cc[c]) if c in cc else big for c in cats], dtype=np.int64)
        self.base = thousandths(rules["base"])
        self.floor = thousandths(rules["floor"]) if rules.get("floor") is not None else -big
        self.ceiling = thousandths(rules["ceiling"]) if rules.get("ceiling") is not None else big


def month_index(day: Any, first_day: int) -> Any:
    """Month offset of each day number from the month starting at ``first_day``."""
    import numpy as np

    m = day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    m0 = np.array([first_day], dtype="datetime64[D]").astype("datetime64[M]").astype(np.int64)[0]
    return m - m0


def round_div_1000(p: Any) -> Any:
    """``p / 1000`` rounded half away from zero (the core's ``mul_points``)."""
    import numpy as np

    return np.where(p >= 0, (p + 500) // 1000, -((-p + 500) // 1000))


def aggregate(df: Any, c: Compiled, months: int, members: int, points_col: str | None) -> Any:
    """groupby per cap window → clip → groupby per category → clip → total (dense array)."""
    import numpy as np
    import pandas as pd

    keys = ["month", "subject", "item", "win"]
    if points_col is None:
        g = df.groupby(keys, sort=False)["quantity"].sum().reset_index()
        item = g["item"].to_numpy()
        pts = round_div_1000(c.points[item] * g["quantity"].to_numpy())
    else:
        g = df.groupby(keys, sort=False)[points_col].sum().reset_index()
        item = g["item"].to_numpy()
        pts = g[points_col].to_numpy()
    cap = c.cap[item]
    g["pts"] = np.clip(pts, -cap, cap)
    g["cat"] = c.cat[item]
    per_cat = g.groupby(["month", "subject", "cat"], sort=False)["pts"].sum().reset_index()
    cc = c.cat_cap[per_cat["cat"].to_numpy()]
    per_cat["pts"] = np.clip(per_cat["pts"].to_numpy(), -cc, cc)
    tot = per_cat.groupby(["month", "subject"], sort=False)["pts"].sum()
    dense = np.full((months, members), np.clip(c.base, c.floor, c.ceiling), dtype=np.int64)
    mi = tot.index.get_level_values(0).to_numpy()
    si = tot.index.get_level_values(1).to_numpy()
    dense[mi, si] = np.clip(c.base + tot.to_numpy(), c.floor, c.ceiling)
    _ = pd
    return dense


# ---------------------------------------------------------------------------------------------
# workers (each runs in its own process: `compare.py --worker NAME --data DIR --out FILE`)
# ---------------------------------------------------------------------------------------------


def work_pandas(d: Path, limit: int | None) -> tuple[Any, float, float, int]:
    import numpy as np
    import pandas as pd

    w = load_columns(d)
    meta, c = w["meta"], Compiled(w["rules"])
    n = len(w["subject"]) if limit is None else min(limit, len(w["subject"]))

    def run() -> Any:
        df = pd.DataFrame(
            {
                "subject": w["subject"][:n],
                "item": w["item"][:n],
                "day": w["day"][:n],
                "quantity": w["quantity"][:n],
            }
        )
        df["month"] = month_index(df["day"].to_numpy(), meta["first_day"])
        df = df[(df["month"] >= 0) & (df["month"] < meta["months"])]
        df["win"] = np.where(c.per_day[df["item"].to_numpy()], df["day"].to_numpy(), 0)
        return aggregate(df, c, meta["months"], meta["members"], None)

    out, cpu, wall = timed(run, repeat=True)
    return out, cpu, wall, n


def zen_decision(c: Compiled) -> str:
    """The rule set's item points as a GoRules JDM decision table (one row per item)."""
    rules = []
    for i, code in enumerate(c.codes):
        pts = float(int(c.points[i]) / 1000)
        rules.append({"_id": f"r{i}", "i1": json.dumps(code), "o1": f"{pts!r} * quantity"})
    jdm = {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0}},
            {
                "id": "dt",
                "type": "decisionTableNode",
                "name": "item points",
                "position": {"x": 200, "y": 0},
                "content": {
                    "hitPolicy": "first",
                    "inputs": [{"id": "i1", "name": "Item", "field": "item"}],
                    "outputs": [{"id": "o1", "name": "Points", "field": "points"}],
                    "rules": rules,
                },
            },
            {"id": "out", "type": "outputNode", "name": "Response", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "dt", "type": "edge"},
            {"id": "e2", "sourceId": "dt", "targetId": "out", "type": "edge"},
        ],
    }
    return json.dumps(jdm)


def work_zen(d: Path, limit: int | None) -> tuple[Any, float, float, int]:
    import numpy as np
    import pandas as pd
    import zen  # type: ignore[import-not-found,unused-ignore]

    w = load_columns(d)
    meta, c = w["meta"], Compiled(w["rules"])
    n = len(w["subject"]) if limit is None else min(limit, len(w["subject"]))
    decision = zen.ZenEngine().create_decision(zen_decision(c))
    codes = c.codes

    def run() -> Any:
        items = w["item"][:n].tolist()
        qty = (w["quantity"][:n] / 1000).tolist()
        pts = np.empty(n, dtype=np.int64)
        for k in range(n):
            r = decision.evaluate({"item": codes[items[k]], "quantity": qty[k]})
            # Points have at most 3 decimals: back to exact thousandths.
            pts[k] = round(r["result"]["points"] * 1000)
        df = pd.DataFrame(
            {"subject": w["subject"][:n], "item": w["item"][:n], "day": w["day"][:n], "pts": pts}
        )
        df["month"] = month_index(df["day"].to_numpy(), meta["first_day"])
        df = df[(df["month"] >= 0) & (df["month"] < meta["months"])]
        df["win"] = np.where(c.per_day[df["item"].to_numpy()], df["day"].to_numpy(), 0)
        return aggregate(df, c, meta["months"], meta["members"], "pts")

    out, cpu, wall = timed(run)
    return out, cpu, wall, n


def work_binding(d: Path, parallel: bool, limit: int | None, fast: bool = True) -> tuple[Any, float, float, int]:
    """``dangjian.score_events`` on Arrow columns. ``fast``: the documented options for speed
    (``points="thousandths"``, ``categories=False``) and a ``subjects`` table of integer ids
    ``0..n`` with their branch codes (the kernel ranks per branch, as the ``rust`` contender
    does); otherwise the plain call (exact decimal points, category columns, one group)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    import dangjian

    w = load_columns(d)
    meta = w["meta"]
    n = len(w["subject"]) if limit is None else min(limit, len(w["subject"]))
    rules = dangjian.RuleSet.from_json((d / "rules.json").read_text())
    events = pa.table(
        {
            "subject": pa.array(w["subject"][:n]),
            "item": pa.array(w["item"][:n]),
            "date": pa.array(w["day"][:n]),
            "quantity": pa.array(w["quantity"][:n]),
        }
    )
    if fast:
        subjects = pa.table(
            {"subject": pa.array(np.arange(meta["members"], dtype=np.uint32)), "group": pa.array(w["group"])}
        )
        t, cpu, wall = timed(
            lambda: dangjian.score_events(
                rules, meta["first"], events, count=meta["months"], parallel=parallel,
                subjects=subjects, points="thousandths", categories=False,
            ),
            repeat=True,
        )
    else:
        t, cpu, wall = timed(
            lambda: dangjian.score_events(rules, meta["first"], events, count=meta["months"], parallel=parallel),
            repeat=True,
        )
    at = t.to_pyarrow()
    periods = pc.dictionary_encode(at.column("period").cast(pa.string())).combine_chunks()
    names = periods.dictionary.to_pylist()
    order = {p: i for i, p in enumerate(sorted(names))}
    pidx = np.array([order[p] for p in names], dtype=np.int64)[periods.indices.to_numpy()]
    subj = at.column("subject").to_numpy().astype(np.int64)
    if fast:
        assert at.schema.field("total").type == pa.int64() and "basic" not in at.column_names
        total = at.column("total").to_numpy()
    else:
        # decimal128(18, 3) points → exact thousandths (|total| < 2^53 / 1000).
        total = np.rint(pc.cast(at.column("total"), pa.float64()).to_numpy() * 1000).astype(np.int64)
    c = Compiled(w["rules"])
    # Members without any event have no row here (no `subjects` table): their total is the base.
    dense = np.full((meta["months"], meta["members"]), np.clip(c.base, c.floor, c.ceiling), dtype=np.int64)
    dense[pidx, subj] = total
    return dense, cpu, wall, n


def work_bincount(d: Path) -> tuple[Any, float, float, int]:
    import numpy as np

    w = load_columns(d)
    members = w["meta"]["members"]
    s, q = w["subject"], w["quantity"]
    out, cpu, wall = timed(lambda: np.bincount(s, weights=q, minlength=members), repeat=True)
    return np.rint(out).astype(np.int64), cpu, wall, len(s)


def worker_main(args: argparse.Namespace) -> None:
    import numpy as np

    d = Path(args.data)
    name = args.worker
    if name == "pandas":
        out, cpu, wall, n = work_pandas(d, args.limit)
    elif name == "zen":
        out, cpu, wall, n = work_zen(d, args.limit)
    elif name in ("binding", "binding-parallel"):
        out, cpu, wall, n = work_binding(d, name == "binding-parallel", args.limit)
    elif name == "binding-decimal":
        out, cpu, wall, n = work_binding(d, False, args.limit, fast=False)
    elif name == "bincount":
        out, cpu, wall, n = work_bincount(d)
    else:
        raise SystemExit(f"unknown worker {name}")
    np.ascontiguousarray(out, dtype="<i8").tofile(args.out)
    print(json.dumps({"cpu": cpu, "wall": wall, "events": n}))


# ---------------------------------------------------------------------------------------------
# driver
# ---------------------------------------------------------------------------------------------


class ContenderFailed(SystemExit):
    """A contender's process exited with an error."""


class Result:
    def __init__(self, name: str, cpu: float, wall: float, maxrss_kib: int, out: Path, events: int) -> None:
        self.name, self.cpu, self.wall, self.maxrss_kib, self.out, self.events = name, cpu, wall, maxrss_kib, out, events

    def values(self) -> Any:
        import numpy as np

        return np.fromfile(self.out, dtype="<i8")


def run_proc(name: str, cmd: list[str], out: Path, events: int) -> Result:
    """Runs one contender in its own process; its last stdout line is its JSON timing."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, cwd=ROOT)
    stdout = p.stdout.read().decode() if p.stdout else ""
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise ContenderFailed(f"contender {name} failed (exit {p.returncode}): {' '.join(cmd)}")
    last = json.loads(stdout.strip().splitlines()[-1])
    return Result(name, last["cpu"], last["wall"], ru.ru_maxrss, out, int(last.get("events", events)))


def fmt_s(x: float) -> str:
    if x >= 100:
        return f"{x:.0f}s"
    if x >= 1:
        return f"{x:.2f}s"
    if x >= 0.01:
        return f"{x:.3f}s"
    return f"{x * 1e3:.2f}ms"


def count_label(n: int) -> str:
    """100000 → "100k", 24000000 → "24M", 600 → "600"."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}x" if b > 0 else "inf"


def check_equal(ref: Result, other: Result, what: str) -> None:
    import numpy as np

    a, b = ref.values(), other.values()
    if a.shape != b.shape or not np.array_equal(a, b):
        diff = int(np.count_nonzero(a != b)) if a.shape == b.shape else -1
        raise SystemExit(
            f"MISMATCH: {other.name} differs from {ref.name} on {what} "
            f"({diff} of {a.size} values differ; shapes {a.shape} vs {b.shape}); no timing reported"
        )


def python_cmd(worker: str, d: Path, out: Path, limit: int | None) -> list[str]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", worker, "--data", str(d), "--out", str(out)]
    if limit is not None:
        cmd += ["--limit", str(limit)]
    return cmd


def have_zen() -> bool:
    try:
        import zen  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


def compare(args: argparse.Namespace) -> dict[str, Any]:
    """Runs every contender on one size, checks equality, prints the lines; returns figures."""
    binary = rust_bin(args.rust_bin, not args.no_build)
    members, events = SIZES[args.size]
    data = Path(args.data_dir) if args.data_dir else ROOT / "target" / "bench-data"
    d = data / args.size
    meta = ensure_workload(binary, d, members, events)
    res = d / "results"
    res.mkdir(exist_ok=True)
    skip = set(args.skip)
    R: dict[str, Result] = {}

    def rust(name: str, *cmd: str) -> None:
        out = res / f"{name}.i64"
        R[name] = run_proc(name, [str(binary), *cmd, str(out)], out, events)

    def py(name: str, limit: int | None = None, dd: Path = d) -> None:
        out = res / f"{name}.i64"
        R[name] = run_proc(name, python_cmd(name, dd, out, limit), out, events)

    rust("rust-single", "score", str(d), "single")
    rust("rust-parallel", "score", str(d), "parallel")
    rust("rust-sum", "sum", str(d))
    py("binding")
    py("binding-parallel")
    py("binding-decimal")
    if "pandas" not in skip:
        py("pandas")
    py("bincount")

    # zen-engine: per-event decision table on at most --zen-events events of their own workload.
    zen_line = None
    if "zen" in skip:
        zen_line = "zen: skipped (--skip zen)"
    elif not have_zen():
        zen_line = "zen: skipped (zen-engine is not installed: pip install -r benches/requirements.txt)"
    else:
        zn = min(args.zen_events, events)
        if zn == events:
            zd = d
        else:
            zd = data / f"zen-{zn}"
            ensure_workload(binary, zd, max(1, zn // ZEN_MEMBERS_PER_EVENT), zn)
        zres = zd / "results"
        zres.mkdir(exist_ok=True)
        zout = zres / "zen.i64"
        R["zen"] = run_proc("zen", python_cmd("zen", zd, zout, None), zout, zn)
        if zd != d:
            o = zres / "rust-single.i64"
            R["zen-ours"] = run_proc("zen-ours", [str(binary), "score", str(zd), "single", str(o)], o, zn)
        else:
            R["zen-ours"] = R["rust-single"]

    # WASM in node, when the package is built with `scoreColumns`.
    wasm_skip = wasm_missing()
    if wasm_skip is None:
        out = res / "wasm.i64"
        try:
            R["wasm"] = run_proc("wasm", ["node", str(ROOT / "benches" / "wasm_worker.mjs"), str(d), str(out)], out, events)
        except ContenderFailed as e:
            wasm_skip = f"wasm: failed ({e})"

    # Equality before any figure.
    ref = R["rust-single"]
    for k in ("rust-parallel", "binding", "binding-parallel", "binding-decimal", "pandas", "wasm"):
        if k in R:
            check_equal(ref, R[k], "totals per member and month")
    check_equal(R["rust-sum"], R["bincount"], "quantity sums per member")
    if "zen" in R:
        check_equal(R["zen-ours"], R["zen"], "totals per member and month (zen workload)")
    print(
        f"# {args.size}: {members:,} members, {events:,} events, {meta['months']} months; "
        f"all contenders' results checked equal ({', '.join(sorted(R))})"
    )

    label = LABELS[args.size]
    ours, single_pass, bc = R["binding"], R["rust-sum"], R["bincount"]
    line = f"{label}: ours {fmt_s(ours.cpu)}"
    if "pandas" in R:
        line += f"  pandas {fmt_s(R['pandas'].cpu)}  ratio {ratio(R['pandas'].cpu, ours.cpu)}"
    line += f"  bincount-limit {fmt_s(bc.cpu)}  ratio {ratio(ours.cpu, bc.cpu)}"
    print(line)
    print(
        f"{label}-rust: single {fmt_s(ref.cpu)}  parallel {fmt_s(R['rust-parallel'].cpu)} CPU "
        f"({fmt_s(R['rust-parallel'].wall)} wall)  rust-single-pass {fmt_s(single_pass.cpu)}  "
        f"ratio {ratio(ref.cpu, single_pass.cpu)}"
    )
    print(
        f"{label}-binding: single {fmt_s(ours.cpu)}  parallel {fmt_s(R['binding-parallel'].cpu)} CPU "
        f"({fmt_s(R['binding-parallel'].wall)} wall)  binding/rust-single {ratio(ours.cpu, ref.cpu)}  "
        f"decimal-points+categories {fmt_s(R['binding-decimal'].cpu)}  ratio {ratio(R['binding-decimal'].cpu, ours.cpu)}"
    )
    if "zen" in R:
        z, zo = R["zen"], R["zen-ours"]
        zper, oper = z.cpu / z.events * 1e6, zo.cpu / zo.events * 1e6
        print(
            f"zen-{count_label(z.events)}: ours {oper:.3f}us/event  zen {zper:.1f}us/event  "
            f"ratio {ratio(zper, oper)}  (ours on the {label} workload: {ref.cpu / events * 1e6:.3f}us/event, "
            f"ratio {ratio(zper, ref.cpu / events * 1e6)})"
        )
    elif zen_line:
        print(zen_line)
    if "wasm" in R:
        print(
            f"{label}-wasm: wasm-node {fmt_s(R['wasm'].cpu)}  rust-single {fmt_s(ref.cpu)}  "
            f"ratio {ratio(R['wasm'].cpu, ref.cpu)}"
        )
    else:
        print(wasm_skip)

    # Memory: peak RSS of each contender's process.
    mem = "  ".join(
        f"{k} {R[k].maxrss_kib / 1024:.0f}MB" for k in
        ("rust-single", "rust-parallel", "binding", "binding-parallel", "binding-decimal", "wasm", "pandas", "bincount",
         "rust-sum")
        if k in R
    )
    print(f"{label}-peak-rss: {mem}")
    per = "  ".join(
        f"{k} {R[k].maxrss_kib / 1024 / (events / 1e6):.0f}MB/M-events {R[k].maxrss_kib / 1024 / (members / 1e6):.0f}MB/M-members"
        for k in ("rust-single", "binding", "wasm", "pandas")
        if k in R
    )
    print(f"{label}-rss-per-million: {per}")

    # Goals of the issue.
    goals = []
    if "pandas" in R:
        goals.append(("pandas / binding >= 60x", R["pandas"].cpu / ours.cpu, 60, True))
    if "zen" in R:
        zr = (R["zen"].cpu / R["zen"].events) / max(ref.cpu / events, 1e-12)
        goals.append((f"zen per event / ours per event ({label} kernel) >= 1000x", zr, 1000, True))
    goals.append(("binding <= bincount pass (ratio <= 1)", ours.cpu / bc.cpu, 1, False))
    goals.append(("rust single / rust single pass <= 4x", ref.cpu / single_pass.cpu, 4, False))
    for name, v, target, higher in goals:
        ok = v >= target if higher else v <= target
        print(f"goal {name}: {v:.1f}x  {'met' if ok else 'NOT met'}")
    if events < 1_000_000:
        print(f"# ({label}: figures below a million events carry fixed per-call costs; the goals are set for score-1M)")
    return {k: vars(v) | {"out": str(v.out)} for k, v in R.items()}


def wasm_missing() -> str | None:
    """Why the WASM contender cannot run, or None."""
    js = ROOT / "bindings-wasm" / "pkg" / "dangjian_wasm.js"
    if not js.exists():
        return "wasm: skipped (bindings-wasm/pkg not built: bash bindings-wasm/build.sh)"
    if "scoreColumns" not in js.read_text():
        return "wasm: skipped (bindings-wasm/pkg predates scoreColumns: bash bindings-wasm/build.sh)"
    if shutil.which("node") is None:
        return "wasm: skipped (node not found)"
    return None


def extras(args: argparse.Namespace) -> None:
    """Load/convert costs, rollups, matching (Rust example + Python binding)."""
    binary = rust_bin(args.rust_bin, False)
    members, orgs = {"tiny": (1_000, 10_000), "small": (10_000, 100_000), "medium": (100_000, 5_000_000), "full": (1_000_000, 5_000_000)}[args.size]
    data = Path(args.data_dir) if args.data_dir else ROOT / "target" / "bench-data"
    roster_dir = data / f"roster-{args.size}"
    p = subprocess.run([str(binary), "extras", str(members), str(orgs), str(roster_dir)], check=True, capture_output=True,
                       text=True, cwd=ROOT)
    rows = [json.loads(x) for x in p.stdout.splitlines() if x.startswith("{")]
    large = ("tree-build-large", "rollup-large-tree")
    ros = ("roster-csv-parse", "roster-xlsx-parse", "roster-import")
    parts = [f"{r['what']} {fmt_s(r['cpu'])}" for r in rows if "cpu" in r and r["what"] not in large + ros]
    ros_parts = [f"{r['what']} {fmt_s(r['cpu'])}" for r in rows if r["what"] in ros]
    big = [f"{r['what']} {fmt_s(r['cpu'])}" for r in rows if "cpu" in r and r["what"] in large]
    info = {r["what"]: r for r in rows if "cpu" not in r}
    sizes = info.get("sizes", {})
    print(
        f"convert-rust-{count_label(members)}-members ({sizes.get('orgs', '?')} orgs; CSV "
        f"{sizes.get('csv_bytes', '?')} B, XLSX {sizes.get('xlsx_bytes', '?')} B): " + "  ".join(parts)
    )
    lt = info.get("large-tree", {})
    print(f"rollup-{count_label(int(lt.get('orgs', orgs)))}-orgs: " + "  ".join(big))
    ri = info.get("roster", {})
    rows_n = int(ri.get("rows", 0))
    print(
        f"roster-import-rust-{rows_n}-rows (CSV {ri.get('csv_bytes', '?')} B, XLSX {ri.get('xlsx_bytes', '?')} B; "
        f"parse against the organizations, then Registry::import): " + "  ".join(ros_parts)
    )

    import pyarrow as pa

    import dangjian

    ds = dangjian.Dataset.synthetic(members, seed=42)
    js, c_js, _ = timed(ds.to_json)
    _, c_jsin, _ = timed(lambda: dangjian.Dataset.from_json(js))
    b, c_bin, _ = timed(ds.to_binary)
    _, c_binin, _ = timed(lambda: dangjian.Dataset.from_binary(b))
    reg, c_reg, _ = timed(ds.registry)
    t, c_counts, _ = timed(lambda: reg.counts_on("2025-06-30"), repeat=True)
    pa.table(t)  # first call loads pyarrow's C data interface: not timed
    _, c_arrow_out, _ = timed(lambda: pa.table(t), repeat=True)
    _, c_pandas_out, _ = timed(t.to_pandas, repeat=True)
    print(
        f"convert-python-{count_label(members)}-members: json-out {fmt_s(c_js)}  json-in {fmt_s(c_jsin)}  "
        f"binary-out {fmt_s(c_bin)}  binary-in {fmt_s(c_binin)}  registry {fmt_s(c_reg)}  "
        f"rollup-as-of {fmt_s(c_counts)}  arrow-out {fmt_s(c_arrow_out)}  pandas-out {fmt_s(c_pandas_out)}"
    )
    # Roster import through Python: parse + import into a registry of the same organizations.
    base = dangjian.Dataset.from_json((roster_dir / "orgs.json").read_text()).registry()
    ros_py = []
    for fmt in ("csv", "xlsx"):
        raw = (roster_dir / f"roster.{fmt}").read_bytes()
        reg2 = base.copy()
        got, c_imp, _ = timed(lambda: reg2.import_roster(raw, as_of="2025-07-01", format=fmt, entry="transferred_in"))
        if got["members"] != rows_n:
            raise SystemExit(f"MISMATCH: the Python roster import ({fmt}) gave {got} for {rows_n} rows")
        ros_py.append(f"roster-{fmt}-import {fmt_s(c_imp)}")
    print(f"roster-import-python-{rows_n}-rows (Registry.import_roster, parse + import): " + "  ".join(ros_py))
    if args.matching:
        p = subprocess.run(
            ["cargo", "bench", "-p", "dangjian", "--bench", "matching", "--", "--sample-size", "10", "--noplot"],
            capture_output=True, text=True, cwd=ROOT,
        )
        # Criterion prints `group/name  time: [low median high]`, the name on a line of its own
        # when it is long; wall time (criterion's), one case per line.
        found, name = [], ""
        for ln in p.stdout.splitlines():
            if ln and not ln.startswith(" ") and not ln.startswith("Benchmarking"):
                name = ln.split()[0]
            if "time:" in ln:
                mid = ln.split("[", 1)[1].split()[2:4] if "[" in ln else ["?", ""]
                found.append(f"{name.removeprefix('matching/')} {''.join(mid)}")
        print("matching-10k-x-2k (criterion median, wall): " + ("  ".join(found) if found else f"failed ({p.returncode})"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=list(SIZES), default="small")
    ap.add_argument("--data-dir", help="where workloads are written (default target/bench-data)")
    ap.add_argument("--rust-bin", help="the bench_compare example binary (default: release build)")
    ap.add_argument("--no-build", action="store_true", help="do not run cargo build")
    ap.add_argument("--zen-events", type=int, default=100_000)
    ap.add_argument("--skip", action="append", default=[], choices=["pandas", "zen"])
    ap.add_argument("--extras", action="store_true", help="also load/convert, rollups, matching")
    ap.add_argument("--matching", action="store_true", help="with --extras: criterion matching bench (builds the bench profile)")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    ap.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker_main(args)
        return
    load = os.getloadavg()
    print(f"# load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs; CPU times (user+sys)", flush=True)
    figures = compare(args)
    if args.extras:
        extras(args)
    load = os.getloadavg()
    print(f"# load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1, default=str))


if __name__ == "__main__":
    main()
