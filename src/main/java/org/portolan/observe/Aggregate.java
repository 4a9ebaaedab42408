package org.portolan.observe;

import java.io.Serializable;
import java.util.HashMap;
import java.util.TreeMap;

/**
 * What one worker (a thread, a Spark task) counted. Every field merges by sums, minima and
 * "the first N by position", so merging in any order gives the same result — results do not
 * depend on how the input was chunked or spread over workers. Bounded: the unexplained
 * groups and rule tables stop growing at their caps and count what did not fit.
 */
final class Aggregate implements Serializable {
  private static final long serialVersionUID = 1;
  static final int EVIDENCE = 5;
  static final int MALFORMED_KEPT = 20;
  static final int GROUPS_CAP = 100_000;
  static final int RULES_CAP = 10_000;

  /** What records of one flow or one unexplained group add up to. */
  static class Counts implements Serializable {
    private static final long serialVersionUID = 1;
    long records, accepted, denied, unknown, replies, packets, bytes;
    long first = Long.MAX_VALUE, last = Long.MIN_VALUE;

    void add(LogRecord r, boolean reply) {
      records += r.records();
      if (reply) replies += r.records();
      switch (r.action()) {
        case ACCEPT -> accepted += r.records();
        case DENY -> denied += r.records();
        case UNKNOWN -> unknown += r.records();
      }
      packets += r.packets();
      bytes += r.bytes();
      if (r.time() != LogRecord.NO_TIME) {
        first = Math.min(first, r.time());
        last = Math.max(last, r.end());
      }
    }

    void mergeCounts(Counts o) {
      records += o.records;
      accepted += o.accepted;
      denied += o.denied;
      unknown += o.unknown;
      replies += o.replies;
      packets += o.packets;
      bytes += o.bytes;
      first = Math.min(first, o.first);
      last = Math.max(last, o.last);
    }
  }

  /** Per required flow (plan order). */
  static final class PerFlow extends Counts {
    private static final long serialVersionUID = 1;
    final TreeMap<String, Long> denials = new TreeMap<>(); // "device\u0000rule" -> records
    final TreeMap<Long, Evidence> evidence = new TreeMap<>(); // position -> first denials

    void merge(PerFlow o) {
      mergeCounts(o);
      o.denials.forEach((k, v) -> denials.merge(k, v, Long::sum));
      evidence.putAll(o.evidence);
      trim(evidence, EVIDENCE);
    }
  }

  /** One denied record shown as evidence. */
  record Evidence(String file, long line, String src, int srcPort, String dst, int dstPort, String device, String rule) implements Serializable {}

  record GroupKey(String src, String dst, int proto, int port) implements Serializable, Comparable<GroupKey> {
    @Override
    public int compareTo(GroupKey o) {
      int c = src.compareTo(o.src);
      if (c == 0) c = dst.compareTo(o.dst);
      if (c == 0) c = Integer.compare(proto, o.proto);
      return c != 0 ? c : Integer.compare(port, o.port);
    }
  }

  static final class Group extends Counts {
    private static final long serialVersionUID = 1;
    long firstPosition = Long.MAX_VALUE;
    String example = "";

    void merge(Group o) {
      mergeCounts(o);
      if (o.firstPosition < firstPosition) {
        firstPosition = o.firstPosition;
        example = o.example;
      }
    }
  }

  record RuleKey(String device, String rule) implements Serializable, Comparable<RuleKey> {
    @Override
    public int compareTo(RuleKey o) {
      int c = device.compareTo(o.device);
      return c != 0 ? c : rule.compareTo(o.rule);
    }
  }

  final PerFlow[] flows;
  final HashMap<GroupKey, Group> groups = new HashMap<>();
  long groupsOverflow;
  final HashMap<RuleKey, long[]> rules = new HashMap<>(); // accept, deny, unknown
  long rulesOverflow;
  final TreeMap<Long, Malformed> malformedKept = new TreeMap<>();
  long malformed, records, lines, skipped, outsideWindow, untimed, explained;
  long first = Long.MAX_VALUE, last = Long.MIN_VALUE;

  Aggregate(int flowCount) {
    flows = new PerFlow[flowCount];
    for (int i = 0; i < flowCount; i++) flows[i] = new PerFlow();
  }

  /** A position that orders records across files: the file's index, then its line. */
  static long position(int fileIndex, long line) {
    return ((long) fileIndex << 40) | line;
  }

  void malformed(int fileIndex, Malformed m) {
    malformed++;
    malformedKept.put(position(fileIndex, m.line()), m);
    trim(malformedKept, MALFORMED_KEPT);
  }

  void rule(String device, String rule, Action a) {
    if (rule.isEmpty()) return;
    RuleKey k = new RuleKey(device, rule);
    long[] c = rules.get(k);
    if (c == null) {
      if (rules.size() >= RULES_CAP) {
        rulesOverflow++;
        return;
      }
      rules.put(k, c = new long[3]);
    }
    c[a.ordinal()]++;
  }

  Group group(GroupKey k) {
    Group g = groups.get(k);
    if (g == null) {
      if (groups.size() >= GROUPS_CAP) {
        groupsOverflow++;
        return null;
      }
      groups.put(k, g = new Group());
    }
    return g;
  }

  Aggregate merge(Aggregate o) {
    for (int i = 0; i < flows.length; i++) flows[i].merge(o.flows[i]);
    o.groups.forEach((k, g) -> {
      Group mine = groups.get(k);
      if (mine != null) mine.merge(g);
      else if (groups.size() < GROUPS_CAP) groups.put(k, g);
      else groupsOverflow += g.records;
    });
    groupsOverflow += o.groupsOverflow;
    o.rules.forEach((k, c) -> {
      long[] mine = rules.get(k);
      if (mine != null) for (int i = 0; i < 3; i++) mine[i] += c[i];
      else if (rules.size() < RULES_CAP) rules.put(k, c.clone());
      else rulesOverflow += c[0] + c[1] + c[2];
    });
    rulesOverflow += o.rulesOverflow;
    malformedKept.putAll(o.malformedKept);
    trim(malformedKept, MALFORMED_KEPT);
    malformed += o.malformed;
    records += o.records;
    lines += o.lines;
    skipped += o.skipped;
    outsideWindow += o.outsideWindow;
    untimed += o.untimed;
    explained += o.explained;
    first = Math.min(first, o.first);
    last = Math.max(last, o.last);
    return this;
  }

  static <K, V> void trim(TreeMap<K, V> m, int keep) {
    while (m.size() > keep) m.pollLastEntry();
  }
}
