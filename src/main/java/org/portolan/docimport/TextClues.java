package org.portolan.docimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.portolan.model.Condition;

/**
 * The phrases in purpose and note texts that name the other end of a flow, a condition or a
 * configurable port. Each clue is a small, tested function; the builder decides what to do
 * with it and marks what it used for review.
 */
final class TextClues {
  private static final Pattern CONDITION_CLAUSE = Pattern.compile("(?i)(?:^|[^a-z])(if|unless|otherwise|depending on)\\b[^.;]*");
  private static final Pattern DOWNLOADER = Pattern.compile("(?:^|\\.\\s+)(?:The\\s+)?([A-Z][\\w-]*(?:\\s+[A-Z][\\w-]*){0,3})\\s+(?:downloads|polls|uploads|accesses|connects|retrieves|gathers)\\b");
  private static final Pattern LISTENER = Pattern.compile("(?i)\\bused\\s+by\\s+(?:the\\s+)?(.+?)\\s+to\\s+listen\\b.*?\\bfrom\\s+(?:the\\s+)?(.+?)(?:[.,;]|$)");
  private static final Pattern SUBJECT = Pattern.compile("^([A-Z][\\w-]*(?:\\s+[\\w-]+){0,3}?)\\s+(?:outbound|logon|login|sends|connects|downloads|polls|uploads|accesses)\\b");

  private TextClues() {}

  /** A pair of sides as prose gives it: "between A and B", "for A to access B". */
  record Sides(List<String> first, List<String> second) {}

  private static final Pattern BETWEEN = Pattern.compile("(?i)\\bbetween\\s+(.+?)(?:[.;:(]|,\\s|$)");
  private static final Pattern TO_ACCESS = Pattern.compile("(?i)\\bfor\\s+((?:(?!\\bfor\\b).)+?)\\s+to\\s+(?:access|reach|connect to|communicate with)\\s+(.+?)(?:[.;:(]|,\\s|$)");

  /** Every "between A and B" in {@code text}, each B side possibly several names. */
  static List<Sides> between(String text) {
    List<Sides> out = new ArrayList<>();
    Matcher m = BETWEEN.matcher(hereafter(text));
    while (m.find()) {
      String phrase = m.group(1);
      // "between A and C or B and C": several pairs.
      List<String> alternatives = new ArrayList<>();
      String[] ors = phrase.split("(?i)\\s+or\\s+(?=(?:the\\s+)?\\S+(?:\\s+\\S+){0,3}\\s+and\\s+)");
      if (ors.length > 1 && java.util.Arrays.stream(ors).allMatch(o -> o.matches("(?i).*\\sand\\s.*"))) alternatives.addAll(List.of(ors));
      else alternatives.add(phrase);
      for (String alt : alternatives) {
        int cut = lastAnd(alt);
        if (cut < 0) continue;
        List<String> a = RoleNames.split(alt.substring(0, cut));
        List<String> b = RoleNames.split(alt.substring(cut + 5));
        if (!a.isEmpty() && !b.isEmpty() && a.size() <= 4 && b.size() <= 4 && short_(a) && short_(b)) out.add(new Sides(a, b));
      }
    }
    return out;
  }

  private static final Pattern SHOULD_ACCESS = Pattern.compile("(?i)(?:^|(?<=[.,;])\\s*(?:and\\s+)?)\\s*([A-Za-z][\\w\\s]{0,60}?)\\s+(?:should|must|need to|needs to)\\s+have\\s+access\\s+to\\s+(?:the\\s+)?(.+?)(?:[.,;:(]|$)");

  /** "Computers in child domain should have access to the ROOT DCs, and computers in …". */
  static List<Sides> shouldAccess(String text) {
    List<Sides> out = new ArrayList<>();
    Matcher m = SHOULD_ACCESS.matcher(text);
    while (m.find()) {
      List<String> a = RoleNames.split(m.group(1));
      List<String> b = RoleNames.split(m.group(2));
      if (!a.isEmpty() && !b.isEmpty() && short_(a) && short_(b)) out.add(new Sides(a, b));
    }
    return out;
  }

