#!/usr/bin/env bash
# Side-by-side benchmark (issue 8). Idempotent: installs what is missing, then runs
# benches/compare.py with the given arguments (default: --size small --extras).
#
#   bash benches/run.sh --size small|medium|full [--extras] [--skip pandas|zen] [--json FILE]
#
# Steps: the repo's .venv (scripts/install-deps.sh python), the Python binding built from this
# tree (skipped when the installed one is newer than every source file of the core and the
# binding; DANGJIAN_BENCH_REINSTALL=1 forces it), benches/requirements.txt, and the release
# build of the Rust example core/examples/bench_compare.rs. Workloads are cached under
# target/bench-data/ (about 0.45 GB for --size full).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
PY="$ROOT/.venv/bin/python"

bash scripts/install-deps.sh python

# The binding: rebuild when any source is newer than the installed extension module.
installed="$("$PY" -c 'import dangjian._dangjian as m; print(m.__file__)' 2>/dev/null || true)"
if [ -z "$installed" ] || [ "${DANGJIAN_BENCH_REINSTALL:-0}" = 1 ] \
  || [ -n "$(find core/src bindings-python/src bindings-python/python Cargo.lock -newer "$installed" -type f 2>/dev/null | head -1)" ]; then
  echo "[bench] pip install ./bindings-python (release build, several minutes on 2 cores)"
  "$PY" -m pip install --quiet --no-deps --force-reinstall ./bindings-python
fi

# Benchmark-only packages, once per change of benches/requirements.txt.
stamp="$ROOT/.venv/.bench-requirements.sha256"
want="$(sha256sum benches/requirements.txt | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  "$PY" -m pip install --quiet -r benches/requirements.txt
  echo "$want" >"$stamp"
fi

cargo build --release --quiet -p dangjian --example bench_compare

if [ "$#" -eq 0 ]; then
  set -- --size small --extras
fi
exec "$PY" benches/compare.py --no-build "$@"
