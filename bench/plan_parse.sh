#!/usr/bin/env bash
# plan_parse.sh [RUNS] — how long parsing a plan document takes.
#
# Times, best of RUNS (default 20): the 247 KB seed plan (Lhasa, 12
# attachments) and a generated plan of about 1 MB (the same plan with its
# attachments repeated and renumbered 附件13, 附件14 …, then the other two
# seeds as further attachments). Two measures each:
#   parse — normalisation (UTF-8 check + NFKC) and plan_parse(), in process,
#           wall-clock and CPU time (the CPU time does not count waiting
#           for a busy machine);
#   cli   — `hazardnet plan parse FILE --json >/dev/null`, process included
#           (only when the binary is built: HN_BIN or build/hazardnet).
# Targets: parse ≤ 20 ms for the seed, ≤ 100 ms for 1 MB.
set -euo pipefail
runs="${1:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
seeds="$root/../shared/seeds"
out="$root/build-bench"
bin="${HN_BIN:-$root/build/hazardnet}"
mkdir -p "$out"
cd "$root"

seed="$(ls "$seeds"/000_*.txt | head -n 1)"
big="$out/plan-1mb.txt"
# the generated plan: 000 whole, then its attachments again under new
# numbers until ~1 MB, then 001 and 002 as two more attachments
LC_ALL=C awk -v target=1048576 '
  FNR == NR { lines[++n] = $0; if (first == 0 && $0 ~ /^附件1:/) first = n; size += length($0) + 1; next }
  END {
    for (i = 1; i <= n; i++) print lines[i]
    offset = 12
    while (size < target - 150000) {
      for (i = first; i <= n; i++) {
        l = lines[i]
        if (match(l, /^附件[0-9]+:/)) {
          num = substr(l, 7, RLENGTH - 7) + offset   # after 附件 (6 bytes)
          l = "附件" num ":" substr(l, RLENGTH + 1)
        }
        print l
        size += length(l) + 1
      }
      offset += 12
    }
  }' "$seed" "$seed" >"$big"
for f in "$seeds"/001_*.txt "$seeds"/002_*.txt; do
  number=$(($(grep -c '^附件[0-9]*:' "$big") + 1))
  printf '附件%d:%s\n' "$number" "安全生产专项整治三年行动实施方案" >>"$big"
  cat "$f" >>"$big"
done

cat >"$out/bench_plan.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/plan.h"
#include "text/normalize.h"

static double
now_ms(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	FILE *f;
	long n;
	char *buf;
	int runs = atoi(argv[2]), i;
	double best = 1e18, best_cpu = 1e18;
	struct error e;
	struct plan_aliases *a = plan_aliases_default_new(&e);
	struct plan_opts o = {a};
	size_t nodes = 0;

	if (argc < 3 || (f = fopen(argv[1], "rb")) == NULL)
		return 2;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
		return 2;
	fclose(f);
	for (i = 0; i < runs; i++) {
		double t0 = now_ms(CLOCK_MONOTONIC), c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
		double t1, c1;
		size_t len;
		char *text = text_nfkc_new(buf, (size_t)n, &len, &e);
		struct plan_doc *d = text ? plan_parse(text, len, &o, &e) : NULL;

		t1 = now_ms(CLOCK_MONOTONIC);
		c1 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
		if (d == NULL)
			return 1;
		nodes = d->nnodes;
		if (t1 - t0 < best)
			best = t1 - t0;
		if (c1 - c0 < best_cpu)
			best_cpu = c1 - c0;
		plan_doc_free(d);
		free(text);
	}
	printf("%.1f %.1f %zu\n", best, best_cpu, nodes);
	plan_aliases_free(a);
	free(buf);
	return 0;
}
C
bash scripts/embed.sh "$out/data.c" data/*.tsv
# shellcheck disable=SC2046
cc -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags libutf8proc) \
  -o "$out/bench_plan" "$out/bench_plan.c" src/core/plan_*.c src/core/error.c src/core/date.c \
  src/text/normalize.c "$out/data.c" $(pkg-config --libs libutf8proc)

cli_ms() { # best of runs, in ms, of the whole command
  local best=999999 i t0 t1 ms
  for ((i = 0; i < runs; i++)); do
    t0=$(date +%s%N)
    "$bin" plan parse "$1" --json >/dev/null
    t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000))
    [ "$ms" -lt "$best" ] && best=$ms
  done
  echo "$best"
}

for f in "$seed" "$big"; do
  kb=$(($(wc -c <"$f") / 1024))
  read -r ms cpu nodes < <("$out/bench_plan" "$f" "$runs")
  line="$(basename "$f"): ${kb} KB, $nodes nodes: parse ${ms} ms wall, ${cpu} ms cpu (best of $runs)"
  if [ -x "$bin" ]; then
    line="$line, cli with --json $(cli_ms "$f") ms"
  fi
  echo "$line"
done
