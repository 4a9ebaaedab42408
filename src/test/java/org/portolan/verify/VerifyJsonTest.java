package org.portolan.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.portolan.diag.Diagnostic;
import org.portolan.diag.SourcePosition;
import org.portolan.ingest.acl.LineSource;

/**
 * The JSON written in pieces on every core is, byte for byte, what one generator writing the
 * whole document gives: across piece and window boundaries, with every kind of verdict, text
 * that needs escaping and characters of several UTF-8 bytes; and it is the flows in their order.
 */
class VerifyJsonTest {
  private static final LineSource POLICY = new LineSource("r.save", 4, ":FORWARD DROP [0:0]");

  /** Flow {@code i}: each verdict kind in turn, some texts with quotes, control characters and non-ASCII letters. */
  private static FlowResult flow(int i) {
    LineSource rule = new LineSource("r.save", 10 + i % 7, "-A FORWARD -m comment --comment \"r\u00e9gle " + i + " \u2192 \ud83d\udd25\" -j ACCEPT" + (i % 11 == 0 ? "\t\u0001\n" : ""));
    BlockedPart part = new BlockedPart("198.18.0." + i % 250, "198.19.0.1", "tcp", "80", POLICY, i % 2 == 0 ? "new" : "reply");
    Verdict v = switch (i % 6) {
      case 0 -> new Verdict.Allowed(rule);
      case 1 -> new Verdict.Allowed(rule, List.of(rule, POLICY));
      case 2 -> new Verdict.Blocked(POLICY, List.of(part));
      case 3 -> new Verdict.Partial(rule, List.of(part, part));
      case 4 -> new Verdict.Undetermined(new Doubt(rule, "-m mark", "accepted if the mark \"is\" set"), List.of(part), List.of(part));
      default -> new Verdict.NotVerified("r.save", "this ruleset holds IPv4 rules only");
    };
    return new FlowResult("f" + i, "plan-\u00fc" + i / 3, i % 4 == 0 ? "" : "eth1>eth2", "198.18.0." + i % 250, "198.19.0." + i % 250, "tcp", Integer.toString(i % 65536), "forward", v);
  }

  private static VerifyResult result(int flows) {
    List<FlowResult> fs = new ArrayList<>();
    for (int i = 0; i < flows; i++) fs.add(flow(i));
    LineSource line = new LineSource("r.save", 7, "-A FORWARD -j ACCEPT");
    return new VerifyResult("r.save", "iptables", fs,
        List.of(new Excess(line, "forward", "198.18.0.0/15 \u2192 any", new Excess.Packet("198.18.0.1", "198.19.0.1", "tcp", "22"), false)),
        List.of(new RuleFinding(RuleFinding.Kind.SHADOWED, line, "forward", List.of(POLICY), "earlier lines decide every packet it matches")),
        List.of(Diagnostic.warning(new SourcePosition("r.save", 3, 1), "a warning \"quoted\"")));
  }

  private static byte[] bytes(VerifyResult r, boolean parallel) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VerifyJson.write(r, out::write, parallel, null);
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, VerifyJson.CHUNK, VerifyJson.CHUNK + 1, 3 * VerifyJson.CHUNK - 1, 41 * VerifyJson.CHUNK + 7})
  void piecesOnEveryCoreAreOneGeneratorsBytes(int flows) throws IOException {
    VerifyResult r = result(flows);
    byte[] one = bytes(r, false);
    byte[] pieces = bytes(r, true);
    assertThat(new String(pieces, StandardCharsets.UTF_8)).isEqualTo(new String(one, StandardCharsets.UTF_8));
    assertThat(pieces).isEqualTo(one);
    // the stream and text forms (a file, standard output) are the same document
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    VerifyJson.write(r, stream);
    assertThat(stream.toByteArray()).isEqualTo(one);
    assertThat(VerifyJson.render(r)).isEqualTo(new String(one, StandardCharsets.UTF_8));
    // pieces whose rendering began on a thread of their own (as verify's verdicts are given), each one slow
    // to come, so the writer waits for some and renders others itself: still in the flows' order
    VerifyJson.Pieces early = VerifyJson.Pieces.startRendering(r.flows(), (fs, later) -> {
      if (fs.getFirst().name().hashCode() % 3 == 0) for (int i = 0; i < 200_000; i++) Thread.onSpinWait();
      return VerifyJson.piece(fs, later);
    });
    ByteArrayOutputStream started = new ByteArrayOutputStream();
    VerifyJson.write(r, started, early);
    assertThat(started.toByteArray()).isEqualTo(one);
    // pieces of other flows (not this result's) are not used
    ByteArrayOutputStream other = new ByteArrayOutputStream();
    VerifyJson.write(r, other, VerifyJson.Pieces.startRendering(result(flows + 1).flows()));
    assertThat(other.toByteArray()).isEqualTo(one);

    JsonNode doc = new ObjectMapper().readTree(pieces);
    assertThat(doc.get("flows")).hasSize(flows);
    for (int i = 0; i < flows; i += Math.max(1, flows / 50)) {
      JsonNode f = doc.get("flows").get(i);
      assertThat(f.get("name").asText()).isEqualTo("f" + i);
      assertThat(f.get("verdict").asText()).isEqualTo(flow(i).verdict().keyword());
      assertThat(f.get("rule").get("text").asText()).isEqualTo(flow(i).verdict().rule().text());
    }
    assertThat(doc.get("excess").get(0).get("beyond").asText()).isEqualTo("198.18.0.0/15 \u2192 any");
    assertThat(doc.get("warnings").get(0).get("message").asText()).isEqualTo("a warning \"quoted\"");
  }

  /** A piece that fails to render (on the rendering thread or the writer's) fails the write with its own exception, and the file keeps its old content. */
  @org.junit.jupiter.api.Test
  void aPieceThatFailsFailsTheWriteAndLeavesTheOldFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    VerifyResult r = result(20 * VerifyJson.CHUNK);
    for (int failing : new int[] {0, 7, 19}) {
      VerifyJson.Pieces p = VerifyJson.Pieces.startRendering(r.flows(), (fs, later) -> {
        if (fs.getFirst().name().equals("f" + failing * VerifyJson.CHUNK)) throw new IllegalStateException("piece " + failing + " failed");
        return VerifyJson.piece(fs, later);
      });
      java.nio.file.Path out = dir.resolve("out.json");
      java.nio.file.Files.writeString(out, "old\n");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.portolan.output.OutputFile.writeBytes(out, o -> VerifyJson.write(r, o, p)))
          .isInstanceOf(IllegalStateException.class).hasMessage("piece " + failing + " failed");
      assertThat(java.nio.file.Files.readString(out)).isEqualTo("old\n");
      try (var files = java.nio.file.Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString())).containsExactly("out.json");
      }
    }
  }
}
