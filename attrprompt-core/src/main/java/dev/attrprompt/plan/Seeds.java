package dev.attrprompt.plan;

import java.nio.charset.StandardCharsets;

/**
 * Stable 64-bit mixing of a seed with names and indices. Plans are pure functions of
 * (seed, label, index): no java.util.Random state, no String.hashCode, the same bits on every JVM.
 */
public final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser: a bijective, well-avalanched mix of 64 bits. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** FNV-1a over the UTF-8 bytes, then mixed. */
  public static long hash(String text) {
    long h = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** Combines a seed with any number of names and numbers, order-sensitively. */
  public static long of(long seed, Object... parts) {
    long h = mix(seed ^ 0x9e3779b97f4a7c15L);
    for (Object part : parts) {
      long p = part instanceof Number n ? mix(n.longValue() + 0x632be59bd9b4e019L) : hash(String.valueOf(part));
      h = mix(h ^ p) + 0x9e3779b97f4a7c15L;
    }
    return mix(h);
  }

  /** A uniform double in [0, 1) from 64 bits. */
  public static double unit(long bits) {
    return (bits >>> 11) * 0x1.0p-53;
  }
}
