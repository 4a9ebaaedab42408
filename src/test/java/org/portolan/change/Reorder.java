package org.portolan.change;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a set-command delta the way SRX and PAN-OS do: set lines join the configuration,
 * and an ordering command ({@code insert … before policy P}, {@code move … before R}) places
 * the new policy's lines before P's, as {@code display set} then lists them.
 */
final class Reorder {
  private Reorder() {}

  /**
   * @param order matches an ordering command: group 1 the scope, 2 the new policy, 3 the one it goes before
   * @param prefix the set-line prefix of a policy from (scope, name), e.g. {@code "set security policies %s policy %s "}
   */
  static String apply(String config, String delta, Pattern order, String prefix) {
    List<String> lines = new ArrayList<>(config.lines().toList());
    List<String[]> moves = new ArrayList<>();
    for (String l : delta.lines().toList()) {
      if (l.startsWith("#")) continue;
      Matcher m = order.matcher(l);
      if (m.matches()) moves.add(new String[] {m.group(1), m.group(2), m.group(3)});
      else lines.add(l);
    }
    for (String[] m : moves) {
      String mine = String.format(prefix, m[0], m[1]), theirs = String.format(prefix, m[0], m[2]);
      List<String> moved = lines.stream().filter(l -> l.startsWith(mine)).toList();
      lines.removeAll(moved);
      int at = 0;
      while (!lines.get(at).startsWith(theirs)) at++;
      lines.addAll(at, moved);
    }
    return String.join("\n", lines) + "\n";
  }
}