  private static final Pattern HEREAFTER = Pattern.compile("(?i)\\b(?:the\\s+)?(?:[\\w-]+\\s+){0,4}?domain\\s*\\(\\s*([\\w-]+(?:\\s+[\\w-]+)?)\\s+hereafter\\s*\\)");

  /** "DCs in Primary Server Domain (CHILD domain hereafter)" → "DCs in CHILD domain": the name the text defines. */
  static String hereafter(String text) {
    return HEREAFTER.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
  }

  /** "for XenServer to access the domain controllers". */
  static Optional<Sides> toAccess(String text) {
    Matcher m = TO_ACCESS.matcher(text);
    if (!m.find()) return Optional.empty();
    List<String> a = RoleNames.split(m.group(1));
    List<String> b = RoleNames.split(m.group(2));
    if (a.isEmpty() || b.isEmpty() || !short_(a) || !short_(b)) return Optional.empty();
    return Optional.of(new Sides(a, b));
  }

  private static boolean short_(List<String> names) {
    return names.stream().allMatch(n -> n.split(" ").length <= 6);
  }

  /** The " and " that separates the two sides: the last one ("between A or B and C"). */
  private static int lastAnd(String s) {
    return s.toLowerCase(Locale.ROOT).lastIndexOf(" and ");
  }

  private static final List<Pattern> INITIATOR_PEERS = List.of(
      Pattern.compile("(?i)\\bfor\\s+(.+?)\\s+to\\s+communicate\\s+with\\b"),
      Pattern.compile("(?i)\\ballows\\s+(.+?)\\s+to\\s+(?:communicate|connect|send)\\b"),
      Pattern.compile("(?i)\\bfor\\s+((?:[\\w-]+\\s+){0,2}devices)\\b"),
      Pattern.compile("(?i)\\brequired\\s+by\\s+(.+?)(?:\\s+when\\b|\\s+to\\b|[.,;]|$)"),
      Pattern.compile("(?i)\\bfrom\\s+(?:the\\s+)?((?:[\\w-]+\\s+){0,3}(?:viewer|console|client|clients|device|devices|server|servers))\\b"));

  private static final List<Pattern> RESPONDER_PEERS = List.of(
      Pattern.compile("(?i)\\bto\\s+communicate\\s+with\\s+(.+?)(?:[.,;(]|\\s+to\\b|$)"),
      Pattern.compile("(?i)\\bremote\\s+access\\s+to\\s+(?:the\\s+)?.+?\\s+role\\s+on\\s+(.+?)(?:[.,;(]|$)"),
      Pattern.compile("(?i)\\bcommunication\\s+with:?\\s+(.+?)(?:[.,;(]|\\s+to\\b|\\s+if\\b|\\s+when\\b|\\s+using\\b|$)"),
      Pattern.compile("(?i)\\bremote\\s+((?:[\\w-]+\\s+){0,3}?(?:server|gateway|database|service))\\b"),
      Pattern.compile("(?i)\\b(?:access|connect|connects)\\s+to\\s+(?:the\\s+)?(.+?)(?:[.,;(]|\\s+to\\b|$)"),
      Pattern.compile("(?i)\\bdestined\\s+for\\s+(?:the\\s+)?(.+?)(?:[.,;)]|$)"),
      Pattern.compile("(?i)^\\S.*?\\b(?:logon|login|log on)\\s+(?:with|to)\\s+(.+?)(?:[.,;(]|$)"));

  /** Who opens the connection, when the text names them ("For browsers on clients to communicate with…"). */
  static List<String> initiatorPeers(String text) {
    for (Pattern p : INITIATOR_PEERS) {
      Matcher m = p.matcher(text);
      if (m.find()) {
        List<String> names = RoleNames.split(m.group(1).replaceFirst("(?i)^browsers\\s+on\\s+", "").replaceAll("(?i)\\band\\s+browsers\\s+on\\s+", "and "));
        names = names.stream().map(n -> n.replaceFirst("(?i)^browsers\\s+on\\s+", "")).filter(n -> n.split(" ").length <= 6).toList();
        if (!names.isEmpty()) return names;
      }
    }
    return List.of();
  }

