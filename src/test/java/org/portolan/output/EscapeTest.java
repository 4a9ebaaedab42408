package org.portolan.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class EscapeTest {
  static final String HOSTILE = "a\u0001b\u0000c & <d> \"e\" 'f' ]]> g\uD800h \uDC00 i\uFFFE\uFFFF j\uD83D\uDE00k\tl\nm\rn";

  static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  @Test
  void xmlTextAndAttributesAlwaysParseAndKeepWhatXmlCanCarry() throws Exception {
    Document d = parse("<r a=\"" + Escape.xmlAttribute(HOSTILE) + "\">" + Escape.xml(HOSTILE) + "</r>");
    String expected = "a\uFFFDb\uFFFDc & <d> \"e\" 'f' ]]> g\uFFFDh \uFFFD i\uFFFD\uFFFD j\uD83D\uDE00k\tl\nm\rn";
    assertThat(d.getDocumentElement().getAttribute("a")).isEqualTo(expected);
    assertThat(d.getDocumentElement().getTextContent()).isEqualTo(expected);
  }

  @Test
  void cdataEndCannotAppear() {
    assertThat(Escape.xml("]]>")).isEqualTo("]]&gt;");
  }

  @Test
  void htmlEscapesTheFiveAndBlanksControlCharacters() {
    assertThat(Escape.html("<a href='x'>&\"\u0007\n\t</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot; \n\t&lt;/a&gt;");
    assertThat(Escape.html(null)).isEmpty();
  }
}
