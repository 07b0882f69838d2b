#!/usr/bin/env bash
# Build the WebAssembly package bindings-wasm/pkg/ from the crates dangjian-wasm (the main
# module) and dangjian-wasm-report (bindings-wasm/report: the monthly report, a second module
# loaded on first use by `loadReportModule()`; docs/wasm.md, "Size").
#
#   1. cargo build for wasm32-unknown-unknown (own target dir: target/wasm), both crates
#        - with the rustup target when it is installed,
#        - otherwise with Debian's rustc-web, building std from source
#          (-Zbuild-std; RUSTC_BOOTSTRAP=1 unlocks -Z on that stable compiler)
#   2. wasm-bindgen --target web: one pkg/ for the browser (`init()`) and node
#      (`initSync({ module: bytes })`, see tests/load-pkg.mjs)
#   3. wasm-opt when available (npm `binaryen` in bindings-wasm/node_modules): -O3 to a fixed
#      point, assuming the low 1 KiB of memory unused (see OPT_FLAGS below)
#   4. print the raw and gzipped size of pkg/dangjian_wasm_bg.wasm and of the report module
#
# Dependencies come from scripts/install-deps.sh wasm (node_modules included).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG_DIR="$ROOT/bindings-wasm/pkg"
TARGET=wasm32-unknown-unknown
# Cargo profile (root Cargo.toml): fat LTO, one codegen unit, opt-level "z", the scoring path
# compiled for speed (WASM_SPEED below; BENCHMARKS.md).
PROFILE="${WASM_PROFILE:-wasm-release}"
# wasm-opt level: -O3, about 0.5 KB gzipped more than -Oz and 3-5 % faster (BENCHMARKS.md,
# "Session 5"); WASM_OPT_LEVEL=-Oz for the smallest module.
OPT_LEVEL="${WASM_OPT_LEVEL:--O3}"
# The other wasm-opt flags (WASM_OPT_FLAGS overrides them):
#  --low-memory-unused  rustc's wasm32 output puts the 1 MiB stack first, growing down towards
#                       address 0, and its data above it: nothing lives in the low 1 KiB, so
#                       constant offsets fold into loads and stores (about 3.3 KB gzipped)
#  --converge           run the passes again while the module still shrinks (1.4 KB)
#  --strip-producers --strip-target-features   two custom sections nothing reads (0.2 KB)
read -r -a OPT_FLAGS <<<"${WASM_OPT_FLAGS:---low-memory-unused --converge --strip-producers --strip-target-features}"
# Extra crate features (e.g. WASM_FEATURES=binary for Community.fromBinary, toml for TOML rule sets).
FEATURES=(--features "${WASM_FEATURES:-}")
# WASM_CORE_OPT_LEVEL=3 compiles the whole core crate `dangjian` (and the serde code instantiated
# for its types) at opt-level 3, everything else stays "z": about 1.4x the gzipped size, for
# comparison (BENCHMARKS.md, session 4). Unset: the shipped build.
if [ -n "${WASM_CORE_OPT_LEVEL:-}" ]; then
  case "$WASM_CORE_OPT_LEVEL" in
    [0-3]) level="$WASM_CORE_OPT_LEVEL" ;;
    *) level="\"$WASM_CORE_OPT_LEVEL\"" ;;
  esac
  FEATURES+=(--config "profile.$PROFILE.package.dangjian.opt-level=$level")
fi
# The hot functions of the scoring path (kernel, activity checks, table JSON) are compiled for
# speed inside the size-optimised module: `#[cfg_attr(dangjian_speed, optimize(speed))]` in the
# core. `optimize` is an unstable attribute, so the build sets RUSTC_BOOTSTRAP=1 (as the
# fallback route does for -Zbuild-std). About 4 KB gzipped; WASM_SPEED=0 leaves both out
# (BENCHMARKS.md, "Session 5").
# With it, MIR inlining (-Zinline-mir=yes, off by default at opt-level "z"): small generic
# functions (iterator steps, slice access, serde's field matching) inlined before LLVM sees
# them, in every crate. About 10 KB gzipped more, 10-15 % faster.
SPEED_FLAGS=""
if [ "${WASM_SPEED:-1}" = 1 ]; then
  SPEED_FLAGS="--cfg dangjian_speed -Zinline-mir=yes"
  export RUSTC_BOOTSTRAP=1
