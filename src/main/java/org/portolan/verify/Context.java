package org.portolan.verify;

import java.util.Optional;

/**
 * Where packets enter and leave the firewall, when known. Interface conditions of rules are
 * decided against it; when unknown they are ignored (the rule is read as if the packet used
 * the interface it names), except {@code lo}, which only loopback traffic uses.
 */
record Context(Optional<String> in, Optional<String> out, boolean loopback) {
  static final Context UNKNOWN = new Context(Optional.empty(), Optional.empty(), false);
}
