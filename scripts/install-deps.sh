#!/usr/bin/env bash
# Install everything the build and the test suites need. Idempotent: every
# step checks first and is a fast no-op when its tool is already there, so
# scripts/test-all.sh calls this on every run (CI starts from a clean clone on
# a machine that has only the base image: Debian, rustup Rust, Python 3.11,
# node 20 + npm).
#
# Usage: scripts/install-deps.sh [SECTION...]
#   rust     check the rustup toolchain (cargo, rustfmt, clippy)
#   wasm     wasm32 toolchain (rustup target, else Debian's rustc-web + build-std),
#            wasm-bindgen-cli 0.2.130, npm devDependencies (binaryen's wasm-opt)
#   python   .venv at the repo root with bindings-python/requirements-dev.txt
#   browser  Debian's chromium and bindings-wasm/node_modules (playwright-core)
#   all      all of the above (default)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# rustup and `cargo install`ed tools (CARGO_HOME may point elsewhere).
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

# Must match `wasm-bindgen = "=..."` in bindings-wasm/Cargo.toml.
WASM_BINDGEN_VERSION="0.2.130"
VENV="$ROOT/.venv"
REQUIREMENTS="$ROOT/bindings-python/requirements-dev.txt"

log() { printf '[install-deps] %s\n' "$*"; }
die() { printf '[install-deps] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------
# apt helpers: install only what is missing; `apt-get update` at most once.
# ---------------------------------------------------------------------------
APT_UPDATED=0

is_installed_deb() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

apt_update_once() {
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    timed "apt-get update" apt-get update -qq
    APT_UPDATED=1
  fi
}

# apt_install PKG...: install the given Debian packages that are not installed yet.
apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    is_installed_deb "$pkg" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "need root to apt-get install ${missing[*]}"
  apt_update_once
  log "apt-get install ${missing[*]}"
  timed "apt-get install ${missing[*]}" \
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

# timed NAME CMD...: run CMD and print how long it took.
timed() {
  local name="$1" start=$SECONDS
  shift
  "$@"
  log "$name: done in $((SECONDS - start))s"
}

# ---------------------------------------------------------------------------
# rust: the rustup toolchain comes with the base image and cannot be
# downloaded here, so only check it.
# ---------------------------------------------------------------------------
section_rust() {
  command -v cargo >/dev/null || die "cargo not found (expected rustup at ~/.cargo/bin)"
  cargo fmt --version >/dev/null 2>&1 || die "rustfmt missing (rustup component rustfmt)"
  cargo clippy --version >/dev/null 2>&1 || die "clippy missing (rustup component clippy)"
  command -v cc >/dev/null || apt_install gcc libc6-dev
  log "rust: $(rustc --version)"
}

# ---------------------------------------------------------------------------
# wasm: a wasm32-unknown-unknown toolchain and the wasm-bindgen CLI.
# ---------------------------------------------------------------------------
section_wasm() {
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "wasm: using rustup target wasm32-unknown-unknown"
  else
    # `rustup target add` cannot download here. Debian's rustc-web (a newer
    # rustc) plus its std sources let cargo build std for wasm32 from source
    # (-Zbuild-std, see bindings-wasm/build.sh); lld provides wasm-ld.
    log "wasm: no rustup wasm32 target, using Debian rustc-web + build-std"
    apt_install rustc-web cargo-web rust-web-src lld
  fi

  # wasm-bindgen CLI: its version must equal the wasm-bindgen crate's.
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    log "wasm: wasm-bindgen $WASM_BINDGEN_VERSION already installed"
  else
    log "wasm: cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (5-15 min on 2 cores, the slowest install step)"
    # A build tool, not a shipped artefact: trade its speed for a quicker compile (no LTO,
    # many codegen units, no debug info), which roughly halves the install on 2 cores.
    timed "cargo install wasm-bindgen-cli" \
      env CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 \
        CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
        cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
  fi

  # wasm-opt comes from the npm package `binaryen` (bindings-wasm/package.json),
  # not from apt: bookworm's binaryen 108 breaks wasm-bindgen's externref
  # table (see bindings-wasm/build.sh).
  npm_deps
}

# ---------------------------------------------------------------------------
# python: a virtualenv at the repo root with the dev/test requirements.
# ---------------------------------------------------------------------------
section_python() {
  command -v python3 >/dev/null || die "python3 not found"
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "need Python >= 3.11 for the test suite (found $(python3 --version))"

  if [ ! -x "$VENV/bin/python" ]; then
    log "python: creating $VENV"
    python3 -m venv "$VENV" || {
      # Debian's system python needs the venv module from apt.
      apt_install python3-venv
      python3 -m venv "$VENV"
    }
  fi

  # Reinstall only when requirements-dev.txt changed since the last install.
  local stamp="$VENV/.requirements-dev.sha256" want
  want="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "python: requirements-dev.txt already installed in .venv"
  else
    log "python: pip install -r bindings-python/requirements-dev.txt"
    timed "pip install -U pip" "$VENV/bin/python" -m pip install --quiet --upgrade pip
    timed "pip install -r requirements-dev.txt" \
      "$VENV/bin/python" -m pip install --quiet --upgrade -r "$REQUIREMENTS"
    echo "$want" >"$stamp"
  fi
  # A CJK font for the notebooks' Chinese chart labels (dangjian.plotting.use_cjk_font and
  # tests/test_plotting.py): any installed one will do, else Noto CJK.
  fc-list :lang=zh 2>/dev/null | grep -q . || apt_install fontconfig fonts-noto-cjk
}

# ---------------------------------------------------------------------------
# browser: Debian's Chromium (playwright-core drives it; no browser download)
# and the npm devDependencies of bindings-wasm/.
# ---------------------------------------------------------------------------
section_browser() {
  [ -x /usr/bin/chromium ] || apt_install chromium
  # A CJK font, so that the demo page (and its screenshot) shows Chinese, not boxes.
  fc-list :lang=zh 2>/dev/null | grep -q . || apt_install fonts-wqy-microhei
  npm_deps
}

# npm devDependencies of bindings-wasm/ (playwright-core, binaryen), exactly
# as locked; re-run only when package-lock.json changed.
npm_deps() {
  command -v npm >/dev/null || die "npm not found (node 20 + npm expected in the base image)"
  local dir="$ROOT/bindings-wasm"
  local stamp="$dir/node_modules/.package-lock.sha256" want
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    log "npm: bindings-wasm/node_modules up to date"
  else
    log "npm: npm ci in bindings-wasm/"
    # playwright-core never downloads a browser; the variable is belt and braces.
    (cd "$dir" && timed "npm ci" env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
      npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
}

# ---------------------------------------------------------------------------
main() {
  local sections=("$@") s
  [ "${#sections[@]}" -eq 0 ] && sections=(all)
  for s in "${sections[@]}"; do
    case "$s" in
      all) timed "section rust" section_rust; timed "section wasm" section_wasm
           timed "section python" section_python; timed "section browser" section_browser ;;
      rust | wasm | python | browser) timed "section $s" "section_$s" ;;
      -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
      *) die "unknown section '$s' (rust, wasm, python, browser, all)" ;;
    esac
  done
}

main "$@"
