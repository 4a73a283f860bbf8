#!/usr/bin/env bash
# parser.sh — `hazardnet plan parse` end to end, as TAP on stdout.
#
# For each seed plan in $HN_ROOT/../shared/seeds/ with a golden file in
# tests/parser/golden/, parses it with --json and compares the result with
# the hand-checked expectations (tests/parser/compare.mjs); then checks the
# command line: the outline and its FILE:LINE:COL diagnostics, standard
# input, --aliases, and the refusals of bad input (empty, binary, invalid
# UTF-8, too large, missing: exit 1 with one clear line; bad usage: exit 2).
#
# Environment: HN_BIN (the binary), HN_ROOT (the repository), HN_TMP (a
# scratch directory).
set -u
root="${HN_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
bin="${HN_BIN:-$root/build/hazardnet}"
tmp="${HN_TMP:-$(mktemp -d /tmp/hn-parser.XXXXXX)}/parser"
seeds="$root/../shared/seeds"
mkdir -p "$tmp"
n=0

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() { # description, then a command that must succeed
  local what="$1"; shift
  if "$@"; then ok "$what"; else not_ok "$what"; fi
}

# run ARGS…: runs the binary; exit status in $rc, output in $tmp/out, $tmp/err
run() {
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# refused WHAT CODE WORDS FILE ARGS…: exit CODE and one stderr line with WORDS
refused() {
  local what="$1" code="$2" words="$3"; shift 3
  run "$@"
  if [ "$rc" -ne "$code" ]; then
    not_ok "$what: exit $code (got $rc)"; sed 's/^/  # /' "$tmp/err" | head -5; return
  fi
  if [ "$(wc -l <"$tmp/err")" -ne 1 ] && [ "$code" -eq 1 ]; then
    not_ok "$what: one line on stderr"; sed 's/^/  # /' "$tmp/err" | head -5; return
  fi
  if ! grep -q -- "$words" "$tmp/err"; then
    not_ok "$what: stderr says '$words'"; sed 's/^/  # /' "$tmp/err" | head -5; return
  fi
  ok "$what"
}

if [ ! -x "$bin" ]; then
  echo "not ok 1 - no binary at $bin"
  echo "1..1"
  exit 1
fi

# ---------------------------------------------------------------- goldens
for golden in "$root"/tests/parser/golden/*.expected.json; do
  [ -f "$golden" ] || continue
  id="$(basename "$golden" .expected.json)"
  seed="$(ls "$seeds"/"${id}"_*.txt 2>/dev/null | head -n 1)"
  if [ -z "$seed" ]; then
    not_ok "seed $id: no file ${id}_*.txt in $seeds"
    continue
  fi
  run plan parse "$seed" --json
  if [ "$rc" -ne 0 ]; then
    not_ok "seed $id parses (exit $rc)"; sed 's/^/  # /' "$tmp/err" | head -5
    continue
  fi
  cp "$tmp/out" "$tmp/$id.json"
  ok "seed $id parses"
  # the comparison's own TAP, renumbered into this stream
  while IFS= read -r line; do
    case "$line" in
      "ok "*) n=$((n + 1)); echo "ok $n ${line#ok * }" ;;
      "not ok "*) n=$((n + 1)); echo "not ok $n ${line#not ok * }" ;;
      "1.."*) ;;
      *) echo "$line" ;;
    esac
  done < <(node "$root/tests/parser/compare.mjs" "$golden" "$tmp/$id.json" "$id" 2>&1)
done

# ------------------------------------------------------------ the command
seed0="$(ls "$seeds"/000_*.txt 2>/dev/null | head -n 1)"
if [ -n "$seed0" ]; then
  check "the JSON is UTF-8 as it is, not \\u escapes" \
    grep -q '"title": "拉萨市安全生产专项整治三年行动计划"' "$tmp/000.json"
  check "the JSON is pretty-printed" grep -q '^  "nodes": \[' "$tmp/000.json"
  run plan parse "$seed0"
  check "the outline lists the attachments" grep -q '附件12 工贸行业安全专项整治三年行动实施方案' "$tmp/out"
  check "the outline shows units and deadlines" grep -q 'lead: 交通运输局' "$tmp/out"
  check "diagnostics as FILE:LINE:COL: warning: message" \
    grep -q "^$seed0:615:6: warning: attachment '附件10' is omitted" "$tmp/err"
  run plan parse - --json <"$seed0"
  if [ "$rc" -eq 0 ] && cmp -s "$tmp/out" "$tmp/000.json"; then
    ok "'-' reads the plan from standard input"
  else
    not_ok "'-' reads the plan from standard input (exit $rc)"
  fi
fi

# --aliases: a second table extends the shipped one
printf '某县安全生产专项整治三年行动方案\n一、主要任务\n(一)开展排查。(县交警队牵头,县应急局、各县(区)应急局等部门按职责分工负责)\n' >"$tmp/small.txt"
# full-width in the table is normalised like the plan: （ ） are ( )
printf '# local\n县交警队\t县公安局交通警察大队\n各县（区）应急局\t各县(区)应急管理局\n' >"$tmp/aliases.tsv"
run plan parse "$tmp/small.txt" --json --aliases "$tmp/aliases.tsv"
if [ "$rc" -eq 0 ] && grep -q '"县公安局交通警察大队"' "$tmp/out" && grep -q '"县应急管理局"' "$tmp/out" \
   && grep -q '"各县(区)应急管理局"' "$tmp/out"; then
  ok "--aliases FILE adds to the shipped alias table"
else
  not_ok "--aliases FILE adds to the shipped alias table (exit $rc)"
fi
printf 'no tab here\n' >"$tmp/bad-aliases.tsv"
refused "a malformed alias table is refused" 1 "line 1" plan parse "$tmp/small.txt" --aliases "$tmp/bad-aliases.tsv"

# ------------------------------------------------------------- bad input
: >"$tmp/empty.txt"
refused "an empty file is refused" 1 "cannot parse '$tmp/empty.txt': the file is empty" plan parse "$tmp/empty.txt"
printf '  \n\r\n\t\n' >"$tmp/blank.txt"
refused "a blank file is refused" 1 "the file is empty" plan parse "$tmp/blank.txt" --json
printf '\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00' >"$tmp/binary.bin"
refused "a binary file is refused" 1 "cannot parse '$tmp/binary.bin': nul byte" plan parse "$tmp/binary.bin"
printf '一、总体要求\n(一)\xff\xfe坏的字节\n' >"$tmp/latin.txt"
refused "invalid UTF-8 is refused with its line" 1 "invalid utf-8 at offset .* (line 2)" plan parse "$tmp/latin.txt" --json
printf '\xd2\xbb\xa1\xa2\xd7\xdc\xcc\xe5\xd2\xaa\xc7\xf3\n' >"$tmp/gbk.txt"
refused "a GBK-encoded plan is refused" 1 "invalid utf-8" plan parse "$tmp/gbk.txt"
yes '一、安全生产专项整治三年行动要求各级各部门落实责任。' 2>/dev/null | head -c 52428800 >"$tmp/big.txt"
refused "a 50 MB file is refused" 1 "cannot parse '$tmp/big.txt': larger than 20 MB" plan parse "$tmp/big.txt" --json
head -c 52428800 "$tmp/big.txt" | { "$bin" plan parse - >"$tmp/out" 2>"$tmp/err"; echo $? >"$tmp/rc"; }
if [ "$(cat "$tmp/rc")" -eq 1 ] && grep -q "larger than 20 MB" "$tmp/err"; then
  ok "50 MB on standard input is refused"
else
  not_ok "50 MB on standard input is refused (exit $(cat "$tmp/rc"))"
fi
rm -f "$tmp/big.txt"
refused "a missing file is refused" 1 "cannot open '$tmp/missing.txt': no such file or directory" plan parse "$tmp/missing.txt"
refused "a directory is refused" 1 "is a directory" plan parse "$tmp"

# ----------------------------------------------------------------- usage
refused "an unknown option is a usage error" 2 "unknown option '--jsno'" plan parse "$seed0" --jsno
refused "an unknown subcommand is a usage error" 2 "unknown subcommand 'parsee'" plan parsee "$seed0"
refused "a missing FILE is a usage error" 2 "needs a FILE" plan parse --json
refused "--aliases without its FILE is a usage error" 2 "--aliases needs a FILE" plan parse "$tmp/small.txt" --aliases
refused "two FILEs are a usage error" 2 "unexpected argument" plan parse "$tmp/small.txt" "$tmp/small.txt"
refused "no subcommand is a usage error" 2 "subcommand" plan
run plan parse --help
if [ "$rc" -eq 0 ] && grep -q "usage: hazardnet plan parse FILE" "$tmp/out"; then
  ok "--help prints the usage and exits 0"
else
  not_ok "--help prints the usage and exits 0 (exit $rc)"
fi

echo "1..$n"