  /** Who answers, when the text names them ("Communication with a remote Shopping database"). */
  static List<String> responderPeers(String text) {
    for (Pattern p : RESPONDER_PEERS) {
      Matcher m = p.matcher(text);
      if (m.find()) {
        List<String> names = RoleNames.split(m.group(1)).stream().filter(n -> n.split(" ").length <= 6).toList();
        if (!names.isEmpty()) return names;
      }
    }
    return List.of();
  }

  /** "Provisioning server outbound communication", "Target device logon with …": the subject. */
  static List<String> subject(String text) {
    Matcher m = SUBJECT.matcher(text.strip());
    if (m.find()) return List.of(RoleNames.clean(m.group(1)));
    return List.of();
  }

  /** "Used by the remote management proxy to listen for … from the remote management viewer". */
  static Optional<Sides> listener(String text) {
    Matcher m = LISTENER.matcher(text);
    if (!m.find()) return Optional.empty();
    return Optional.of(new Sides(List.of(RoleNames.clean(m.group(1))), List.of(RoleNames.clean(m.group(2)))));
  }

  /** A feature toggle the text makes a requirement depend on, with the phrase it came from. */
  record Toggle(Condition condition, String feature, String phrase) {}

  private static final Pattern WHETHER_OR_NOT = Pattern.compile("(?i)whether\\s+or\\s+not\\b[^.;]*");
  private static final Pattern NOT_USED = Pattern.compile("(?i)\\bif\\s+the\\s+(.+?)\\s+feature\\s+is\\s+not\\s+used");
  private static final Pattern USED = Pattern.compile("(?i)\\bif\\s+the\\s+(.+?)\\s+feature\\s+is\\s+(?:used|enabled)");
  private static final Pattern LAB = Pattern.compile("(?i)\\blab\\s+environment\\b");
  private static final Pattern ONLY_IF = Pattern.compile("(?i)\\bonly\\s+if\\s+(.+?)(?:[.,;]|\\s+and\\s+|$)");
  private static final Pattern ENABLED = Pattern.compile("(?i)\\bif\\s+(.+?)\\s+(?:is|are)\\s+(?:currently\\s+)?(?:enabled|installed|used)\\b");
  private static final Pattern YOU_USE = Pattern.compile("(?i)\\bif\\s+you\\s+use\\s+(.+?)\\s+in\\s+your\\s+environment");
  private static final Pattern WHEN_ENABLED = Pattern.compile("(?i)\\bwhen\\s+(.+?)\\s+(?:is|are)\\s+(?:enabled|on|turned\\s+on|in\\s+use|configured)\\b");
  /** "Push notifications, if enabled", "Link previews (if enabled)": the words before name the feature. */
  private static final Pattern IF_ENABLED_TAIL = Pattern.compile("(?i)^\\s*([A-Za-z][\\w /-]{1,60}?)\\s*,?\\s*\\(?\\bif\\s+(?:enabled|configured|used|in\\s+use)\\)?\\s*\\.?\\s*$");
  private static final Pattern REQUIRED_IF = Pattern.compile("(?i)\\brequired\\s+if\\s+(.+?)(?:[.,;]|$)");

  /** Feature toggles in {@code text}; "whether or not …" clauses are not conditions. */
  static List<Toggle> toggles(String text) {
    String t = WHETHER_OR_NOT.matcher(text).replaceAll(" ");
    List<Toggle> out = new ArrayList<>();
    Matcher m;
    if ((m = NOT_USED.matcher(t)).find()) add(out, lastWord(m.group(1)), m.group(), true);
    else if ((m = USED.matcher(t)).find()) add(out, lastWord(m.group(1)), m.group(), false);
    if ((m = LAB.matcher(t)).find()) add(out, "lab-environment", sentenceAround(t, m.start()), false);
    else if ((m = ONLY_IF.matcher(t)).find()) add(out, featureName(m.group(1)), m.group(), false);
    else if ((m = ENABLED.matcher(t)).find()) add(out, featureName(m.group(1)), m.group(), false);
    if ((m = YOU_USE.matcher(t)).find()) add(out, featureName(m.group(1)), m.group(), false);
    if ((m = REQUIRED_IF.matcher(t)).find()) add(out, featureName(m.group(1)), m.group(), false);
    if ((m = WHEN_ENABLED.matcher(t)).find()) add(out, featureName(m.group(1)), m.group(), false);
    if ((m = IF_ENABLED_TAIL.matcher(t)).find()) add(out, featureName(m.group(1)), m.group(), false);
    return out;
  }

