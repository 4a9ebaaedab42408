package org.portolan.docimport;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression behind the words that every one of its matches contains: the text is
 * searched for them (ASCII case ignored) before the expression runs, and where none is, the
 * expression cannot match and does not run. Same answers as the bare pattern, much less work:
 * {@code java.util.regex} tries every alternative of a {@code (?i)\b(?:a|b|…)} at every
 * character, and most sentences of a page hold none of the words (a 20 MB page asks a dozen
 * such questions of each of its sentences). Hand-written because no library gates a JDK
 * pattern this way; {@code GatedPatternTest} checks on every corpus page that each gated
 * pattern answers as its bare pattern does.
 *
 * @param pattern the expression
 * @param words lower-case words of which every match of {@code pattern} contains one
 */
record GatedPattern(Pattern pattern, List<String> words) {
  GatedPattern {
    if (words.isEmpty()) throw new IllegalArgumentException("a gated pattern needs its words: " + pattern);
    for (String w : words)
      if (w.isEmpty() || !w.equals(asciiLower(w))) throw new IllegalArgumentException("gate words are non-empty and lower-case: '" + w + "'");
    if (pattern.matcher("").find()) throw new IllegalArgumentException("a gated pattern that matches the empty text has no words: " + pattern);
    words = List.copyOf(words);
  }

  static GatedPattern of(String regex, String... words) {
    return new GatedPattern(Pattern.compile(regex), List.of(words));
  }

  /** A matcher of {@code text}, or one over the empty text (which finds nothing) when none of the words is in it. */
  Matcher matcher(String text) {
    return mayMatch(text) ? pattern.matcher(text) : pattern.matcher("");
  }

  /** Whether the pattern finds a match in {@code text}. */
  boolean find(String text) {
    return mayMatch(text) && pattern.matcher(text).find();
  }

  /** Whether one of the words is in {@code text}, ASCII case ignored: without one, no match. */
  boolean mayMatch(String text) {
    String lower = asciiLower(text);
    for (String w : words) if (lower.contains(w)) return true;
    return false;
  }

  /**
   * The first match of {@code pattern} in {@code text}, tried only where one of {@code starts}
   * (lower-case) begins, for a pattern whose every match begins with one of them: the same match
   * as {@code pattern.matcher(text).find()} (the leftmost), without running the pattern at every
   * character of a long text. {@code null} when there is none.
   */
  static Matcher findStartingWith(Pattern pattern, String text, String... starts) {
    String lower = asciiLower(text);
    int[] next = new int[starts.length];
    for (int k = 0; k < starts.length; k++) next[k] = lower.indexOf(starts[k]);
    Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
    while (true) {
      int at = -1;
      for (int p : next) if (p >= 0 && (at < 0 || p < at)) at = p;
      if (at < 0) return null;
      m.region(at, text.length());
      if (m.lookingAt()) return m;
      for (int k = 0; k < starts.length; k++) if (next[k] == at) next[k] = lower.indexOf(starts[k], at + 1);
    }
  }

  /** {@code s} with A-Z lowered and nothing else changed (same length, so offsets agree); {@code s} itself when it has no capital. */
  static String asciiLower(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && (s.charAt(i) < 'A' || s.charAt(i) > 'Z')) i++;
    if (i == n) return s;
    char[] cs = s.toCharArray();
    for (; i < n; i++) if (cs[i] >= 'A' && cs[i] <= 'Z') cs[i] = (char) (cs[i] + ('a' - 'A'));
    return new String(cs);
  }
}
