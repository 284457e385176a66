#!/usr/bin/env bash
# Analysis at scale: what `attrprompt analyze FILE --json` does (load, all measures with TF-IDF
# embeddings, JSON), on 10,000 and 100,000 SYNTHETIC texts (generated deterministically by
# AnalyzeScaleBenchmark: made-up Zipf-distributed words, 8 labels, place names, 5% copies and
# one-word edits; not real data), each in a fresh JVM with a 1 GB heap (-Xmx1g).
#
#   bench/analyze-scale.sh [ROUNDS]     (default 3 rounds; medians are reported)
#
# Targets: 100,000 texts within 30 s and 1 GB of heap; 10x the texts at most 12x the time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
. "$root/bin/jdk.sh"
attrprompt_find_jdk || exit 2
echo "building attrprompt-eval ..." >&2
"$root/mvnw" -q -B -f "$root/pom.xml" -pl attrprompt-eval -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="$root/attrprompt-eval/target/classes:$root/attrprompt-eval/target/test-classes:$(cat "$root/attrprompt-eval/target/bench-classpath.txt")"
main=dev.attrprompt.eval.bench.AnalyzeScaleBenchmark
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for n in 10000 100000; do
  "$JAVA_HOME/bin/java" -cp "$cp" $main generate $n "$work/synthetic-$n.jsonl"
done
echo "machine: $(nproc) cores, $(uname -m); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); heap -Xmx1g; rounds: $rounds"
for ((r = 1; r <= rounds; r++)); do
  for n in 10000 100000; do
    "$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" $main run "$work/synthetic-$n.jsonl" | tee -a "$work/runs.txt"
  done
done
small_heap=320m
if "$JAVA_HOME/bin/java" -Xmx$small_heap -cp "$cp" $main run "$work/synthetic-100000.jsonl" >"$work/small.txt" 2>&1; then
  echo "100,000 texts also complete with -Xmx$small_heap: $(cut -d' ' -f2 "$work/small.txt")"
else
  echo "100,000 texts do not complete with -Xmx$small_heap: $(tail -1 "$work/small.txt")"
fi
awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } s[v["texts"]] = s[v["texts"]] " " v["seconds"] }
  function median(list,   a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    small = median(s[10000]); large = median(s[100000])
    printf "median seconds: 10,000 texts %.3f, 100,000 texts %.3f; ratio %.2f (target <= 12); 100,000 within 30 s: %s\n",
      small, large, large / small, (large <= 30 ? "yes" : "NO")
  }' "$work/runs.txt"
