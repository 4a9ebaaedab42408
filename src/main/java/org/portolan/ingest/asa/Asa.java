package org.portolan.ingest.asa;

import java.util.List;
import java.util.Map;

/**
 * Cisco ASA vendor records, still in ASA terms: object and object-group definitions with
 * their member lines, extended access-list entries as words, and access-group bindings.
 */
final class Asa {
  private Asa() {}

  /** An {@code object …} or {@code object-group …}: its kind (network, service, protocol, icmp-type), header words and member lines. */
  record Definition(String kind, String name, boolean group, List<String> header, List<Member> members, int line) {}

  /** One indented member line of a definition, split into words. */
  record Member(List<String> words, int line, String text) {}

  /** {@code access-list NAME extended permit|deny …}: the words after the action. */
  record Entry(String acl, boolean permit, List<String> words, int line, String text) {}

  /** {@code access-group NAME in|out interface IF} or {@code access-group NAME global}. */
  record Binding(String acl, String direction, String iface, int line, String text) {}

  record Config(Map<String, Definition> definitions, List<Entry> entries, List<Binding> bindings) {}
}
