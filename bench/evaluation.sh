#!/usr/bin/env bash
# Evaluation benchmarks on the real data in ../shared/data, each figure measured in this one run:
#
#   1. label fidelity: SST-2 train with 10% of its labels flipped at random (seed 7; the flipped
#      lines are known), `attrprompt check --json`: precision and recall of the flagged set, and
#      wall time against `attrprompt evaluate` on the same file (tested on SST-2 dev);
#   2. sentence embeddings: texts embedded per second by the bundled MiniLM, short texts (SST-2 dev)
#      and long ones (IMDB test reviews), on every core and on one (taskset);
#   3. embed-lr (MiniLM) against tfidf-lr on SST-2 (train -> dev): macro-F1 and the seconds of
#      each phase; training must take at most half the embedding time. scikit-learn's figures for
#      tfidf-lr come from bench/classifiers.sh.
#
#   bench/evaluation.sh [IMDB_TEXTS]      (default 300 long texts)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${ATTRPROMPT_SHARED_DATA:-$root/../shared/data}"
long_n="${1:-300}"
py=/usr/bin/python3
. "$root/bin/jdk.sh"
attrprompt_find_jdk || exit 2
"$root/attrprompt" --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(uname -m); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. label fidelity
"$py" - "$data/sst2/train.jsonl" "$work/flip.jsonl" "$work/flip.idx" <<'PY'
import json, random, sys
r = random.Random(7)
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
labels = sorted({x["label"] for x in rows})
flipped = set(r.sample(range(len(rows)), round(0.1 * len(rows))))
with open(sys.argv[2], "w") as f:
    for i, x in enumerate(rows):
        label = r.choice([l for l in labels if l != x["label"]]) if i in flipped else x["label"]
        f.write(json.dumps({"text": x["text"], "label": label}) + "\n")
json.dump(sorted(flipped), open(sys.argv[3], "w"))
PY
t0=$(date +%s.%N); "$root/attrprompt" check "$work/flip.jsonl" --json >"$work/check.json"; t1=$(date +%s.%N)
"$root/attrprompt" evaluate --train "$work/flip.jsonl" --test "$data/sst2/dev.jsonl" --json >"$work/eval.json"; t2=$(date +%s.%N)
"$py" - "$work/check.json" "$work/flip.idx" "$t0" "$t1" "$t2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); truth = set(json.load(open(sys.argv[2])))
got = {f["index"] for f in d["flagged"]}
tp = len(got & truth)
t0, t1, t2 = map(float, sys.argv[3:6])
print("check SST-2 train, 10%% flipped (%d of %d): flagged %d, precision %.3f, recall %.3f (targets 0.7 / 0.6)"
      % (len(truth), d["size"], len(got), tp / max(1, len(got)), tp / len(truth)))
ranked = sorted(d["flagged"], key=lambda f: -f["confidence"])
for k in (len(truth) // 2, len(truth)):
    top = {f["index"] for f in ranked[:k]}
    print("  the %d most confident flags: precision %.3f, recall %.3f" % (k, len(top & truth) / k, len(top & truth) / len(truth)))
print("  wall time: check %.1f s, evaluate on the same file %.1f s (ratio %.1f)" % (t1 - t0, t2 - t1, (t1 - t0) / (t2 - t1)))
PY

# 2. embedding throughput
"$root/build" -q -B -pl attrprompt-eval test-compile >/dev/null
cp="$root/attrprompt-eval/target/test-classes:$root/attrprompt-cli/target/lib/*"
bench() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.attrprompt.eval.bench.EmbedBenchmark "$@"; }
bench "$data/sst2/dev.jsonl" 872
taskset -c 0 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.attrprompt.eval.bench.EmbedBenchmark "$data/sst2/dev.jsonl" 872
bench "$data/imdb/test.jsonl" "$long_n"
taskset -c 0 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.attrprompt.eval.bench.EmbedBenchmark "$data/imdb/test.jsonl" "$long_n"

# 3. embed-lr against tfidf-lr
for c in tfidf-lr embed-lr; do
  "$root/attrprompt" evaluate --train "$data/sst2/train.jsonl" --test "$data/sst2/dev.jsonl" --classifier "$c" --json \
    | "$py" -c 'import json, sys; d = json.load(sys.stdin); s = d["seconds"]; print("evaluate SST-2 %s: macro-F1 %.4f; seconds load %.2f vectorise %.2f train %.2f predict %.2f total %.2f; train / vectorise %.3f" % (sys.argv[1], d["macro_f1"], s["load"], s["vectorise"], s["train"], s["predict"], s["total"], s["train"] / max(1e-9, s["vectorise"])))' "$c"
done