fi
# rustup and `cargo install`ed tools (CARGO_HOME may point elsewhere).
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
# Separate target dir so the wasm build never invalidates the host build.
export CARGO_TARGET_DIR="${WASM_TARGET_DIR:-$ROOT/target/wasm}"  # WASM_TARGET_DIR: to keep builds apart

log() { printf '[build-wasm] %s\n' "$*"; }

cd "$ROOT"

# --- 1. compile -------------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
  log "cargo build (rustup target $TARGET)"
  RUSTFLAGS="${RUSTFLAGS:-} $SPEED_FLAGS" \
    cargo build --profile "$PROFILE" --target "$TARGET" -p dangjian-wasm -p dangjian-wasm-report "${FEATURES[@]}"
else
  # Fallback: Debian's rustc-web. Notes:
  #  - RUSTC points cargo at Debian's compiler, not the rustup proxy on PATH.
  #  - panic_abort is built alongside std: wasm32-unknown-unknown panics abort.
  #  - Debian ships no rust-lld, so link with LLVM's wasm-ld (package lld).
  #  - std is built here anyway, so panics abort at once (-Cpanic=immediate-abort, no panic
  #    message formatting, no file/line strings): a panic already was a trap (a JS
  #    `WebAssembly.RuntimeError`) with panic=abort; only its text (never shown) goes.
  #    About 18 KB gzipped (BENCHMARKS.md). WASM_PANIC=abort keeps the ordinary strategy.
  [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] \
    || { log "ERROR: no $TARGET toolchain; run scripts/install-deps.sh wasm"; exit 1; }
  log "cargo build (Debian $(/usr/bin/rustc --version | cut -d' ' -f1-2), -Zbuild-std)"
  PANIC_FLAGS=""
  if [ "${WASM_PANIC:-immediate-abort}" = immediate-abort ]; then
    PANIC_FLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none"
  fi
  RUSTC_BOOTSTRAP=1 \
    RUSTC=/usr/bin/rustc \
    RUSTFLAGS="${RUSTFLAGS:-} $PANIC_FLAGS $SPEED_FLAGS" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld \
    /usr/bin/cargo build --profile "$PROFILE" --target "$TARGET" \
    -Zbuild-std=std,panic_abort -p dangjian-wasm -p dangjian-wasm-report "${FEATURES[@]}"
fi
WASM_IN="$CARGO_TARGET_DIR/$TARGET/$PROFILE/dangjian_wasm.wasm"
REPORT_IN="$CARGO_TARGET_DIR/$TARGET/$PROFILE/dangjian_wasm_report.wasm"

# --- 2. JS glue -------------------------------------------------------------
log "wasm-bindgen --target web -> bindings-wasm/pkg/"
rm -rf "$PKG_DIR"
wasm-bindgen --target web --out-dir "$PKG_DIR" "$WASM_IN"
# The report module next to it (js/report.js imports ../../../dangjian_wasm_report.js from
# pkg/snippets/dangjian-wasm-<hash>/js/).
wasm-bindgen --target web --out-dir "$PKG_DIR" "$REPORT_IN"
WASM_OUT="$PKG_DIR/dangjian_wasm_bg.wasm"
REPORT_OUT="$PKG_DIR/dangjian_wasm_report_bg.wasm"

# --- 3. optimise ------------------------------------------------------------
# Prefer the binaryen pinned in bindings-wasm/package-lock.json (npm package
# `binaryen`, a node build of wasm-opt): Debian bookworm's binaryen 108 is too
# old for today's rustc output and emits a module whose externref table fails
# to initialise ("WebAssembly.Table.set(): Argument 1 is invalid"). Any other
# wasm-opt (WASM_OPT=..., or one on PATH) is used only if the result still
# initialises; otherwise the unoptimised module is kept.
WASM_OPT="${WASM_OPT:-}"
if [ -z "$WASM_OPT" ] && [ -x "$ROOT/bindings-wasm/node_modules/.bin/wasm-opt" ]; then
  WASM_OPT="$ROOT/bindings-wasm/node_modules/.bin/wasm-opt"
