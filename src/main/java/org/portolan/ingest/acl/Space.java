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

  public boolean intersects(Box b) {
    for (Box x : boxes) if (x.intersects(b)) return true;
    return false;
  }

  public boolean intersects(Space s) {
    for (Box b : s.boxes) if (intersects(b)) return true;
    return false;
  }

  public Space intersect(Box b) {
    List<Box> out = new ArrayList<>();
    for (Box x : boxes) {
      Box i = x.intersect(b);
      if (i != null) out.add(i);
    }
    return out.size() == boxes.size() && out.equals(boxes) ? this : ofDisjoint(out);
  }

  public Space intersect(Space s) {
    if (s.boxes.size() == 1) return intersect(s.boxes.getFirst());
    List<Box> out = new ArrayList<>();
    for (Box x : boxes) for (Box b : s.boxes) {
      Box i = x.intersect(b);
      if (i != null) out.add(i);
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
