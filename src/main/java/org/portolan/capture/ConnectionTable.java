package org.portolan.capture;

import java.util.ArrayList;
import java.util.List;

/**
 * The tracker's connection table: a hash table keyed by a directed 5-tuple's primitive fields,
 * so that a lookup allocates nothing, with its entries linked in access order exactly as an
 * access-ordered {@link java.util.LinkedHashMap} links them (a successful {@link #get} or a
 * {@link #put} makes an entry the most recent; {@link #eldest} is the least recent), which the
 * tracker's eviction and idle expiry rely on.
 *
 * <p>Hand-written: the {@code LinkedHashMap<Key, Pending>} it replaces needed a {@link Key}
 * record for every lookup (one to three per packet), and no JDK or well-kept library map takes
 * a composite primitive key (fastutil and Eclipse Collections key on one primitive). Measured in
 * BENCHMARKS.md, "Capture". Open addressing with linear probing, at most half full, deleted
 * slots closed by backward shifting (no tombstones).
 */
final class ConnectionTable<E extends ConnectionTable.Entry> {
  /** What the table holds: a 5-tuple and the table's links. */
  abstract static class Entry {
    final Key key;
    final int hash;
    // The key's fields again, in the entry itself: a probe then reads one object, not two
    // (ConnectionTable.get was the classifying thread's largest self time on a 1 GB trace).
    private final long aHi, aLo, bHi, bLo;
    private final int ports, proto;
    Entry before;
    Entry after;

    Entry(Key key) {
      this.key = key;
      aHi = key.aHi();
      aLo = key.aLo();
      bHi = key.bHi();
      bLo = key.bLo();
      ports = key.ports();
      proto = key.proto();
      this.hash = hash(aHi, aLo, bHi, bLo, ports, proto);
    }
  }

  private Entry[] slots = new Entry[1024];
  /** Each slot's entry's hash, so that a probe past other tuples (and a miss) reads no entry. */
  private int[] hashes = new int[1024];
  private int size;
  private Entry head;
  private Entry tail;

  int size() {
    return size;
  }

  /** The entry for this tuple, made the most recently used; null when absent. */
  E get(long aHi, long aLo, long bHi, long bLo, int ports, int proto) {
    Entry[] s = slots;
    int[] hs = hashes;
    int mask = s.length - 1;
    int h = hash(aHi, aLo, bHi, bLo, ports, proto);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Entry e = s[i];
      if (e == null) return null;
      if (hs[i] == h && e.aLo == aLo && e.bLo == bLo && e.ports == ports && e.aHi == aHi && e.bHi == bHi && e.proto == proto) {
        toTail(e);
        @SuppressWarnings("unchecked")
        E found = (E) e;
        return found;
      }
    }
  }

  /** Adds {@code e}, whose tuple is not in the table, as the most recently used. */
  void put(E e) {
    if (2 * (size + 1) > slots.length) grow();
    place(slots, hashes, e);
    size++;
    e.before = tail;
    e.after = null;
    if (tail == null) head = e;
    else tail.after = e;
    tail = e;
  }

  /** Removes {@code e} (an entry of this table). */
  void remove(E e) {
    Entry[] s = slots;
    int mask = s.length - 1;
    int i = e.hash & mask;
    while (s[i] != e) {
      if (s[i] == null) throw new IllegalStateException("entry not in the table");
      i = (i + 1) & mask;
    }
    s[i] = null;
    // Backward shift: move later entries of the run into the gap unless their home slot lies
    // cyclically in (gap, j].
    for (int j = (i + 1) & mask; s[j] != null; j = (j + 1) & mask) {
      int home = hashes[j] & mask;
      boolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
      if (!stays) {
        s[i] = s[j];
        hashes[i] = hashes[j];
        s[j] = null;
        i = j;
      }
    }
    size--;
    if (e.before == null) head = e.after;
    else e.before.after = e.after;
    if (e.after == null) tail = e.before;
    else e.after.before = e.before;
    e.before = e.after = null;
  }

  /** The least recently used entry; null when empty. */
  E eldest() {
    @SuppressWarnings("unchecked")
    E h = (E) head;
    return h;
  }

  /** Every entry, least recently used first. */
  List<E> values() {
    List<E> out = new ArrayList<>(size);
    for (Entry e = head; e != null; e = e.after) {
      @SuppressWarnings("unchecked")
      E v = (E) e;
      out.add(v);
    }
    return out;
  }

  void clear() {
    java.util.Arrays.fill(slots, null);
    for (Entry e = head; e != null; ) {
      Entry next = e.after;
      e.before = e.after = null;
      e = next;
    }
    head = tail = null;
    size = 0;
  }

  private void toTail(Entry e) {
    if (e == tail) return;
    Entry b = e.before, a = e.after;
    if (b == null) head = a;
    else b.after = a;
    a.before = b; // e is not the tail, so a is not null
    e.before = tail;
    e.after = null;
    tail.after = e;
    tail = e;
  }

  private void grow() {
    Entry[] bigger = new Entry[slots.length * 2];
    int[] biggerHashes = new int[bigger.length];
    for (Entry e : slots) if (e != null) place(bigger, biggerHashes, e);
    slots = bigger;
    hashes = biggerHashes;
  }

  private static void place(Entry[] s, int[] hs, Entry e) {
    int mask = s.length - 1;
    int i = e.hash & mask;
    while (s[i] != null) i = (i + 1) & mask;
    s[i] = e;
    hs[i] = e.hash;
  }

  static int hash(long aHi, long aLo, long bHi, long bLo, int ports, int proto) {
    long h = aLo * 0x9E3779B97F4A7C15L;
    h = (h ^ bLo) * 0xC2B2AE3D27D4EB4FL;
    h = (h ^ aHi ^ (bHi << 1)) * 0x165667B19E3779F9L;
    h = (h ^ ((long) ports << 8 | proto)) * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
