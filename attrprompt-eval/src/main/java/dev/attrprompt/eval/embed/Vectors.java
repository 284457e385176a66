package dev.attrprompt.eval.embed;

import dev.attrprompt.eval.text.SparseVector;
import java.util.List;

/**
 * One vector per text, L2-normalised (a text without any feature has the zero vector). Sparse for
 * TF-IDF, dense for sentence encoders.
 */
public sealed interface Vectors {
  int size();

  int dimension();

  /** Adds vector {@code i} times {@code factor} to {@code acc} (of length {@link #dimension}). */
  void addTo(int i, double factor, double[] acc);

  /** The squared length of vector {@code i}: 1, or 0 for an empty text. */
  double squaredNorm(int i);

  double dot(int i, int j);

  /** The vectors of the texts {@code from} (inclusive) to {@code to} (exclusive). */
  Vectors slice(int from, int to);

  /** Sparse vectors over a vocabulary of {@code dimension} terms. */
  record Sparse(List<SparseVector> rows, int dimension) implements Vectors {
    public Sparse {
      rows = List.copyOf(rows);
    }

    @Override
    public int size() {
      return rows.size();
    }

    @Override
    public void addTo(int i, double factor, double[] acc) {
      SparseVector v = rows.get(i);
      int[] idx = v.indices();
      float[] val = v.values();
      for (int k = 0; k < idx.length; k++) {
        acc[idx[k]] += factor * val[k];
      }
    }

    @Override
    public double squaredNorm(int i) {
      return rows.get(i).squaredNorm();
    }

    @Override
    public double dot(int i, int j) {
      return rows.get(i).dot(rows.get(j));
    }

    @Override
    public Vectors slice(int from, int to) {
      return new Sparse(rows.subList(from, to), dimension);
    }
  }

  /** Dense vectors, one row per text. */
  record Dense(float[][] rows, int dimension) implements Vectors {
    @Override
    public int size() {
      return rows.length;
    }

    @Override
    public void addTo(int i, double factor, double[] acc) {
      float[] v = rows[i];
      for (int k = 0; k < v.length; k++) {
        acc[k] += factor * v[k];
      }
    }

    @Override
    public double squaredNorm(int i) {
      double s = 0;
      for (float x : rows[i]) {
        s += (double) x * x;
      }
      return s;
    }

    @Override
    public double dot(int i, int j) {
      double s = 0;
      float[] a = rows[i];
      float[] b = rows[j];
      for (int k = 0; k < a.length; k++) {
        s += (double) a[k] * b[k];
      }
      return s;
    }

    @Override
    public Vectors slice(int from, int to) {
      return new Dense(java.util.Arrays.copyOfRange(rows, from, to), dimension);
    }

    /** Scales each row to unit length in place (zero rows stay zero) and returns this. */
    public Dense normalised() {
      for (float[] row : rows) {
        double s = 0;
        for (float x : row) {
          s += (double) x * x;
        }
        if (s > 0) {
          double inv = 1 / Math.sqrt(s);
          for (int k = 0; k < row.length; k++) {
            row[k] = (float) (row[k] * inv);
          }
        }
      }
      return this;
    }
  }
}
