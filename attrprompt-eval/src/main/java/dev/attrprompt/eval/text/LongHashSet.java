package dev.attrprompt.eval.text;

import java.util.Arrays;

/** A set of 64-bit hashes with open addressing: counts distinct n-grams without boxing. */
public final class LongHashSet {
  private static final long EMPTY = 0;
  private long[] slots;
  private int size;
  private boolean hasZero;

  public LongHashSet(int expected) {
    slots = new long[Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1];
  }

  /** Adds {@code key}; returns whether it was new. */
  public boolean add(long key) {
    if (key == EMPTY) {
      boolean added = !hasZero;
      hasZero = true;
      return added;
    }
    int mask = slots.length - 1;
    int i = (int) mix(key) & mask;
    while (slots[i] != EMPTY) {
      if (slots[i] == key) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = key;
    if (++size * 2 > slots.length) {
      grow();
    }
    return true;
  }

  public int size() {
    return size + (hasZero ? 1 : 0);
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long key : old) {
      if (key != EMPTY) {
        int i = (int) mix(key) & mask;
        while (slots[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        slots[i] = key;
      }
    }
  }

  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  @Override
  public String toString() {
    return "LongHashSet" + Arrays.toString(new int[] {size()});
  }
}
