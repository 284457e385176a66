#!/usr/bin/env bash
# Classifier quality and speed against scikit-learn, on the real data in ../shared/data.
#
#   bench/classifiers.sh [ROUNDS]        (default 3 rounds; medians are reported)
#
# Both sides use TF-IDF of word 1-2-grams with scikit-learn's defaults and are timed inside their
# process for load + vectorise + train + predict: Python after its imports, ours as the product
# runs, './attrprompt evaluate --json' (its "seconds": from reading the files to the last
# prediction, after the command line is parsed; the JIT's warm-up counts). The launcher's start-up
# cache is recorded before the first round by its own warm-up on simulated data, never on these
# datasets. Every run is a fresh process, and the two sides alternate within each round, so that
# load from other work on the machine hits both alike.
# Pairs: our tfidf-lr vs LogisticRegression, our tfidf-svm vs LinearSVC.
# Targets: our best macro-F1 at most 0.5 points below scikit-learn's best; our time at most theirs.
# Installs Debian's python3-sklearn with apt-get when it is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${ATTRPROMPT_SHARED_DATA:-$root/../shared/data}"
rounds="${1:-3}"
py=/usr/bin/python3

if ! "$py" -c 'import sklearn' 2>/dev/null; then
  echo "installing python3-sklearn (Debian package) ..." >&2
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get install -y -q python3-sklearn >/dev/null || { $sudo_ apt-get update -q >/dev/null && $sudo_ apt-get install -y -q python3-sklearn >/dev/null; }
fi

. "$root/bin/jdk.sh"
attrprompt_find_jdk || exit 2
echo "building attrprompt and recording its start-up cache ..." >&2
"$root/attrprompt" --version >/dev/null

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
run_pair() { # dataset train test
  local name="$1" train="$2" test="$3"
  for ((r = 1; r <= rounds; r++)); do
    for pair in "tfidf-lr LogisticRegression" "tfidf-svm LinearSVC"; do
      set -- $pair
      "$py" "$root/bench/classifiers.py" "$train" "$test" "$2" | sed "s/^/$name /" >>"$out"
      "$root/attrprompt" evaluate --train "$train" --test "$test" --classifier "$1" --json \
        | "$py" -c 'import json, sys; d = json.load(sys.stdin); s = d["seconds"]; print("java %s macro_f1=%.4f accuracy=%.4f load=%.3f vectorise=%.3f train=%.3f predict=%.3f total=%.3f" % (sys.argv[1], d["macro_f1"], d["accuracy"], s["load"], s["vectorise"], s["train"], s["predict"], s["total"]))' "$1" \
        | sed "s/^/$name /" >>"$out"
    done
  done
}
run_pair agnews "$data/agnews/train_sample10k_description_only.jsonl" "$data/agnews/test.jsonl"
run_pair sst2 "$data/sst2/train.jsonl" "$data/sst2/dev.jsonl"

echo "machine: $(nproc) cores, $(uname -m); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); python $("$py" -c 'import sklearn, sys; print(sys.version.split()[0], "scikit-learn", sklearn.__version__)')"
echo "rounds: $rounds (medians)"
"$py" - "$out" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    parts = line.split()
    dataset, side, clf = parts[0], parts[1], parts[2]
    runs[(dataset, side, clf)].append(dict(kv.split("=") for kv in parts[3:]))
def med(rows, key):
    return statistics.median(float(r[key]) for r in rows)
pairs = [("tfidf-lr", "LogisticRegression"), ("tfidf-svm", "LinearSVC")]
print()
print("%-7s %-30s %9s %9s %7s %9s %9s %7s" % ("data", "ours vs scikit-learn", "F1 ours", "F1 sk", "diff", "s ours", "s sk", "ratio"))
for dataset in ("agnews", "sst2"):
    best_ours = best_sk = 0
    for ours, sk in pairs:
        o, s = runs[(dataset, "java", ours)], runs[(dataset, "sklearn", sk)]
        fo, fs = med(o, "macro_f1"), med(s, "macro_f1")
        to, ts = med(o, "total"), med(s, "total")
        best_ours, best_sk = max(best_ours, fo), max(best_sk, fs)
        print("%-7s %-30s %9.4f %9.4f %+7.2f %9.3f %9.3f %7.2f" % (dataset, ours + " vs " + sk, fo, fs, 100 * (fo - fs), to, ts, to / ts))
        print("%-7s   %s: load %.3f vectorise %.3f train %.3f predict %.3f | %s: load %.3f vectorise %.3f train %.3f predict %.3f" % (
            "", ours, med(o, "load"), med(o, "vectorise"), med(o, "train"), med(o, "predict"),
            sk, med(s, "load"), med(s, "vectorise"), med(s, "train"), med(s, "predict")))
    print("%-7s best macro-F1: ours %.4f, scikit-learn %.4f (%+.2f points; target >= -0.50: %s)" % (
        dataset, best_ours, best_sk, 100 * (best_ours - best_sk), "met" if best_ours >= best_sk - 0.005 else "NOT met"))
print()
print("F1 = macro-F1; s = median wall seconds of load + vectorise + train + predict inside the process;")
print("ratio = ours / scikit-learn (target <= 1).")
PY
