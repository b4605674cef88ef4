#!/usr/bin/env bash
# Instructions per round and per byte of one kind of work over some folders,
# counted by callgrind: the difference of a 1-round and a 3-round run, halved,
# so that starting the program and reading the files do not count.
#
#   tools/instructions.sh MODE DIR...     (MODE: parse, from_utf8 or bytes)
#
# e.g. `tools/instructions.sh parse tests/fixtures/seeds tests/fixtures/written`.
# Needs valgrind; builds `examples/instructions.rs` in release.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=$1; shift
cargo build --quiet --release --example instructions
bin=target/release/examples/instructions
count() {
  local rounds=$1; shift
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$mode" "$rounds" "$@" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
one=$(count 1 "$@")
three=$(count 3 "$@")
bytes=$("$bin" "$mode" 0 "$@" 2>&1 | sed -n 's/.* \([0-9]*\) bytes$/\1/p')
python3 -c "r=($three-$one)/2; print(f'$mode: {r:,.0f} instructions a round, $bytes bytes, {r/$bytes:.1f} per byte')"
