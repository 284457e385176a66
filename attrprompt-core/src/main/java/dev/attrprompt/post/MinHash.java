package dev.attrprompt.post;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * MinHash signatures of word shingles: the share of equal slots of two signatures estimates the
 * Jaccard similarity of their shingle sets. Deterministic: the hash family is fixed.
 */
public final class MinHash {
  private final int size;
  private final int shingle;
  private final long[] a;
  private final long[] b;

  public MinHash(int size, int shingle) {
    this.size = size;
    this.shingle = shingle;
    this.a = new long[size];
    this.b = new long[size];
    long state = 0x5DEECE66DL;
    for (int i = 0; i < size; i++) {
      state = mix(state + 0x9e3779b97f4a7c15L);
      a[i] = state | 1L; // odd multipliers keep the map a bijection on 64 bits
      state = mix(state + 0x9e3779b97f4a7c15L);
      b[i] = state;
    }
  }

  public int size() {
    return size;
  }

  /** Lower-cased word shingles of {@code text}; texts shorter than one shingle give one. */
  public Set<String> shingles(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s]", " ").strip().split("\\s+");
    Set<String> out = new HashSet<>();
    if (words.length <= shingle) {
      out.add(String.join(" ", words));
      return out;
    }
    for (int i = 0; i + shingle <= words.length; i++) {
      out.add(String.join(" ", java.util.Arrays.copyOfRange(words, i, i + shingle)));
    }
    return out;
  }

  public long[] signature(String text) {
    return signatureOf(shingles(text));
  }

  public long[] signatureOf(Set<String> shingles) {
    long[] sig = new long[size];
    java.util.Arrays.fill(sig, Long.MAX_VALUE);
    for (String s : shingles) {
      long h = hash(s);
      for (int i = 0; i < size; i++) {
        long v = mix(a[i] * h + b[i]);
        if (Long.compareUnsigned(v, sig[i]) < 0) {
          sig[i] = v;
        }
      }
    }
    return sig;
  }

  /** The estimated Jaccard similarity of two signatures. */
  public static double similarity(long[] x, long[] y) {
    int equal = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        equal++;
      }
    }
    return (double) equal / x.length;
  }

  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (c & 0xff);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
