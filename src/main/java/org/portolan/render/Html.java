package org.portolan.render;

import org.portolan.output.Escape;

/** HTML escaping for the report and diagrams; the one implementation is {@link Escape#html}. */
final class Html {
  private Html() {}

  static String escape(String s) {
    return Escape.html(s);
  }
}
