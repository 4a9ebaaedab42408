package org.portolan.compile;

/** How compiled rule sets and the objects inside them are named: one rule for every dialect. */
public final class Names {
  private Names() {}

  /** A name safe for files and most firewall object names: letters, digits, '-', '_', '.'. */
  public static String slug(String s) {
    String t = s.trim().replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^-+|-+$", "");
    return t.isEmpty() ? "x" : t;
  }
}
