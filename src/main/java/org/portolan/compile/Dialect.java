package org.portolan.compile;

import java.util.List;

/** A firewall language. Implementations live in {@code org.portolan.compile.dialect}, one class each. */
public interface Dialect {
  /** The name users give with {@code --dialect}. */
  String name();

  Capabilities capabilities();

  /** Renders a rule set (already checked against {@link #capabilities()}); a pure function. */
  List<Output> render(RuleSet rules);
}
