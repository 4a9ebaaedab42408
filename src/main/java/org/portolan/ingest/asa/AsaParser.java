package org.portolan.ingest.asa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.portolan.diag.Diagnostics;
import org.portolan.diag.SourcePosition;
import org.portolan.diag.SourceText;

/**
 * Reads the access-control part of an ASA configuration ({@code show running-config}):
 * objects, object-groups, extended access-lists and access-groups. Other commands
 * (interfaces, routes, NAT…) do not filter traffic by themselves and are passed over.
 */
final class AsaParser {
  private AsaParser() {}

  static Asa.Config parse(String content, String file, Diagnostics d) {
    String[] lines = SourceText.lines(content);
    Map<String, Asa.Definition> defs = new LinkedHashMap<>();
    List<Asa.Entry> entries = new ArrayList<>();
    List<Asa.Binding> bindings = new ArrayList<>();
    Asa.Definition open = null;
    for (int i = 0; i < lines.length; i++) {
      int no = i + 1;
      String raw = lines[i];
      if (raw.isBlank() || raw.strip().startsWith("!") || raw.strip().startsWith(":")) { if (!raw.startsWith(" ")) open = null; continue; }
      boolean indented = raw.startsWith(" ") || raw.startsWith("\t");
      List<String> w = Arrays.asList(raw.strip().split("\\s+"));
      if (indented) {
        if (open != null) open.members().add(new Asa.Member(w, no, raw.strip()));
        continue;
      }
      open = null;
      switch (w.getFirst()) {
        case "object", "object-group" -> {
          boolean group = w.getFirst().equals("object-group");
          if (w.size() < 3) { d.error(new SourcePosition(file, no, 1), "expected '" + w.getFirst() + " network|service|protocol NAME'"); continue; }
          String kind = w.get(1), name = w.get(2);
          if (defs.containsKey(name)) d.warning(new SourcePosition(file, no, 1), "object " + name + " is defined again; the later definition is used");
          open = new Asa.Definition(kind, name, group, List.copyOf(w.subList(3, w.size())), new ArrayList<>(), no);
          defs.put(name, open);
        }
        case "access-list" -> {
          if (w.size() < 3) { d.error(new SourcePosition(file, no, 1), "expected 'access-list NAME extended permit|deny …'"); continue; }
          String name = w.get(1);
          int k = 2;
          if (w.get(k).equals("line") && w.size() > k + 2) k += 2;
          String type = w.get(k);
          switch (type) {
            case "remark" -> { }
            case "extended" -> {
              if (w.size() <= k + 1 || !(w.get(k + 1).equals("permit") || w.get(k + 1).equals("deny"))) {
                d.error(new SourcePosition(file, no, col(raw, k + 1)), "expected permit or deny after 'extended'");
                continue;
              }
              entries.add(new Asa.Entry(name, w.get(k + 1).equals("permit"), List.copyOf(w.subList(k + 2, w.size())), no, raw.strip()));
            }
            case "standard", "webtype", "ethertype" -> d.warning(new SourcePosition(file, no, 1), "access-list " + name + " is " + type + ", not extended; it does not filter routed IP traffic here and is not evaluated");
            default -> d.warning(new SourcePosition(file, no, col(raw, k)), "access-list type '" + type + "' is not modelled; line skipped (it decides nothing in the result)");
          }
        }
        case "access-group" -> {
          if (w.size() >= 3 && w.get(2).equals("global")) bindings.add(new Asa.Binding(w.get(1), "global", "", no, raw.strip()));
          else if (w.size() >= 5 && (w.get(2).equals("in") || w.get(2).equals("out")) && w.get(3).equals("interface"))
            bindings.add(new Asa.Binding(w.get(1), w.get(2), w.get(4), no, raw.strip()));
          else d.error(new SourcePosition(file, no, 1), "expected 'access-group ACL in|out interface IF' or 'access-group ACL global'");
        }
        default -> { }
      }
    }
    return new Asa.Config(defs, entries, bindings);
  }

  /** 1-based column of word {@code index} in {@code raw}. */
  static int col(String raw, int index) {
    int i = 0, w = -1;
    while (i < raw.length()) {
      while (i < raw.length() && Character.isWhitespace(raw.charAt(i))) i++;
      if (i >= raw.length()) break;
      if (++w == index) return i + 1;
      while (i < raw.length() && !Character.isWhitespace(raw.charAt(i))) i++;
    }
    return 1;
  }
}
