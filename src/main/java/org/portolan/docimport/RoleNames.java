package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns the phrases documents use for components ("the Primary Server", "DCs") into role names and ids. */
final class RoleNames {
  private RoleNames() {}

  private static final Pattern LEADING = Pattern.compile("(?i)^(?:the|a|an|any|all|your|remote|each|every|its|their)\\s+");
  private static final Pattern TRAILING_CLAUSE = Pattern.compile(
      "(?i)\\s+(?:you want|that|which|who|used to|used by|via|when|where|to (?:send|store|retrieve|communicate|access)|on the (?!\\w+ host)).*$");
  private static final Pattern WHERE = Pattern.compile("(?i)^(.+?)\\s+(?:in|of|at|located\\s+at)\\s+(?:the\\s+)?(?:\\w+\\s+)?(root|child|parent)\\b.*$");
  private static final Pattern PARENS = Pattern.compile("\\s*\\([^)]*\\)\\s*");

  /** A cleaned display name: articles, trade marks, parentheses and trailing clauses removed. */
  static String clean(String phrase) {
    String s = phrase.replaceAll("[\u2122\u00ae\u00a9]", "").replace('\u00a0', ' ');
    s = PARENS.matcher(s).replaceAll(" ").strip();
    s = s.replaceAll("[.,;:]+$", "").strip();
    String before;
    do {
      before = s;
      s = LEADING.matcher(s).replaceFirst("");
    } while (!s.equals(before));
    s = s.replaceAll("(?i)\\bdomain\\s+controllers?\\b", "DCs");
    // "computers in child domain" is a component of its own ("child domain computers");
    // "CAS server in root domain" is the CAS server wherever it sits.
    var where = WHERE.matcher(s);
    if (where.matches()) {
      String head = where.group(1).strip();
      s = head.matches("(?i)(computers?|clients?|DCs?|machines?|hosts?|devices?|members?)") ? where.group(2).toLowerCase(Locale.ROOT) + " domain " + head : head;
    }
    s = TRAILING_CLAUSE.matcher(s).replaceFirst("");
    // "DCs in Primary Server Domain": where a component sits is not its name.
    s = s.replaceFirst("(?i)\\s+(?:in|of|at)\\s+.*\\bdomains?\\b.*$", "");
    // "SCCM 2012 CAS server": a product name and version in front of the component.
    s = s.replaceFirst("^[A-Z][A-Za-z]*\\s+\\d{2,4}(?:\\s+R\\d)?\\s+(?=\\S)", "");
    return s.replaceAll("\\s+", " ").strip();
  }

  /** The id of a role name: lower-case words joined by '-', the last word singular. */
  static String id(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    if (s.isEmpty()) return "unnamed";
    List<String> words = new ArrayList<>(List.of(s.split(" ")));
    String[] original = name.strip().split("[^A-Za-z0-9]+");
    String last = original.length == 0 ? "" : original[original.length - 1];
    // An acronym ("NATS", "DNS") keeps its final S; "VMs" and "servers" become singular.
    boolean acronym = last.length() >= 2 && last.chars().allMatch(c -> Character.isUpperCase(c) || Character.isDigit(c));
    if (!acronym) words.set(words.size() - 1, singular(words.getLast()));
    if (words.size() == 1 && words.getFirst().equals("dc")) return "domain-controller";
    if (words.getLast().equals("dc") && words.size() >= 2 && words.get(words.size() - 2).equals("domain")) words.remove(words.size() - 2);
    String id = String.join("-", words);
    if (!Character.isLetter(id.charAt(0))) id = "r-" + id;
    return id;
  }

  static String singular(String w) {
    if (w.length() <= 3) return w.endsWith("s") && w.length() == 3 && w.equals("dcs") ? "dc" : w;
    if (w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
    if (w.endsWith("sses") || w.endsWith("xes")) return w.substring(0, w.length() - 2);
    if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) return w;
    if (w.endsWith("s")) return w.substring(0, w.length() - 1);
    return w;
  }

  /** Splits "Primary Server and Satellite devices" or "A, B or C" into names. */
  static List<String> split(String phrase) {
    List<String> out = new ArrayList<>();
    for (String part : phrase.split("(?i)\\s*;\\s*|\\s*,\\s*(?:and\\s+|or\\s+)?|\\s+and\\s+(?:on\\s+)?|\\s+or\\s+")) {
      String c = clean(part.replaceFirst("(?i)^open on\\s+", ""));
      if (!c.isEmpty() && !out.contains(c)) out.add(c);
    }
    return out;
  }

  /** The words of an id, for matching "Sybase database" with "Database Server". */
  static List<String> words(String id) {
    return List.of(id.split("-"));
  }
}