  private static void add(List<Toggle> out, String name, String phrase, boolean negated) {
    if (name.isEmpty() || out.stream().anyMatch(x -> x.feature().equals(name))) return;
    Condition c = new Condition.Feature(name);
    out.add(new Toggle(negated ? new Condition.Not(c) : c, name, phrase.strip()));
  }

  private static String lastWord(String s) {
    String[] w = s.strip().split("\\s+");
    return featureName(w[w.length - 1]);
  }

  private static final java.util.Set<String> STOP = java.util.Set.of("the", "a", "an", "is", "are", "not", "currently", "enabled",
      "used", "uses", "using", "available", "installed", "on", "of", "to", "for", "services", "service", "integration", "instead", "your", "you");

  /** "Shopping uses AppClarity integration" → "appclarity"; "WINS services are currently enabled" → "wins". */
  static String featureName(String phrase) {
    String p = phrase.replaceFirst("(?i)^\\s*(?:the\\s+)?[A-Z]?\\w+\\s+(?:uses|has|is\\s+using)\\s+", "");
    p = p.replaceFirst("(?i)\\s+(?:is|are)\\s+.*$", "");
    List<String> words = new ArrayList<>();
    for (String w : p.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]+", " ").strip().split("\\s+")) {
      if (w.isEmpty() || STOP.contains(w)) continue;
      words.add(w);
      if (words.size() == 3) break;
    }
    if (words.isEmpty()) return "";
    String name = String.join("-", words);
    return Character.isLetter(name.charAt(0)) ? name : "f-" + name;
  }

  private static String sentenceAround(String t, int at) {
    int s = Math.max(t.lastIndexOf('.', at) + 1, 0);
    int e = t.indexOf('.', at);
    return t.substring(s, e < 0 ? t.length() : e).strip();
  }

  /** A condition the text states that no toggle above captured ("if the server is not also a DHCP server"). */
  static Optional<String> unencodedCondition(String text) {
    Matcher m = CONDITION_CLAUSE.matcher(WHETHER_OR_NOT.matcher(text).replaceAll(" "));
    return m.find() ? Optional.of(m.group().strip()) : Optional.empty();
  }

  private static final Pattern CONFIGURABLE = Pattern.compile(
      "(?i)\\bconfigurable\\b|\\bif\\s+you\\s+specify\\s+a\\s+different\\s+port\\b|\\bdefault\\s+(?:port|range)\\s+is\\b|\\bcustom\\s+port\\b");

  /** Whether the text says the port can be changed. */
  static boolean saysConfigurable(String text) {
    return CONFIGURABLE.matcher(text).find();
  }

  private static final Pattern FQDN = Pattern.compile("(?i)(?<![\\w.@/-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:com|net|org|io|edu|gov|info|biz|cloud|de|uk|eu))(?![\\w.-]*[a-z0-9])");

  /** Host names in {@code text} (not inside URLs' paths), in order. */
  static List<String> fqdns(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = FQDN.matcher(text);
    while (m.find()) {
      String f = m.group(1).toLowerCase(Locale.ROOT);
      if (!out.contains(f)) out.add(f);
    }
    return out;
  }

  /** "Primary Server downloads …": who fetches from an external host named in the same text. */
  static List<String> downloader(String text) {
    Matcher m = DOWNLOADER.matcher(text);
    return m.find() ? List.of(RoleNames.clean(m.group(1))) : List.of();
  }
}
