#!/usr/bin/env bash
# Plans of any size: `estimate` and `generate --plan-only` on the bundled example task
# (examples/support-tickets, 5 labels) with a 1 GB heap, timed by /usr/bin/time -v
# (wall seconds and peak resident memory of the whole JVM).
#
#   bench/plan-size.sh
#
# Targets: estimate at 10,000,000 per label within a few minutes; plan-only at that size finishes
# or is refused in one line before anything is written; the largest plan a run holds
# (RunStore.MAX_PLANNED = 1,000,000 requests, 200,000 per label here) is planned within bounded memory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
task="$root/examples/support-tickets"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ATTRPROMPT_JAVA_OPTS="-Xmx1g"
"$root/attrprompt" --version >/dev/null # builds the launcher jar and its start-up cache first
echo "machine: $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg); heap -Xmx1g"

measure() { # NAME COMMAND...: prints name, exit code, wall seconds, peak RSS in MB
  local name="$1"; shift
  local code=0
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || code=$?
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
  printf '%-44s exit %d  %8.1f s  %6s MB peak RSS\n' "$name" "$code" "$wall" "$rss"
  echo "$name $wall" >>"$work/walls.txt"
  sed 's/^/    /' "$work/err.txt" | grep -v '^    *$' | grep -v 'start-up cache' || true
}

measure "estimate --per-class 10,000 (exact)" "$root/attrprompt" estimate "$task" --per-class 10000
measure "estimate --per-class 10,000,000 (sampled)" "$root/attrprompt" estimate "$task" --per-class 10000000
grep -E "^ +(requests|input tokens|output tokens) " "$work/out.txt" | sed 's/^/    /'
measure "generate --per-class 10,000,000 --plan-only" "$root/attrprompt" generate "$task" \
  --per-class 10000000 --plan-only --out "$work/run-10m"
echo "    run folder left behind: $([ -e "$work/run-10m" ] && echo yes || echo no)"
measure "generate --per-class 200,000 --plan-only" "$root/attrprompt" generate "$task" \
  --per-class 200000 --plan-only --out "$work/run-200k"
sed 's/^/    /' "$work/out.txt"
echo "    run store: $(du -m "$work/run-200k/run.sqlite" | cut -f1) MB"
awk '{ w[NR] = $NF } END { printf "estimate time, 10,000,000 vs 10,000 per label: %.2fx\n", w[2] / w[1] }' "$work/walls.txt"
