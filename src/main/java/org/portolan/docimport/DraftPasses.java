package org.portolan.docimport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.portolan.model.Choice;
import org.portolan.model.Condition;
import org.portolan.model.PortSpec;
import org.portolan.model.PortTerm;
import org.portolan.model.Service;

/**
 * The passes from candidate rows to the draft's requirements, each a function from a list of
 * {@link Candidate}s to a new one: the dynamic range the page means, "bidirectional" in the
 * text, roles the prose names with one word less, ends taken from other rows for the same
 * port, database alternatives as a choice. Role names are read from {@code names}; nothing
 * here changes its input.
 */
final class DraftPasses {
  private DraftPasses() {}

  static final String UNKNOWN_FROM = "unknown-initiator";
  static final String UNKNOWN_TO = "unknown-responder";

  private static final Pattern WIDE = Pattern.compile("(?i)\\b1024\\s*(?:and|to|-|\u2013|through)\\s*65,?535\\b");
  private static final Pattern LEGACY = Pattern.compile("(?i)\\b1025\\s*(?:and|to|-|\u2013|through)\\s*5,?000\\b");

  /** "The port numbers are assigned dynamically and can be anywhere between 1024 and 65,535": the range the document means. */
  static List<Candidate> documentDynamicRange(List<Candidate> in, List<String> prose) {
    String name = null;
    String said = null;
    for (String p : prose) {
      if (!p.toLowerCase(Locale.ROOT).contains("dynamic")) continue;
      var w = WIDE.matcher(p);
      var l = LEGACY.matcher(p);
      if (w.find()) { name = "rpc-wide"; said = w.group(); break; }
      if (l.find()) { name = "rpc-legacy"; said = l.group(); break; }
    }
    if (name == null) return in;
    List<Candidate> out = new ArrayList<>(in.size());
    for (Candidate r : in) {
      List<Service> services = new ArrayList<>();
      boolean changed = false;
      for (Service s : r.services()) {
        List<PortTerm> terms = new ArrayList<>();
        for (PortTerm t : s.ports().terms()) {
          if (t instanceof PortTerm.Dynamic d && d.name().equals("rpc")) {
            terms.add(new PortTerm.Dynamic(name));
            changed = true;
          } else terms.add(t);
        }
        services.add(new Service(s.protocol(), new PortSpec(terms)));
      }
      out.add(changed ? r.withServices(services).noting("dynamic RPC range read as " + name + " because the document says \"" + said + "\"") : r);
    }
    return out;
  }

  static final GatedPattern BIDIRECTIONAL = GatedPattern.of("(?i)\\bbi[- ]?directional(?:ly)?\\b|\\bboth\\s+directions\\b", "direction");

  /** "only one port required to opened in bi directional way and that is RPC dynamic ports". */
  static List<Candidate> markBidirectional(List<Candidate> in, List<String> prose) {
    List<Candidate> out = new ArrayList<>(in);
    for (String p : prose) {
      if (!BIDIRECTIONAL.find(p)) continue;
      for (String sentence : p.split("(?<=[.!?])\\s+")) {
        if (!BIDIRECTIONAL.find(sentence)) continue;
        boolean dynamic = sentence.toLowerCase(Locale.ROOT).contains("dynamic");
        for (int i = 0; i < out.size(); i++) {
          Candidate r = out.get(i);
          boolean hit = dynamic
              ? r.services().stream().anyMatch(s -> s.ports().terms().stream().anyMatch(t -> t instanceof PortTerm.Dynamic))
              : r.services().stream().anyMatch(s -> s.ports().terms().stream().anyMatch(t -> t instanceof PortTerm.Fixed f
                  && Pattern.compile("\\b" + f.range().from() + "\\b").matcher(sentence).find()));
          if (hit && !r.bidirectional()) out.set(i, r.asBidirectional().noting("bidirectional because the text says: \"" + shorten(sentence) + "\""));
        }
      }
    }
    return out;
  }

  /**
   * A role the prose names with one word less than a component ("XenServer" / "XenServer
   * hosts", "clients" / "Shopping clients") is that component: the renaming to apply.
   */
  static Map<String, String> sameRoles(Set<String> roleIds, Set<String> components, Set<String> external) {
    Map<String, String> rename = new LinkedHashMap<>();
    for (String id : roleIds) {
      if (components.contains(id) || id.startsWith("unknown-") || external.contains(id)) continue;
      List<String> w = RoleNames.words(id);
      Set<String> core = new HashSet<>(w);
      core.removeAll(Set.of("central", "remote", "local", "main"));
      List<String> matches = new ArrayList<>();
      for (String c : components) {
        if (c.equals(id)) continue;
        List<String> cw = RoleNames.words(c);
        boolean oneWordMore = cw.containsAll(w) && cw.size() == w.size() + 1;
        boolean sameCore = core.equals(new HashSet<>(cw)) && !core.isEmpty();
        if (oneWordMore || sameCore) matches.add(c);
      }
      if (matches.size() == 1) rename.put(id, matches.getFirst());
    }
    return rename;
  }

  static List<Candidate> rename(List<Candidate> in, Map<String, String> rename) {
    if (rename.isEmpty()) return in;
    return in.stream().map(r -> r.withInitiator(rename.getOrDefault(r.initiator(), r.initiator()))
        .withResponders(r.responders().stream().map(x -> rename.getOrDefault(x, x)).distinct().toList())).toList();
  }

