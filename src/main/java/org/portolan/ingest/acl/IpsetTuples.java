package org.portolan.ingest.acl;

import java.util.List;

/**
 * The members of an ipset of more than one field per member ({@code hash:ip,port},
 * {@code hash:net,port}, {@code hash:ip,port,ip}, {@code hash:ip,port,net},
 * {@code hash:net,port,net}, {@code hash:net,net}, {@code hash:ip,mac}…): each member as one
 * region per field and direction, so {@code -m set --match-set NAME src,dst,…} reads exactly as
 * the kernel's ip_set_test does: field i is the packet's source or destination as flag i says,
 * and a rule with fewer flags than the set has fields matches nothing.
 *
 * @param fields how many fields a member has
 * @param members per member, per field: the packets whose source matches it, then those whose
 *     destination does
 */
public record IpsetTuples(int fields, List<List<Space[]>> members) {
  public IpsetTuples {
    if (fields < 2) throw new IllegalArgumentException("a set of tuples has two fields or more");
    members = List.copyOf(members);
    for (List<Space[]> m : members)
      if (m.size() != fields || m.stream().anyMatch(f -> f.length != 2)) throw new IllegalArgumentException("a member has one source and one destination region per field");
  }

  /** The packets {@code --match-set NAME FLAGS} matches; {@code src[i]}: flag i is {@code src}. */
  public Space matching(List<Boolean> src) {
    if (src.size() < fields) return Space.EMPTY;
    Space all = Space.EMPTY;
    for (List<Space[]> m : members) {
      Space one = Space.universe();
      for (int i = 0; i < fields && !one.isEmpty(); i++) one = one.intersect(m.get(i)[src.get(i) ? 0 : 1]);
      all = all.plus(one);
    }
    return all;
  }
}
