#!/usr/bin/env bash
# Evaluation benchmarks on the real data in ../shared/data, each figure measured in this one run:
#
#   1. label fidelity: SST-2 train with 10% of its labels flipped at random (seed 7; the flipped
#      lines are known), `attrprompt check --json` with its default judge (tfidf-lr and embed-lr
#      over bge-small, averaged) and with tfidf-lr alone: precision and recall of the flagged set,
#      and wall time against `attrprompt evaluate` on the same file (tested on SST-2 dev), with its
#      default tfidf-lr and with embed-lr over bge-small (the same embedding work as the check);
#   2. sentence embeddings: texts embedded per second by the bundled encoders (MiniLM and
#      bge-small), short texts (SST-2 dev) and long ones (IMDB test reviews), on every core and on
#      one (taskset);
#   3. embed-lr (MiniLM, and bge-small) against tfidf-lr and scikit-learn's LogisticRegression
#      on TF-IDF (bench/classifiers.py), on SST-2 (train -> dev) and AG News (10k sample -> test):
#      macro-F1 and the seconds of each phase; training must take at most half the embedding time;
#   4. label fidelity on topic data: the AG News 10k sample with 10% of labels flipped (seed 7),
#      both judges as in 1.
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
flip() { # flip FILE OUT.jsonl OUT.idx: 10% of the labels changed to another label at random (seed 7)
  "$py" - "$1" "$2" "$3" <<'PY'
import json, random, sys
r = random.Random(7)
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
label = lambda x: x["label"] if isinstance(x["label"], str) else x["label"][0]
labels = sorted({label(x) for x in rows})
flipped = set(r.sample(range(len(rows)), round(0.1 * len(rows))))
with open(sys.argv[2], "w") as f:
    for i, x in enumerate(rows):
        y = r.choice([l for l in labels if l != label(x)]) if i in flipped else label(x)
        f.write(json.dumps({"text": x["text"], "label": y}) + "\n")
json.dump(sorted(flipped), open(sys.argv[3], "w"))
PY
}
score() { # score NAME CHECK.json FLIPPED.idx SECONDS
  "$py" - "$@" <<'PY'
import json, sys
name, check, idx, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
d = json.load(open(check)); truth = set(json.load(open(idx)))
got = {f["index"] for f in d["flagged"]}
tp = len(got & truth)
print("check %s, 10%% flipped (%d of %d), judge %s: flagged %d, precision %.3f, recall %.3f (targets 0.7 / 0.6); %.1f s"
      % (name, len(truth), d["size"], d["judge"], len(got), tp / max(1, len(got)), tp / len(truth), seconds))
ranked = sorted(d["flagged"], key=lambda f: -f["confidence"])
for k in (len(truth) // 2, len(truth)):
    top = {f["index"] for f in ranked[:k]}
    print("  the %d most confident flags: precision %.3f, recall %.3f" % (k, len(top & truth) / k, len(top & truth) / len(truth)))
PY
}
timed() { # timed OUT CMD...: runs CMD with stdout to OUT, prints the wall seconds
  local t0 t1; t0=$(date +%s.%N); "${@:2}" >"$1"; t1=$(date +%s.%N); "$py" -c "print('%.1f' % ($t1 - $t0))"
}
fidelity() { # fidelity NAME FILE TEST: both judges on FILE with 10% flipped
  flip "$2" "$work/flip.jsonl" "$work/flip.idx"
  s=$(timed "$work/check.json" "$root/attrprompt" check "$work/flip.jsonl" --json)
  score "$1" "$work/check.json" "$work/flip.idx" "$s"
  s=$(timed "$work/check.json" "$root/attrprompt" check "$work/flip.jsonl" --json --classifier tfidf-lr)
  score "$1" "$work/check.json" "$work/flip.idx" "$s"
  if [ -n "$3" ]; then
    s=$(timed "$work/eval.json" "$root/attrprompt" evaluate --train "$work/flip.jsonl" --test "$3" --json)
    echo "  evaluate on the same file, tfidf-lr: $s s"
    s=$(timed "$work/eval.json" "$root/attrprompt" evaluate --train "$work/flip.jsonl" --test "$3" --json \
      --classifier embed-lr --embeddings bge-small)
    echo "  evaluate on the same file, embed-lr over bge-small: $s s"
  fi
}
fidelity "SST-2 train" "$data/sst2/train.jsonl" "$data/sst2/dev.jsonl"

# 2. embedding throughput
"$root/build" -q -B -pl attrprompt-eval test-compile >/dev/null
cp="$root/attrprompt-eval/target/test-classes:$root/attrprompt-cli/target/lib/*"
bench() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.attrprompt.eval.bench.EmbedBenchmark "$@"; }
for e in minilm bge-small; do
  bench "$data/sst2/dev.jsonl" 872 "$e"
  taskset -c 0 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.attrprompt.eval.bench.EmbedBenchmark "$data/sst2/dev.jsonl" 872 "$e"
  bench "$data/imdb/test.jsonl" "$long_n" "$e"
  taskset -c 0 "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" dev.attrprompt.eval.bench.EmbedBenchmark "$data/imdb/test.jsonl" "$long_n" "$e"
done

# 3. embed-lr against tfidf-lr and scikit-learn, SST-2 and AG News
"$py" -c 'import sklearn' 2>/dev/null || { echo "scikit-learn is missing: bench/classifiers.sh installs it" >&2; exit 2; }
probes() { # probes NAME TRAIN TEST
  "$py" "$root/bench/classifiers.py" "$2" "$3" LogisticRegression \
    | "$py" -c 'import sys; kv = dict(p.split("=") for p in sys.stdin.read().split() if "=" in p); print("evaluate %s scikit-learn LogisticRegression (TF-IDF): macro-F1 %.4f; seconds total %.2f" % (sys.argv[1], float(kv["macro_f1"]), float(kv["total"])))' "$1"
  for c in "tfidf-lr" "embed-lr" "embed-lr --embeddings bge-small"; do
    # shellcheck disable=SC2086 # $c is the classifier and, for one, its embeddings
    "$root/attrprompt" evaluate --train "$2" --test "$3" --classifier $c --json \
      | "$py" -c 'import json, sys; d = json.load(sys.stdin); s = d["seconds"]; print("evaluate %s %s: macro-F1 %.4f; seconds load %.2f vectorise %.2f train %.2f predict %.2f total %.2f; train / vectorise %.3f" % (sys.argv[1], sys.argv[2], d["macro_f1"], s["load"], s["vectorise"], s["train"], s["predict"], s["total"], s["train"] / max(1e-9, s["vectorise"])))' "$1" "$c"
  done
}
probes SST-2 "$data/sst2/train.jsonl" "$data/sst2/dev.jsonl"
probes "AG News" "$data/agnews/train_sample10k_description_only.jsonl" "$data/agnews/test.jsonl"

# 4. label fidelity on topic data
fidelity "AG News 10k sample" "$data/agnews/train_sample10k_description_only.jsonl" ""
