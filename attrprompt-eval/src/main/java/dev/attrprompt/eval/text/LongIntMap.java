package dev.attrprompt.eval.text;

import java.util.Arrays;

/** Ids for 64-bit keys, numbered 0, 1, 2… in order of first sight; open addressing, no boxing. */
final class LongIntMap {
  private static final long EMPTY = 0;
  private long[] keys;
  private int[] ids;
  private int size;
  /** The id of key 0, which cannot be stored in a slot; -1 while unseen. */
  private int zeroId = -1;

  LongIntMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    ids = new int[capacity];
  }

  /** The id of {@code key}, which becomes {@link #size()} when the key is new. */
  int intern(long key) {
    if (key == EMPTY) {
      if (zeroId < 0) {
        zeroId = size++;
      }
      return zeroId;
    }
    int mask = keys.length - 1;
    int i = (int) LongHashSet.mix(key) & mask;
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        return ids[i];
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    ids[i] = size;
    if (++size * 2 > keys.length) {
      grow();
    }
    return size - 1;
  }

  /** The id of {@code key}, or -1 when it was never interned. */
  int get(long key) {
    if (key == EMPTY) {
      return zeroId;
    }
    int mask = keys.length - 1;
    int i = (int) LongHashSet.mix(key) & mask;
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        return ids[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new long[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] != EMPTY) {
        int i = (int) LongHashSet.mix(oldKeys[s]) & mask;
        while (keys[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[s];
        ids[i] = oldIds[s];
      }
    }
  }

  @Override
  public String toString() {
    return "LongIntMap" + Arrays.toString(new int[] {size});
  }
}
