package dev.attrprompt.eval.text;

/** A sparse vector: strictly increasing indices and their values. */
public record SparseVector(int[] indices, float[] values) {
  public static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

  public int nonZeros() {
    return indices.length;
  }

  public double dot(SparseVector o) {
    double sum = 0;
    int i = 0;
    int j = 0;
    while (i < indices.length && j < o.indices.length) {
      if (indices[i] == o.indices[j]) {
        sum += (double) values[i++] * o.values[j++];
      } else if (indices[i] < o.indices[j]) {
        i++;
      } else {
        j++;
      }
    }
    return sum;
  }

  public double squaredNorm() {
    double sum = 0;
    for (float v : values) {
      sum += (double) v * v;
    }
    return sum;
  }
}
