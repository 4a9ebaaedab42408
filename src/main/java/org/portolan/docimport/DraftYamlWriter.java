package org.portolan.docimport;

import java.util.List;
import java.util.regex.Pattern;
import org.portolan.model.Choice;
import org.portolan.model.Condition;
import org.portolan.model.Feature;
import org.portolan.model.FlowRequirement;
import org.portolan.model.Product;
import org.portolan.model.Provenance;
import org.portolan.model.Role;
import org.portolan.model.Service;

/**
 * Writes a {@link Draft} as catalog YAML (docs/formats.md). YAML libraries drop comments, and
 * the review comments are the point of a draft, so this writer emits the text itself: every
 * scalar that is not a plain id is written double-quoted with YAML escapes, and tests (and a
 * fuzz test) parse the output back.
 */
final class DraftYamlWriter {
  private DraftYamlWriter() {}

  private static final Pattern PLAIN = Pattern.compile("[a-z][a-z0-9-]*(/[a-z0-9+-]+)?");
  private static final java.util.Set<String> RESERVED = java.util.Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");

  static String write(Draft draft) {
    Product p = draft.product();
    StringBuilder b = new StringBuilder();
    b.append("# Draft catalog entry written by 'portolan import-doc'. Every '# REVIEW:' line is\n");
    b.append("# something the importer was unsure of: check it against the document, then delete it.\n");
    review(b, "", draft.reviewsOf("product"));
    b.append("product: ").append(scalar(p.id())).append('\n');
    b.append("name: ").append(scalar(p.name())).append('\n');
    if (!p.vendor().isEmpty()) b.append("vendor: ").append(scalar(p.vendor())).append('\n');
    if (!p.version().isEmpty()) b.append("version: ").append(quoted(p.version())).append('\n');
    if (!p.description().isEmpty()) b.append("description: ").append(scalar(p.description())).append('\n');
    b.append("documents: [").append(String.join(", ", p.documents().stream().map(DraftYamlWriter::quoted).toList())).append("]\n");
    b.append(p.roles().isEmpty() ? "roles: []\n" : "roles:\n");
    for (Role r : p.roles()) {
      review(b, "  ", draft.reviewsOf("role:" + r.id()));
      b.append("  - id: ").append(scalar(r.id())).append('\n');
      b.append("    name: ").append(scalar(r.name())).append('\n');
      if (!r.description().isEmpty()) b.append("    description: ").append(scalar(r.description())).append('\n');
      if (!r.fqdns().isEmpty())
        b.append("    fqdns: [").append(String.join(", ", r.fqdns().stream().map(DraftYamlWriter::quoted).toList())).append("]\n");
    }
    if (!p.features().isEmpty()) {
      b.append("features:\n");
      for (Feature f : p.features()) {
        review(b, "  ", draft.reviewsOf("feature:" + f.name()));
        b.append("  - name: ").append(scalar(f.name())).append('\n');
        if (!f.description().isEmpty()) b.append("    description: ").append(scalar(f.description())).append('\n');
        b.append("    default: ").append(f.enabledByDefault()).append('\n');
      }
    }
    if (!p.choices().isEmpty()) {
      b.append("choices:\n");
      for (Choice c : p.choices()) {
        review(b, "  ", draft.reviewsOf("choice:" + c.name()));
        b.append("  - name: ").append(scalar(c.name())).append('\n');
        if (!c.description().isEmpty()) b.append("    description: ").append(scalar(c.description())).append('\n');
        b.append("    options: [").append(String.join(", ", c.options().stream().map(DraftYamlWriter::scalar).toList())).append("]\n");
        b.append("    default: ").append(scalar(c.defaultOption())).append('\n');
      }
    }
    b.append(p.requirements().isEmpty() ? "requirements: []\n" : "requirements:\n");
    for (FlowRequirement r : p.requirements()) {
      review(b, "  ", draft.reviewsOf("requirement:" + r.id()));
      b.append("  - id: ").append(scalar(r.id())).append('\n');
      b.append("    from: ").append(scalar(r.initiator())).append('\n');
      b.append("    to: [").append(String.join(", ", r.responders().stream().map(DraftYamlWriter::scalar).toList())).append("]\n");
      b.append("    services: [").append(String.join(", ", r.services().stream().map(Service::notation).map(DraftYamlWriter::scalar).toList())).append("]\n");
      if (!r.purpose().isEmpty()) b.append("    purpose: ").append(scalar(r.purpose())).append('\n');
      if (!r.stateful()) b.append("    stateful: false\n");
      if (!(r.condition() instanceof Condition.Always)) b.append("    when: ").append(condition(r.condition())).append('\n');
      if (r.loopback()) b.append("    loopback: true\n");
      if (draft.bidirectional().contains(r.id())) b.append("    bidirectional: true\n");
      Provenance s = r.provenance();
      if (!s.equals(Provenance.NONE)) {
        b.append("    source: {document: ").append(quoted(s.document()));
        if (!s.table().isEmpty()) b.append(", table: ").append(quoted(s.table()));
        if (!s.row().isEmpty()) b.append(", row: ").append(quoted(s.row()));
        if (s.line() > 0) b.append(", line: ").append(s.line());
        if (!s.url().isEmpty()) b.append(", url: ").append(quoted(s.url()));
        b.append("}\n");
      }
    }
    return b.toString();
  }

  static String condition(Condition c) {
    return switch (c) {
      case Condition.Always a -> "{}";
      case Condition.Feature f -> "{feature: " + scalar(f.name()) + "}";
      case Condition.Not n -> "{not: " + condition(n.inner()) + "}";
      case Condition.Choice ch -> "{choice: " + scalar(ch.name()) + ", is: ["
          + String.join(", ", ch.values().stream().sorted().map(DraftYamlWriter::scalar).toList()) + "]}";
      case Condition.All a -> "{all: [" + String.join(", ", a.parts().stream().map(DraftYamlWriter::condition).toList()) + "]}";
      case Condition.AnyOf a -> "{any: [" + String.join(", ", a.parts().stream().map(DraftYamlWriter::condition).toList()) + "]}";
    };
  }

  private static void review(StringBuilder b, String indent, List<String> notes) {
    for (String n : notes) {
      for (String line : n.split("\\R")) b.append(indent).append("# REVIEW: ").append(commentText(line)).append('\n');
    }
  }

  /** A plain scalar for ids and simple services, a double-quoted one for everything else. */
  static String scalar(String s) {
    if (PLAIN.matcher(s).matches() && !RESERVED.contains(s)) return s;
    return quoted(s);
  }

  /**
   * A YAML double-quoted scalar. Characters YAML does not allow in a stream (C0/C1 controls,
   * DEL, U+FFFE/FFFF, lone surrogates) and the characters it reads as line breaks are escaped.
   */
  static String quoted(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c == '\n') {
        b.append("\\n");
      } else if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufffe' || c == '\uffff'
          || Character.isSurrogate(c)) {
        b.append(Character.isSurrogate(c) ? "\\ufffd" : String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** Comment text: one line, only characters YAML allows. */
  static String commentText(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) b.append(c).append(s.charAt(++i));
      else if (c == '\t' || (c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c != '\u2028' && c != '\u2029' && c != '\ufffe' && c != '\uffff' && !Character.isSurrogate(c))) b.append(c);
      else b.append('\ufffd');
    }
    return b.toString();
  }
}
