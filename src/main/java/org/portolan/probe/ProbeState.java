package org.portolan.probe;

/**
 * What one probe found. The keywords are the JSON {@code state} values.
 *
 * <ul>
 *   <li>{@link #OPEN}: TCP handshake completed, or a UDP reply valid for the protocol;
 *   <li>{@link #CLOSED}: TCP RST (connection refused), or ICMP port unreachable for UDP;
 *   <li>{@link #FILTERED}: TCP: no answer within the timeout after retries, or an ICMP
 *       unreachable other than port unreachable (no route, administratively prohibited);
 *   <li>{@link #OPEN_FILTERED}: UDP silence: either a listener that ignored the request or a
 *       firewall that dropped it;
 *   <li>{@link #UNRESOLVED}: an FQDN destination that does not resolve;
 *   <li>{@link #ERROR}: not probed or not probeable (the detail says why).
 * </ul>
 */
public enum ProbeState {
  OPEN("open"),
  CLOSED("closed"),
  FILTERED("filtered"),
  OPEN_FILTERED("open_filtered"),
  UNRESOLVED("unresolved"),
  ERROR("error");

  private final String keyword;

  ProbeState(String keyword) {
    this.keyword = keyword;
  }

  /** The JSON value: open, closed, filtered, open_filtered, unresolved, error. */
  public String keyword() {
    return keyword;
  }
}
