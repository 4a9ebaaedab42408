package org.portolan.ingest.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A set of packet headers: a union of disjoint {@link Box}es. Exact: no sampling. Immutable.
 */
public final class Space {
  public static final Space EMPTY = new Space(List.of());

  private final List<Box> boxes;

  private Space(List<Box> boxes) {
    this.boxes = boxes;
  }

  public static Space of(Box box) {
    return box == null || box.isEmpty() ? EMPTY : new Space(List.of(box));
  }

  /** A union of boxes that may overlap; made disjoint here. */
  public static Space union(Collection<Box> boxes) {
    Space s = EMPTY;
    for (Box b : boxes) s = s.plus(b);
    return s;
  }

  /**
   * Every box with dimension {@code dim} replaced by {@code r}, kept as separate boxes: only
   * for a space whose boxes already differ outside {@code dim} (the caller knows why), so they
   * stay disjoint.
   */
  public Space replacing(int dim, Ranges r) {
    List<Box> out = new java.util.ArrayList<>(boxes.size());
    for (Box b : boxes) out.add(b.get(dim).equals(r) ? b : b.with(dim, r));
    return ofDisjoint(out);
  }

  /** Boxes already known to be pairwise disjoint. */
  static Space ofDisjoint(List<Box> boxes) {
    return boxes.isEmpty() ? EMPTY : new Space(List.copyOf(boxes));
  }

  /** Every packet of both families. */
  public static Space universe() {
    return new Space(List.of(Box.universe(4), Box.universe(6)));
  }

  public List<Box> boxes() {
    return boxes;
  }

  public boolean isEmpty() {
    return boxes.isEmpty();
  }

  // indexed loops on the hot paths, not for-each: the launcher runs verify on C1, which does no
  // escape analysis, so every iterator would be an allocation
  public boolean intersects(Box b) {
    for (int i = 0, n = boxes.size(); i < n; i++) if (boxes.get(i).intersects(b)) return true;
    return false;
  }

  public boolean intersects(Space s) {
    List<Box> o = s.boxes;
    for (int i = 0, n = o.size(); i < n; i++) if (intersects(o.get(i))) return true;
    return false;
  }

  public Space intersect(Box b) {
    int n = boxes.size();
    if (n == 1) {
      Box x = boxes.getFirst(), i = x.intersect(b);
      return i == null ? EMPTY : i == x ? this : new Space(List.of(i));
    }
    List<Box> out = new ArrayList<>(n);
    boolean same = true;
    for (int k = 0; k < n; k++) {
      Box x = boxes.get(k), i = x.intersect(b);
      same &= i == x;
      if (i != null) out.add(i);
    }
    return same ? this : ofDisjoint(out);
  }

  public Space intersect(Space s) {
    if (s.boxes.size() == 1) return intersect(s.boxes.getFirst());
    List<Box> out = new ArrayList<>();
    List<Box> o = s.boxes;
    for (int k = 0, n = boxes.size(); k < n; k++) {
      Box x = boxes.get(k);
      for (int j = 0, m = o.size(); j < m; j++) {
        Box i = x.intersect(o.get(j));
        if (i != null) out.add(i);
      }
    }
    return ofDisjoint(out);
  }

  public Space minus(Box b) {
    List<Box> out = null;
    for (int k = 0; k < boxes.size(); k++) {
      Box x = boxes.get(k);
      if (!x.intersects(b)) {
        if (out != null) out.add(x);
        continue;
      }
      if (out == null) out = new ArrayList<>(boxes.subList(0, k));
      out.addAll(x.minus(b));
    }
    return out == null ? this : ofDisjoint(out);
  }

  public Space minus(Space s) {
    Space r = this;
    for (Box b : s.boxes) {
      if (r.isEmpty()) return r;
      r = r.minus(b);
    }
    return r;
  }

  public Space plus(Box b) {
    if (b == null || b.isEmpty()) return this;
    List<Box> pieces = List.of(b);
    for (Box x : boxes) {
      if (pieces.isEmpty()) break;
      List<Box> next = new ArrayList<>();
      for (Box p : pieces) next.addAll(p.minus(x));
      pieces = next;
    }
    if (pieces.isEmpty()) return this;
    List<Box> out = new ArrayList<>(boxes);
    out.addAll(pieces);
    return ofDisjoint(out);
  }

  public Space plus(Space s) {
    if (isEmpty()) return s;
    Space r = this;
    for (Box b : s.boxes) r = r.plus(b);
    return r;
  }

  public boolean containsAll(Space s) {
    return s.minus(this).isEmpty();
  }

  /** The same set as a plain union of this and boxes known to be disjoint from it. */
  public Space plusDisjoint(Space s) {
    if (s.isEmpty()) return this;
    if (isEmpty()) return s;
    List<Box> out = new ArrayList<>(boxes);
    out.addAll(s.boxes);
    return new Space(out);
  }

  @Override
  public String toString() {
    return boxes.toString();
  }
}
