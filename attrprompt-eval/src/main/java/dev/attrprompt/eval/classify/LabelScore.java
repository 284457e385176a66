package dev.attrprompt.eval.classify;

/** Precision, recall and F1 of one label, with its support (gold count); 0 where undefined. */
public record LabelScore(double precision, double recall, double f1, long support) {
  static LabelScore of(long truePositives, long predicted, long gold) {
    double p = predicted == 0 ? 0 : (double) truePositives / predicted;
    double r = gold == 0 ? 0 : (double) truePositives / gold;
    double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
    return new LabelScore(p, r, f, gold);
  }
}
