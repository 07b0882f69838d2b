#!/usr/bin/env bash
# The one command that runs every check and test suite of the workspace:
#
#   dependencies  scripts/install-deps.sh (fast no-op when all is installed)
#   rust          cargo fmt --check, clippy -D warnings, the lean library (no default features:
#                 every target builds, the crate walk-through runs), cargo test
#                 (PROPTEST_CASES=1000), the doc-test count
#   python        build + install the wheel into .venv, pytest (tests + notebooks),
#                 mypy --strict, stubtest (the .pyi against the built module)
#   wasm          build bindings-wasm/pkg, node --test, browser e2e in Chromium
#
# Stops at the first failure. CI runs it through .ci/run from a clean clone.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# rustup and `cargo install`ed tools (CARGO_HOME may point elsewhere).
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export PROPTEST_CASES=1000
PY="$ROOT/.venv/bin/python"

START=$SECONDS
SECTION=""
SECTION_START=$SECONDS
TIMES=()

# section NAME: print a header and record how long the previous section took.
section() {
  end_section
  SECTION="$1"
  SECTION_START=$SECONDS
  printf '\n======================================================================\n'
  printf '== %s\n' "$SECTION"
  printf '======================================================================\n'
}
end_section() {
  [ -n "$SECTION" ] && TIMES+=("$(printf '%5ss  %s' "$((SECONDS - SECTION_START))" "$SECTION")")
  return 0
}
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    printf '\n!! FAILED in section: %s (exit %s)\n' "$SECTION" "$rc" >&2
  fi
}
trap on_exit EXIT

# --------------------------------------------------------------------------
section "install dependencies"
bash scripts/install-deps.sh all

# --------------------------------------------------------------------------
section "rust: cargo fmt --check"
cargo fmt --all -- --check

section "rust: cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings

section "rust: the library without default features (every target compiles)"
cargo build -p dangjian --no-default-features --all-targets

section "rust: the crate walk-through with default-features = false (doc test)"
# load → apply → score → explain → save, as an application embedding the lean library runs it.
cargo test -p dangjian --no-default-features --doc src/lib.rs

section "rust: cargo test (PROPTEST_CASES=$PROPTEST_CASES)"
# The workspace unifies the library's features (the command line and the Python binding turn
# them all on), so the feature-gated test targets of core/ run here too.
cargo test --workspace

section "rust: every public item and module documented with an example (core/tests/doc_examples.rs)"
# Every public item is documented (missing_docs, denied by the clippy step above); the doc tests,
# every public item and every public module doc has an example, and the doc tests keep their floor.
cargo test -p dangjian --test doc_examples -- --nocapture every_public_item_and_module_has_an_example

# --------------------------------------------------------------------------
section "python: build the abi3 wheel and install it into .venv"
# The wheel a release publishes (docs/python.md, "Building wheels"); tests/test_wheel.py checks
# its metadata and installs the same file into a fresh venv to run the quick start.
rm -f target/wheels/dangjian-*.whl
"$ROOT/.venv/bin/maturin" build --release --quiet --manifest-path bindings-python/Cargo.toml --out target/wheels
DANGJIAN_WHEEL="$(ls "$ROOT"/target/wheels/dangjian-*.whl)"
export DANGJIAN_WHEEL
"$PY" -m pip install --quiet --force-reinstall --no-deps "$DANGJIAN_WHEEL"

section "python: pytest (tests + notebooks via nbmake)"
(cd bindings-python && "$PY" -m pytest --nbmake tests notebooks examples)

section "python: mypy --strict and stubtest"
(cd bindings-python && "$PY" -m mypy && "$PY" -m mypy.stubtest dangjian)
# The stub's docstrings are the runtime's (the Rust doc comments): regenerate with
# `python scripts/stub_docs.py` (also checked by tests/test_stub_docs.py).
(cd bindings-python && "$PY" scripts/stub_docs.py --check)

# --------------------------------------------------------------------------
section "wasm: build bindings-wasm/pkg"
bash bindings-wasm/build.sh

section "wasm: node tests"
(cd bindings-wasm && node --test tests/*.test.mjs)

section "wasm: browser e2e (headless Chromium)"
(cd bindings-wasm && node --test tests/e2e/*.test.mjs)

# --------------------------------------------------------------------------
end_section
SECTION=""
printf '\n======================================================================\n'
printf '== all test suites passed in %ss\n' "$((SECONDS - START))"
printf '%s\n' "${TIMES[@]}"
