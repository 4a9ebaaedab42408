package org.portolan.docimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.portolan.docimport.ProtocolAndPortColumnsTest.pairs;

import org.junit.jupiter.api.Test;
import org.portolan.docimport.DocImporter.Format;

/**
 * Round 10b: numbers that are not ports on pages that do list ports: the month and day of an
 * ISO date, the page numbers of a table of contents. Each case is a shape real pages have, in
 * other words than any corpus page, with a near miss that must stay as it is.
 */
class DocImportNotPortsTest {

  // ISO dates in a tab-separated overview line: STIG viewers ("STIG Date<TAB>2025-05-14"), vendor
  // release notes ("Published 2024-03-18"), KB pages ("Last updated 2023-11-02"). "2025-05-14" is one
  // date, not port 2025 and a range 5-14.
  @Test
  void theMonthAndDayOfAnIsoDateAreNoPortRange() {
    String text = """
        Firewall rules must allow the agent to reach its server.

        Description

        The agent connects to the server over TCP port 9443.

        Guide Date
        Acme Agent Hardening Guide\t2024-03-18
        """;
    assertThat(pairs(text, Format.TEXT)).containsExactly("tcp/9443");
  }

  @Test
  void theSameDateInProse() {
    String md = """
        # Ports

        Port list as of 2024-03-18: the collector listens on UDP port 2055.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("udp/2055");
  }

  @Test
  void aRangeAfterAYearLikeNumberIsStillARange() {
    String md = """
        # Ports

        The media relays use UDP ports 2000-2010.
        The signalling service listens on TCP 2048-2049.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).contains("udp/2000", "udp/2005", "udp/2010", "tcp/2048", "tcp/2049");
  }

  // PDF-to-text tables of contents: each entry ends in its page number, "FortiGate open ports 6",
  // "Network ports ........ 14" (Fortinet's and Cisco's port guides, VMware's PDF reference guides).
  @Test
  void thePageNumbersOfATableOfContentsAreNoPorts() {
    String text = """
        Appliance Port Reference

        CONTENTS

        Overview 3
        Appliance open ports 7
        Collector open ports 11
        Agent open ports 18

        Appliance open ports

        Purpose                 Protocol/Port
          Web console           TCP/443
          Syslog intake         UDP/514
        """;
    assertThat(pairs(text, Format.TEXT)).containsExactlyInAnyOrder("tcp/443", "udp/514");
  }

  @Test
  void dotLeadersBeforeAPageNumberGiveNoPort() {
    String md = """
        # Reference

        TCP listening ports .............. 27

        The console listens on TCP port 8443.
        """;
    assertThat(pairs(md, Format.MARKDOWN)).containsExactly("tcp/8443");
  }

  @Test
  void aPortsSectionAfterTheContentsIsReadAsBefore() {
    String text = """
        Contents

        Ports 4

        Ports

        The appliance listens on TCP port 22 for SSH and on port 8080 for the API.
        """;
    assertThat(pairs(text, Format.TEXT)).contains("tcp/22", "tcp/8080");
  }
}
