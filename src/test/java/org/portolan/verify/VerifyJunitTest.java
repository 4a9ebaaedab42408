package org.portolan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.portolan.ingest.acl.LineSource;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/** Regression: ruleset lines and names carrying control characters or lone surrogates once made the JUnit XML unparseable. */
class VerifyJunitTest {
  @Test
  void staysWellFormedWithControlCharactersSurrogatesAndCdataEnds() throws Exception {
    LineSource rule = new LineSource("rules.v4", 7, "-A INPUT -m comment --comment \"\u0001\u001b[31m]]>\uD800\" -j DROP");
    FlowResult blocked = new FlowResult("app/web\u0007", "app/web", "", "198.18.0.1", "198.18.0.2", "tcp", "443", "inbound\u0000",
        new Verdict.Blocked(rule, List.of(new BlockedPart("198.18.0.1", "198.18.0.2", "tcp", "443", rule, "new"))));
    VerifyResult r = new VerifyResult("rules\u000b.v4", "iptables", List.of(blocked), List.of(), List.of(), List.of());
    String xml = VerifyJunit.render(r);
    Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    Element failure = (Element) suite.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("blocked");
    assertThat(failure.getAttribute("message")).contains("by line 7").contains("]]>").contains("\uFFFD\uFFFD[31m");
    assertThat(((Element) suite.getElementsByTagName("testcase").item(0)).getAttribute("name")).isEqualTo("app/web\uFFFD");
  }
}
