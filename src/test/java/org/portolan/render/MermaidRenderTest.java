package org.portolan.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the Mermaid output with Mermaid itself, in headless Chromium. Mermaid is not a
 * dependency of Portolan, so this runs only when {@code -Dportolan.mermaid.js=PATH} names a
 * {@code mermaid.min.js} (e.g. from {@code npm install mermaid@11}); otherwise it is skipped.
 */
class MermaidRenderTest {
  @TempDir Path dir;

  @Test
  void mermaidRendersEveryDiagram() throws Exception {
    String js = System.getProperty("portolan.mermaid.js");
    assumeTrue(js != null && Files.isRegularFile(Path.of(js)), "set -Dportolan.mermaid.js=/path/to/mermaid.min.js to render the Mermaid output with Mermaid");
    assumeTrue(Files.isExecutable(ChromiumReportTest.CHROMIUM), "Chromium is not installed at /usr/bin/chromium");
    Results r = DiagramsTest.results();
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("product", Diagrams.mermaid(Fixtures.product()));
    sources.put("site", Diagrams.mermaid(Fixtures.plan(), Optional.of(Fixtures.deployment()), r));
    sources.put("zones", Diagrams.zonesMermaid(Fixtures.plan(), Optional.of(Fixtures.deployment()), r));
    for (var p : BundledCatalogRenderTest.CATALOG.products()) sources.put(p.id(), Diagrams.mermaid(p));
    Files.copy(Path.of(js), dir.resolve("mermaid.min.js"));
    Path page = dir.resolve("check.html");
    Files.writeString(page, "<!DOCTYPE html><html><body><pre id=\"out\">pending</pre><script src=\"mermaid.min.js\"></script><script>"
        + "const srcs=" + new ObjectMapper().writeValueAsString(sources) + ";mermaid.initialize({startOnLoad:false});(async()=>{const l=[];let i=0;"
        + "for(const [n,s] of Object.entries(srcs)){try{await mermaid.render('d'+(i++),s);l.push('OK '+n);}catch(e){l.push('FAIL '+n+': '+(e.message||e));}}"
        + "document.getElementById('out').textContent=l.join('\\n');})();</script></body></html>", StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(List.of(ChromiumReportTest.CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"), "--virtual-time-budget=60000",
        "--dump-dom", page.toUri().toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String out = dom.substring(dom.indexOf("<pre id=\"out\">") + 14, dom.indexOf("</pre>"));
    assertThat(out.lines().toList()).hasSize(sources.size()).allSatisfy(l -> assertThat(l).startsWith("OK "));
  }
}
