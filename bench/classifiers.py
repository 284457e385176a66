"""scikit-learn side of bench/classifiers.sh.

Usage: classifiers.py TRAIN.jsonl TEST.jsonl LogisticRegression|LinearSVC

Loads a train and a test JSONL ({"text","label"}), builds TF-IDF of word 1-2-grams with
scikit-learn's defaults (TfidfVectorizer(ngram_range=(1, 2))), trains the classifier with its
defaults (LogisticRegression gets max_iter=1000 so that it converges) and prints one line:
macro-F1, accuracy, and the wall seconds of load, vectorise (fit on the training texts and
transform the test texts), train and predict, measured inside this process after the imports.
"""
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.svm import LinearSVC


def load(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                texts.append(row["text"])
                labels.append(row["label"].strip().lower())
    return texts, labels


def run(name, make, train_path, test_path):
    t0 = time.perf_counter()
    x_train, y_train = load(train_path)
    x_test, y_test = load(test_path)
    t1 = time.perf_counter()
    vec = TfidfVectorizer(ngram_range=(1, 2))
    a = vec.fit_transform(x_train)
    b = vec.transform(x_test)
    t2 = time.perf_counter()
    model = make().fit(a, y_train)
    t3 = time.perf_counter()
    pred = model.predict(b)
    t4 = time.perf_counter()
    print("sklearn %s macro_f1=%.4f accuracy=%.4f load=%.3f vectorise=%.3f train=%.3f predict=%.3f total=%.3f"
          % (name, f1_score(y_test, pred, average="macro"), accuracy_score(y_test, pred),
             t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0), flush=True)


CLASSIFIERS = {
    "LogisticRegression": lambda: LogisticRegression(max_iter=1000),
    "LinearSVC": lambda: LinearSVC(),
}

if __name__ == "__main__":
    train, test, name = sys.argv[1], sys.argv[2], sys.argv[3]
    run(name, CLASSIFIERS[name], train, test)