  /**
   * An unknown end takes the role other rows use for the same port: "SMTP and POP3" → the
   * SMTP gateway and POP3 server named elsewhere. Indexed by service key, so linear in the
   * rows (times their services).
   */
  static List<Candidate> fillFromSamePorts(List<Candidate> in, Map<String, String> names) {
    // Responders per service key, over the candidates whose responders are known.
    Map<String, Set<String>> respondersByKey = new HashMap<>();
    Map<String, Set<String>> initiatorsByKeyAndResponders = new HashMap<>();
    for (int i = 0; i < in.size(); i++) {
      Candidate o = in.get(i);
      if (o.responders().contains(UNKNOWN_TO)) continue;
      for (Service x : o.services())
        for (String k : ServiceKeys.of(x)) {
          respondersByKey.computeIfAbsent(k, z -> new LinkedHashSet<>()).addAll(o.responders());
          if (!o.initiator().equals(UNKNOWN_FROM)) initiatorsByKeyAndResponders.computeIfAbsent(k + "|" + o.responders(), z -> new LinkedHashSet<>()).add(o.initiator());
        }
    }
    List<Candidate> out = new ArrayList<>();
    List<Candidate> added = new ArrayList<>();
    for (Candidate r : in) {
      if (r.responders().equals(List.of(UNKNOWN_TO)) && !r.initiator().equals(UNKNOWN_FROM)) {
        List<Candidate> split = new ArrayList<>();
        for (Service sv : r.services()) {
          Set<String> peers = new LinkedHashSet<>();
          for (String k : ServiceKeys.of(sv)) peers.addAll(respondersByKey.getOrDefault(k, Set.of()));
          if (peers.size() != 1) {
            split.clear();
            break;
          }
          String peer = peers.iterator().next();
          split.add(r.withServices(List.of(sv)).withResponders(List.of(peer)).withLabel(r.label() + " " + sv.protocol().keyword())
              .noting("responder not stated: taken from the other rows for " + sv.notation() + " (" + names.get(peer) + ")", "responder not stated"));
        }
        if (split.isEmpty()) out.add(r);
        else added.addAll(split);
      } else if (r.initiator().equals(UNKNOWN_FROM) && !r.responders().contains(UNKNOWN_TO)) {
        Set<String> peers = new LinkedHashSet<>();
        for (Service y : r.services())
          for (String k : ServiceKeys.of(y)) peers.addAll(initiatorsByKeyAndResponders.getOrDefault(k + "|" + r.responders(), Set.of()));
        if (peers.size() == 1) {
          String peer = peers.iterator().next();
          out.add(r.withInitiator(peer).noting("initiator not stated: taken from the other row for the same port and responder (" + names.get(peer) + ")",
              "initiator not stated"));
        } else out.add(r);
      } else out.add(r);
    }
    out.addAll(added);
    return out;
  }

  private static final Map<String, String> DATABASES = Map.of("sybase", "sybase", "sql", "mssql", "mssql", "mssql", "oracle", "oracle",
      "postgresql", "postgresql", "postgres", "postgresql", "mysql", "mysql", "db2", "db2", "mariadb", "mariadb");

  /** Candidates with the choices they now depend on, and the review notes for those choices. */
  record Alternatives(List<Candidate> candidates, List<Choice> choices, Map<String, String> reviews) {}

  /**
   * Rows of one table from the same initiator to the same responders, each naming a different
   * database product ("Sybase (TCP 2638)", "SQL (TCP 1433)", "Oracle (TCP 1521)"): a site runs
   * one of them, so they become a choice.
   */
  static Alternatives databaseAlternatives(List<Candidate> in, Predicate<String> nameTaken) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < in.size(); i++) {
      Candidate r = in.get(i);
      String first = r.label().toLowerCase(Locale.ROOT).split("\\s+")[0];
      if (!DATABASES.containsKey(first) || !(r.condition() instanceof Condition.Always)) continue;
      groups.computeIfAbsent(r.provenance().table() + "|" + r.initiator() + "|" + r.responders(), k -> new ArrayList<>()).add(i);
    }
    List<Candidate> out = new ArrayList<>(in);
    List<Choice> choices = new ArrayList<>();
    Map<String, String> reviews = new LinkedHashMap<>();
    for (List<Integer> g : groups.values()) {
      List<String> options = new ArrayList<>();
      for (int i : g) options.add(DATABASES.get(in.get(i).label().toLowerCase(Locale.ROOT).split("\\s+")[0]));
      if (options.size() < 2 || new LinkedHashSet<>(options).size() != options.size()) continue;
      String name = "database";
      for (int k = 2; nameTaken.test(name) || taken(choices, name); k++) name = "database-" + k;
      choices.add(new Choice(name, "Which database the product uses (alternatives in the document).", options, options.getFirst()));
      reviews.put("choice:" + name, "alternatives found in rows " + String.join(", ", g.stream().map(i -> in.get(i).provenance().row()).toList())
          + ": a site uses one; default taken as the first listed, confirm");
      for (int j = 0; j < g.size(); j++) {
        int i = g.get(j);
        out.set(i, in.get(i).withCondition(new Condition.Choice(name, Set.of(options.get(j))))
            .noting("one of the database alternatives: when " + name + " = " + options.get(j)));
      }
    }
    return new Alternatives(out, choices, reviews);
  }

  private static boolean taken(List<Choice> choices, String name) {
    return choices.stream().anyMatch(c -> c.name().equals(name));
  }

  static String shorten(String s) {
    return s.length() <= 90 ? s : s.substring(0, 87) + "...";
  }
}
