package org.portolan.change;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The delta written in the ruleset's own dialect and structure, one class per dialect. A
 * renderer is a pure function from the change result to text: the native script (ready for
 * the real tool), the exact commands and the position of each addition (for the change
 * request), and the commands of each tightening.
 */
sealed interface Delta permits IptablesDelta, NftDelta, AsaDelta, AwsDelta, K8sDelta, GcpDelta, AzureDelta, WindowsDelta, SrxDelta, PanOsDelta {
  /** The delta for the real tool; empty when nothing is to be added. */
  String script(ChangeResult r);

  /** File name of the native script under {@code -o DIR}. */
  String fileName(ChangeResult r);

  /** The exact commands of every addition, in the order the script applies them. */
  Map<Addition, List<String>> commands(ChangeResult r);

  /** Where an addition goes, as a person reads it ("chain INPUT, before rule 3 (line 12)"). */
  String position(ChangeResult r, Addition a);

  /** The commands that apply a tightening (after the additions), or none when it can only be described. */
  List<String> tighten(ChangeResult r, Tightening t);

  /**
   * Why this dialect cannot permit exactly {@code accept} in {@code chain} (before {@code blockedBy}) of the ruleset
   * {@code rulesetText} (then the flow is refused, never widened); empty when it can.
   */
  default java.util.Optional<String> cannotWrite(org.portolan.ingest.acl.Acl acl, String rulesetText, String chain, org.portolan.ingest.acl.LineSource blockedBy, org.portolan.ingest.acl.Space accept) {
    return java.util.Optional.empty();
  }

  /** Where the lines of a result's ruleset are, computed once per result (renderers ask per addition). */
  static Change.Locations where(ChangeResult r) {
    return Memo.LOCATIONS.get(r.acl(), Change.Locations::new);
  }

  static NftHandles handles(ChangeResult r) {
    return Memo.HANDLES.get(r.rulesetText(), NftHandles::of);
  }

  /** The last value computed for one key, by identity (a result is rendered in several formats in a row). */
  final class Memo<K, V> {
    static final Memo<org.portolan.ingest.acl.Acl, Change.Locations> LOCATIONS = new Memo<>();
    static final Memo<String, NftHandles> HANDLES = new Memo<>();
    private K key;
    private V value;

    synchronized V get(K k, java.util.function.Function<K, V> compute) {
      if (k != key) {
        value = compute.apply(k);
        key = k;
      }
      return value;
    }
  }

  /** The dialect of a ruleset format, when change writes one. */
  static java.util.Optional<Delta> known(String format) {
    try {
      return java.util.Optional.of(of(format));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  static Delta of(String format) {
    return switch (format) {
      case "iptables" -> new IptablesDelta();
      case "nftables" -> new NftDelta();
      case "asa" -> new AsaDelta();
      case "aws" -> new AwsDelta();
      case "k8s" -> new K8sDelta();
      case "gcp" -> new GcpDelta();
      case "azure-nsg" -> new AzureDelta();
      case "windows" -> new WindowsDelta();
      case "srx" -> new SrxDelta();
      case "panos" -> new PanOsDelta();
      default -> throw new IllegalArgumentException("no change dialect for ruleset format " + format);
    };
  }

  /**
   * Additions in applying order for dialects that insert by position number: per chain,
   * the highest position first, so every number still counts the original lines; appends last.
   */
  static List<Addition> byPositionDescending(ChangeResult r, Change.Locations where) {
    List<Addition> out = new ArrayList<>(r.additions());
    out.sort(Comparator.comparing(Addition::chain)
        .thenComparing((Addition a) -> a.before().isPresent() ? 0 : 1)
        .thenComparing((Addition a) -> a.before().map(where::indexOf).orElse(Integer.MAX_VALUE), Comparator.reverseOrder()));
    return out;
  }

  /** Why the end of the chain: before its own policy, or where the packets come back out of a user chain. */
  static String endNote(ChangeResult r, Addition a) {
    var c = r.acl().chains().get(a.chain());
    if (c != null && c.policy().isPresent()) return " (before its policy, line " + a.decidedBy().line() + ")";
    return " (the packets come back out of it; today line " + a.decidedBy().line() + " drops them)";
  }

  /** A script of every addition's commands, each under a comment naming what it serves, after {@code header}; empty when nothing is added. */
  static String commented(ChangeResult r, String header, Map<Addition, List<String>> commands) {
    if (r.additions().isEmpty()) return "";
    StringBuilder b = new StringBuilder(header);
    for (var e : commands.entrySet()) {
      b.append("# ").append(clean(e.getKey().why(), 300)).append('\n');
      for (String l : e.getValue()) b.append(l).append('\n');
    }
    return b.toString();
  }

  /** A flow's name as part of an object name: lower-case letters, digits and '-', at most 40 characters. */
  static String slug(String flow) {
    String t = flow.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    return t.length() > 40 ? t.substring(0, 40) : t.isEmpty() ? "flow" : t;
  }

  /** Object names as Junos and PAN-OS set commands take them: one bare, several as {@code [ a b ]}. */
  static String group(List<String> names) {
    return names.size() == 1 ? names.getFirst() : "[ " + String.join(" ", names) + " ]";
  }

  /** Text safe inside a double-quoted comment: no quotes, no control characters, at most {@code max} characters. */
  static String clean(String s, int max) {
    String t = s.replaceAll("[\"\\\\`$\\p{Cntrl}]", "'").replaceAll("\\s+", " ").strip();
    if (t.length() <= max) return t;
    return t.substring(0, max - 1) + "…";
  }
}
