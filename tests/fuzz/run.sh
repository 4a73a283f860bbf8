#!/usr/bin/env bash
# run.sh SECONDS — coverage-guided fuzzing of the parsers of outside input,
# SECONDS per target (default 60). Each target is built with clang
# (-fsanitize=fuzzer,address,undefined) from the sources it needs only,
# into build-fuzz/, with a corpus seeded from sample inputs. Exits non-zero
# when a target crashes, leaks or trips a sanitizer; the input that did it
# is left in build-fuzz/ (crash-*, leak-*, timeout-*).
#
# Targets are lines of the table below: NAME, sources, pkg-config packages,
# and seed files; add one line per new fuzz driver.
set -euo pipefail
seconds="${1:-60}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/build-fuzz"
cd "$root"

if ! command -v clang >/dev/null 2>&1; then
  echo "run.sh: installing clang"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang >/dev/null
fi
mkdir -p "$out"
bash scripts/embed.sh "$out/data.c" data/*.tsv

# name | sources | packages | seeds (globs)
targets=(
  "fuzz_plan_parse|tests/fuzz/fuzz_plan_parse.c src/core/plan_*.c src/core/error.c src/text/normalize.c src/text/plan_json.c $out/data.c|libutf8proc jansson|../shared/seeds/*.txt"
)

status=0
for t in "${targets[@]}"; do
  IFS='|' read -r name sources pkgs seedglob <<<"$t"
  echo "run.sh: building $name"
  # shellcheck disable=SC2086
  clang -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Isrc $(pkg-config --cflags $pkgs) -o "$out/$name" $sources $(pkg-config --libs $pkgs) -lm
  corpus="$out/corpus-$name"
  mkdir -p "$corpus"
  # whole samples, and slices of a few paragraphs each so that mutations
  # are cheap; lines are kept whole so the slices stay valid UTF-8
  for f in $seedglob; do
    [ -f "$f" ] || continue
    cp "$f" "$corpus/$(basename "$f")"
    split -l 8 -a 3 "$f" "$corpus/$(basename "$f" .txt)-part-"
  done
  printf '附件1:略\n' >"$corpus/tiny-1"
  printf '一、(一)1.(1)一是一要((((《《\n' >"$corpus/tiny-2"
  printf '（牵头单位：X。责任单位：A、B；各县（区）人民政府负责，下同）' >"$corpus/tiny-3"
  # found by this fuzzer: a note inside the clause that 下同 carries on
  printf '（牵头单位：X。责任单位：A、B；各县（区）人民政府负干责，下同）' >"$corpus/crash-1"
  echo "run.sh: fuzzing $name for ${seconds}s"
  if ! (cd "$out" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "./$name" -max_total_time="$seconds" -max_len=65536 -timeout=20 \
        -rss_limit_mb=2048 -print_final_stats=1 "$corpus" 2>"$out/$name.log"); then
    echo "run.sh: $name FAILED, see $out/$name.log"; tail -n 40 "$out/$name.log"
    status=1
  else
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$out/$name.log" | sed "s/^/run.sh: $name /"
  fi
done
exit "$status"
