#!/usr/bin/env bash
# Report at scale: `attrprompt report RUN --out FILE.html` against `attrprompt analyze RUN --json`
# on the same run of 10,000 accepted samples (the bundled example task, AttrPrompt, 2,000 per
# label, generated against the simulator, so its texts are simulated: a few refusals and
# truncations make top-up rounds). Both commands run through the launcher (`./attrprompt`),
# alternately, each in a fresh JVM; medians over the rounds.
#
#   bench/report-scale.sh [ROUNDS]     (default 3 rounds)
#
# Target: the report takes at most twice as long as analyze.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
. "$root/bin/jdk.sh"
attrprompt_find_jdk || exit 2
work="$(mktemp -d)"
sim_pid=""
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ap="$root/attrprompt"
"$ap" --version >/dev/null   # builds the launcher once, outside the timings

port=$(( 20000 + RANDOM % 20000 ))
"$ap" simulate --port "$port" --latency-ms-median 2 --latency-ms-p99 10 --fault-refusal 0.02 --fault-truncate 0.01 \
  >"$work/sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 100); do
  grep -q "$port" "$work/sim.log" 2>/dev/null && break
  sleep 0.2
done
echo "generating a run of 10,000 accepted samples against the simulator ..." >&2
OPENAI_API_KEY=simulated "$ap" generate "$root/examples/support-tickets" --method attrprompt --per-class 2000 \
  --out "$work/run" --base-url "http://127.0.0.1:$port/v1" --concurrency 64 >"$work/generate.log" 2>&1
kill "$sim_pid"; sim_pid=""

seconds() { # runs the command, prints its wall-clock seconds
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
echo "machine: $(nproc) cores, $(uname -m); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); rounds: $rounds"
for ((r = 1; r <= rounds; r++)); do
  a=$(seconds "$ap" analyze "$work/run" --json)
  p=$(seconds "$ap" report "$work/run" --out "$work/report.html")
  printf "round %d: analyze %.2f s, report %.2f s\n" "$r" "$a" "$p"
  echo "$a $p" >>"$work/times.txt"
done
echo "report: $(du -k "$work/report.html" | cut -f1) KiB HTML, $(du -k "$work/report.json" | cut -f1) KiB JSON"
awk '
  { a[NR] = $1; p[NR] = $2 }
  function median(x, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] + 0 < x[i] + 0) { t = x[i]; x[i] = x[j]; x[j] = t }
    return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
  }
  END {
    ma = median(a, NR); mp = median(p, NR)
    printf "median seconds: analyze %.2f, report %.2f; ratio %.2f (target <= 2): %s\n", ma, mp, mp / ma,
      (mp / ma <= 2 ? "yes" : "NO")
  }' "$work/times.txt"
