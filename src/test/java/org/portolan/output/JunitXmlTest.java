package org.portolan.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JunitXmlTest {
  @Test
  void countsFailuresAndStaysWellFormedWhateverTheNames() throws Exception {
    String xml = new JunitXml("suite " + EscapeTest.HOSTILE)
        .add(JunitXml.TestCase.passed("c", "ok", OptionalDouble.of(0.0012)))
        .add(JunitXml.TestCase.failed(EscapeTest.HOSTILE, "n\u0002", OptionalDouble.empty(), "blocked", "line 3: -A INPUT\n ]]> -j DROP"))
        .render();
    Document d = EscapeTest.parse(xml);
    Element suite = d.getDocumentElement();
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    Element first = (Element) suite.getElementsByTagName("testcase").item(0);
    assertThat(first.getAttribute("time")).isEqualTo("0.001");
    Element second = (Element) suite.getElementsByTagName("testcase").item(1);
    assertThat(second.hasAttribute("time")).isFalse();
    Element failure = (Element) second.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("blocked");
    assertThat(failure.getAttribute("message")).isEqualTo("line 3: -A INPUT\n ]]> -j DROP");
    assertThat(second.getAttribute("name")).isEqualTo("n\uFFFD");
  }
}
