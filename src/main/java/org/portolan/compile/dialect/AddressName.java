package org.portolan.compile.dialect;

import inet.ipaddr.IPAddress;

/** Object names for address blocks that vendors accept: "198.18.1.0_24", "2001-db8--1_128". */
final class AddressName {
  private AddressName() {}

  static String of(IPAddress a) {
    return a.toPrefixBlock().toPrefixLengthString().replace('/', '_').replace(':', '-');
  }
}
