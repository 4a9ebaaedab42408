package org.portolan.change;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portolan.ingest.acl.Box;
import org.portolan.ingest.acl.Ranges;

/** Boxes joined where they differ in one dimension only, so a refused part is written in as few lines as it takes. */
final class Boxes {
  private Boxes() {}

  static List<Box> merge(List<Box> boxes) {
    List<Box> cur = boxes;
    for (int pass = 0; pass < 2; pass++)
      for (int dim : new int[] {Box.SRC, Box.DST, Box.DPORT, Box.SPORT}) cur = mergeAlong(cur, dim);
    return cur;
  }

  /** Joins boxes equal in every dimension but {@code dim}. Exact: the union of the group is one box. */
  static List<Box> mergeAlong(List<Box> boxes, int dim) {
    if (boxes.size() < 2) return boxes;
    Map<List<Object>, Box> groups = new LinkedHashMap<>();
    for (Box b : boxes) {
      List<Object> key = new ArrayList<>();
      key.add(b.family());
      for (int d = 0; d < Box.DIMS; d++) if (d != dim) key.add(b.get(d));
      groups.merge(key, b, (x, y) -> x.with(dim, x.get(dim).union(y.get(dim))));
    }
    return new ArrayList<>(groups.values());
  }

  /** The values of a small dimension (ports, protocols) as [from, to] pairs. */
  static List<long[]> intervals(Ranges r) {
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i < r.intervals(); i++) out.add(new long[] {r.fromLo(i), r.toLo(i)});
    return out;
  }
}
