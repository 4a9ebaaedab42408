package org.portolan.ingest.srx;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.portolan.diag.SourcePosition;

/** Juniper SRX vendor records, as {@code show configuration | display set} writes them. */
final class Srx {
  private Srx() {}

  /** The parts of the configuration that decide what passes. */
  record Config(List<Address> addresses, List<AddressSetMember> addressSets, List<AppTerm> terms, List<AppSetMember> appSets,
      List<Policy> policies, Optional<DefaultPolicy> defaultPolicy) {}

  /** {@code address NAME PREFIX | range-address A to B | dns-name HOST | wildcard-address …}, global or in a zone's address book. */
  record Address(String name, String kind, String value, SourcePosition at) {}

  record AddressSetMember(String set, String member, SourcePosition at) {}

  /** One term of a custom application (the unnamed term when the application has none), its attributes merged over lines. */
  record AppTerm(String app, String term, Map<String, String> attrs, SourcePosition at) {}

  record AppSetMember(String set, String member, SourcePosition at) {}

  /**
   * A security policy: zone pair (both empty for a global policy), its match conditions, the
   * action ({@code permit}, {@code deny}, {@code reject}; empty when no {@code then} was given),
   * conditions not modelled (scheduler, identity, dynamic application), and whether it is deactivated.
   */
  record Policy(String from, String to, String name, List<String> src, List<String> dst, List<String> apps, boolean srcExcluded, boolean dstExcluded,
      List<String> globalFrom, List<String> globalTo, String action, List<String> unmodelled, boolean inactive, SourcePosition at, String text) {
    boolean global() {
      return from.isEmpty();
    }
  }

  record DefaultPolicy(boolean permit, SourcePosition at, String text) {}
}