fi
[ -z "$WASM_OPT" ] && WASM_OPT="$(command -v wasm-opt || true)"

# Instantiate pkg/ in node the way the tests do (initSync) and call version().
pkg_initialises() {
  node --input-type=module -e '
    const { loadPkg } = await import(process.argv[1]);
    (await loadPkg()).version();
  ' "$ROOT/bindings-wasm/tests/load-pkg.mjs" >/dev/null 2>&1
}

if [ -n "$WASM_OPT" ]; then
  for out in "$WASM_OUT" "$REPORT_OUT"; do
    before=$(stat -c %s "$out")
    cp "$out" "$out.orig"
    # Features are read from the module's target_features section.
    if "$WASM_OPT" "$OPT_LEVEL" "${OPT_FLAGS[@]}" "$out.orig" -o "$out" && pkg_initialises; then
      log "wasm-opt $OPT_LEVEL ${OPT_FLAGS[*]} ($("$WASM_OPT" --version)) $(basename "$out"): $before -> $(stat -c %s "$out") bytes"
    else
      mv -f "$out.orig" "$out"
      log "warning: $WASM_OPT produced an unusable $(basename "$out"); keeping the unoptimised one"
    fi
    rm -f "$out.orig"
  done
else
  log "wasm-opt not found (npm ci in bindings-wasm/); skipping optimisation"
fi

# --- 4. report --------------------------------------------------------------
# The size aim (issue 20: under 450 KB by gzip -9) is the main module's; the report module is
# fetched only by loadReportModule().
for out in "$WASM_OUT" "$REPORT_OUT"; do
  raw=$(stat -c %s "$out")
  gz=$(gzip -9 -c "$out" | wc -c)
  log "$(basename "$out"): $raw bytes raw, $gz bytes gzipped"
done

# --- 5. the npm package -----------------------------------------------------
# wasm-bindgen writes no package.json: write one, so that `npm install ./bindings-wasm/pkg` and
# `npm pack` work (ES module only; node loads it with `initSync`, bundlers with `init`).
VERSION="$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n1)"
cat >"$PKG_DIR/package.json" <<JSON
{
  "name": "dangjian-wasm",
  "version": "$VERSION",
  "description": "党建 (dangjian): party-organization records, statistics and exact member scoring, compiled to WebAssembly. Runs in the browser and in node; data never leaves the device.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./dangjian_wasm.js",
  "module": "./dangjian_wasm.js",
  "types": "./dangjian_wasm.d.ts",
  "exports": {
    ".": {
      "types": "./dangjian_wasm.d.ts",
      "default": "./dangjian_wasm.js"
    },
    "./dangjian_wasm_bg.wasm": "./dangjian_wasm_bg.wasm",
    "./dangjian_wasm_report_bg.wasm": "./dangjian_wasm_report_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": [
    "dangjian_wasm.js",
    "dangjian_wasm.d.ts",
    "dangjian_wasm_bg.wasm",
    "dangjian_wasm_bg.wasm.d.ts",
    "dangjian_wasm_report.js",
    "dangjian_wasm_report.d.ts",
    "dangjian_wasm_report_bg.wasm",
    "dangjian_wasm_report_bg.wasm.d.ts",
    "snippets/",
    "README.md"
  ],
  "sideEffects": false,
  "engines": { "node": ">=18" },
  "keywords": ["dangjian", "党建", "wasm", "scoring"]
}
JSON
cp "$ROOT/bindings-wasm/README.pkg.md" "$PKG_DIR/README.md"
log "pkg/package.json (dangjian-wasm $VERSION)"

# --- 6. the single-file page ------------------------------------------------
# dist/dangjian.html: the workbench with everything inline, for a double-click (file://).
if [ -d "$ROOT/bindings-wasm/node_modules/esbuild" ]; then
  node "$ROOT/bindings-wasm/demo/build-standalone.mjs"
else
  log "esbuild not installed (npm ci in bindings-wasm/): skipping dist/dangjian.html"
fi
