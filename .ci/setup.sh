#!/usr/bin/env bash
# Installs what building and testing Steward needs, skipping whatever is already there.
# Sourced by .ci/run-app, .ci/test and .ci/bench (`make run`, `make test`, `make bench`); it exports:
#   RUSTUP_TOOLCHAIN  when the wasm target comes from Debian's toolchain (see below)
#   PATH              with Tailwind's CLI and wasm-opt from npm (style/node_modules/.bin)
#
# The wasm half: on an ordinary machine `rustup target add wasm32-unknown-unknown` is all.
# Where rustup cannot download the target (offline mirrors, sealed CI), Debian's rustc-web
# ships the standard library's source: we build wasm32 std from it once, register that
# toolchain with rustup as "debian", and build everything with it.
#
# Set STEWARD_SETUP_TESTS=1 to also install what the tests need: Chromium, Playwright and
# PostgreSQL (server binaries for the throwaway test cluster, and psql).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
say() { printf '\033[1;34m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[1;31merror: %s\033[0m\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

apt_install() {
  if [ "$(id -u)" -ne 0 ] || ! have apt-get; then
    die "please install these packages, then run this again: $*"
  fi
  say "installing $* (apt-get)"
  if [ -z "${STEWARD_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    export STEWARD_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# npm ci when the lock file is complete; some registries lack optional platform packages that
# npm ci insists on, and npm install still honours the locked versions of everything present.
npm_install_in() {
  (cd "$1" && { npm ci --no-audit --no-fund --loglevel=error \
    || npm install --no-save --no-audit --no-fund --loglevel=error; })
}

have cargo || die "Rust is not installed. Install it from https://rustup.rs, then run this again."
have npm || apt_install nodejs npm
export PATH="$HOME/.cargo/bin:$PATH"

# --- wasm32 target -------------------------------------------------------------------------
debian_wasm_std=/usr/lib/rustlib/wasm32-unknown-unknown/lib
wasm_ready_in() { # $1: toolchain name
  RUSTUP_TOOLCHAIN=$1 rustc --print target-libdir --target wasm32-unknown-unknown 2>/dev/null \
    | xargs -I{} sh -c 'ls {}/libstd-*.rlib >/dev/null 2>&1'
}
if [ -n "${RUSTUP_TOOLCHAIN:-}" ] && wasm_ready_in "$RUSTUP_TOOLCHAIN"; then
  :
elif rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  :
elif ls "$debian_wasm_std"/libstd-*.rlib >/dev/null 2>&1 && rustup toolchain list | grep -q '^debian'; then
  export RUSTUP_TOOLCHAIN=debian
elif timeout 120 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  say "added the wasm32-unknown-unknown target"
else
  say "rustup cannot fetch the wasm32 target here; building it from Debian's rust-web-src"
  [ -x /usr/lib/llvm-19/bin/wasm-ld ] && [ -d /usr/lib/rustlib/src/rust/library ] && [ -x /usr/bin/rustc ] \
    || apt_install rustc-web cargo-web rust-web-src lld-19
  rustup toolchain list | grep -q '^debian' || rustup toolchain link debian /usr
  scratch=$(mktemp -d)
  mkdir -p "$scratch/src"
  printf '[package]\nname = "wasm-std"\nversion = "0.0.0"\nedition = "2021"\n[lib]\ncrate-type = ["cdylib"]\n' > "$scratch/Cargo.toml"
  echo '#[no_mangle] pub extern "C" fn noop() {}' > "$scratch/src/lib.rs"
  (cd "$scratch" && PATH=/usr/lib/llvm-19/bin:$PATH RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld \
    /usr/bin/cargo build -q --release -Zbuild-std=std,panic_abort --target wasm32-unknown-unknown)
  mkdir -p "$debian_wasm_std"
  cp "$scratch"/target/wasm32-unknown-unknown/release/deps/*.rlib "$debian_wasm_std/"
  host=$(/usr/bin/rustc -vV | awk '/^host:/ { print $2 }')
  mkdir -p "/usr/lib/rustlib/$host/bin"
  ln -sf /usr/lib/llvm-19/bin/lld "/usr/lib/rustlib/$host/bin/rust-lld"
  rm -rf "$scratch"
  export RUSTUP_TOOLCHAIN=debian
fi

# --- cargo-leptos, wasm-bindgen --------------------------------------------------
cargo_leptos_version=0.3.10
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$cargo_leptos_version" ]; then
  say "installing cargo-leptos $cargo_leptos_version (a one-time build of several minutes)"
  # A build tool need not be fully optimised: opt-level 1 builds it in far less time.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked --force cargo-leptos --version "$cargo_leptos_version"
fi
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$repo/Cargo.lock")
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (must match Cargo.lock)"
  cargo install --force wasm-bindgen-cli --version "$bindgen_version"
fi

# --- Tailwind CSS (native CLI) and wasm-opt (binaryen), both from npm ------------------------
# binaryen from npm rather than a distribution package: older wasm-opt releases (Debian 12
# ships 108) corrupt the reference-types tables that current Rust and wasm-bindgen emit.
if [ ! -x "$repo/style/node_modules/.bin/tailwindcss" ] || [ ! -x "$repo/style/node_modules/.bin/wasm-opt" ]; then
  say "installing Tailwind CSS and binaryen (npm)"
  npm_install_in "$repo/style"
fi
export PATH="$repo/style/node_modules/.bin:$PATH"

# --- Test tools: PostgreSQL, Chromium, Playwright --------------------------------------------
if [ -n "${STEWARD_SETUP_TESTS:-}" ]; then
  if ! have psql || ! { have initdb || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }; then
    apt_install postgresql postgresql-client
  fi
  export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}
  if [ -z "$CHROMIUM_PATH" ]; then
    apt_install chromium
    export CHROMIUM_PATH=$(command -v chromium)
  fi
  if [ ! -d "$repo/end2end/node_modules/playwright-core" ]; then
    say "installing Playwright"
    npm_install_in "$repo/end2end"
  fi
fi
