package dev.attrprompt.sim;

import java.util.List;

/** Small, fast, stable 64-bit hashes: content must be identical across runs and machines. */
final class Hashing {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Hashing() {}

  /** SplitMix64's finalizer over two longs: spreads nearby inputs far apart. */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** FNV-1a over the UTF-16 code units of {@code text}. */
  static long fnv(long h, String text) {
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= FNV_PRIME;
    }
    return h;
  }

  static long of(String text) {
    return fnv(FNV_OFFSET, text);
  }

  /** A hash of a list of strings that cannot confuse ["ab", "c"] with ["a", "bc"]. */
  static long of(List<String> parts) {
    long h = FNV_OFFSET;
    for (String part : parts) {
      h = fnv(h, part);
      h ^= 0x1F;
      h *= FNV_PRIME;
      h ^= part.length();
      h *= FNV_PRIME;
    }
    return h;
  }
}
