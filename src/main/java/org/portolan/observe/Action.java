package org.portolan.observe;

/** What the log says happened to the traffic; {@code UNKNOWN} when it does not say (NetFlow, a LOG line without a verdict prefix). */
public enum Action {
  ACCEPT,
  DENY,
  UNKNOWN;

  public String keyword() {
    return switch (this) {
      case ACCEPT -> "accept";
      case DENY -> "deny";
      case UNKNOWN -> "unknown";
    };
  }
}
