package org.portolan.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.portolan.model.FlowRequirement;
import org.portolan.model.PortTerm;
import org.portolan.model.Product;
import org.portolan.model.PortRange;
import org.portolan.model.Protocol;
import org.portolan.model.Role;
import org.portolan.model.Service;
import org.portolan.output.Csv;

/**
 * Port tables like the vendors' own, one per component of a product: every port the
 * component opens connections to (outbound) or must accept (inbound), with the peer,
 * purpose, condition and where the requirement comes from. Pure functions.
 */
public final class PortTables {
  private PortTables() {}

  public static final List<String> HEADER = List.of(
      "Component", "Port", "Protocol", "Direction", "Peer", "Purpose", "Condition", "Configurable", "Requirement", "Source");

  /**
   * One row of a component's table. Direction is relative to the component: Outbound when it
   * initiates, Inbound when it responds, Loopback when the flow stays on the host.
   */
  public record Row(String component, String port, String protocol, String direction, String peer, String purpose,
                    String condition, String configurable, String requirement, String source, String initiatorRole, String responderRole) {
    public List<String> cells() {
      return List.of(component, port, protocol, direction, peer, purpose, condition, configurable, requirement, source);
    }
  }

  /** A component (a role that hosts play, not an external FQDN endpoint) and its rows. */
  public record Table(Role component, List<Row> rows) {
    public Table {
      rows = List.copyOf(rows);
    }
  }

  /** The tables of a product, components in catalog order, rows by requirement order. */
  public static List<Table> tables(Product product) {
    List<Table> out = new ArrayList<>();
    for (Role role : product.roles()) {
      if (role.isExternal()) continue;
      List<Row> rows = new ArrayList<>();
      for (FlowRequirement r : product.requirements()) {
        boolean initiates = r.initiator().equals(role.id());
        for (String responder : r.responders()) {
          boolean responds = responder.equals(role.id());
          if (!initiates && !responds) continue;
          if (r.loopback() || initiates && responds) {
            if (initiates) rows.addAll(rows(product, role, r, "Loopback", role.id(), responder));
          } else if (initiates) {
            rows.addAll(rows(product, role, r, "Outbound", responder, responder));
          } else {
            rows.addAll(rows(product, role, r, "Inbound", r.initiator(), responder));
          }
        }
      }
      out.add(new Table(role, rows));
    }
    return out;
  }

  private static List<Row> rows(Product p, Role component, FlowRequirement r, String direction, String peerId, String responder) {
    String peer = p.role(peerId).map(PortTables::roleText).orElse(peerId);
    String source = r.provenance().notation();
    List<Row> out = new ArrayList<>();
    for (Service s : r.services()) {
      out.add(new Row(component.name(), portText(s), protocolText(s.protocol()), direction, peer, r.purpose() + doubt(s).map(d -> " [" + d + "]").orElse(""),
          r.condition().notation(), configurable(s), r.id(), source, r.initiator(), responder));
    }
    return out;
  }

  /** The flag of a vendor row that is probably a documentation slip, kept as stated: "as the vendor states; review". */
  static final String REVIEW = "as the vendor states; review";

  /**
   * Why a vendor row looks wrong, when it does: NTP is UDP/123 (RFC 5905), so a TCP/123 row is
   * most likely a table that says "TCP, UDP" for every service; the 49152-65535 range is where
   * Windows hands out dynamic RPC ports over TCP, so a UDP row for it usually copies the TCP
   * one. The row is still required as written; the flag asks a person to confirm it.
   */
  static Optional<String> doubt(Service s) {
    PortRange windowsDynamic = new PortRange(49152, 65535);
    for (PortTerm t : s.ports().terms()) {
      if (s.protocol() instanceof Protocol.Tcp && t instanceof PortTerm.Fixed f && f.range().contains(123) && f.range().size() < 16)
        return Optional.of(REVIEW + ": NTP uses UDP/123, TCP/123 is unusual");
      if (s.protocol() instanceof Protocol.Udp) {
        boolean dynamic = t instanceof PortTerm.Fixed f && f.range().equals(windowsDynamic)
            || t instanceof PortTerm.Dynamic d && (d.name().startsWith("rpc")
                || org.portolan.model.DynamicRange.defaultOf(d.name()).map(ps -> ps.ranges().contains(windowsDynamic)).orElse(false));
        if (dynamic) return Optional.of(REVIEW + ": UDP on the dynamic RPC range is unusual, the dynamic RPC ports are TCP");
      }
    }
    return Optional.empty();
  }

  private static String roleText(Role r) {
    return r.isExternal() ? r.name() + " (" + String.join(", ", r.fqdns()) + ")" : r.name();
  }

  static String portText(Service s) {
    return switch (s.protocol()) {
      case Protocol.Tcp t -> terms(s);
      case Protocol.Udp u -> terms(s);
      case Protocol.Icmp i -> i.typeNotation().isEmpty() ? "any type" : "type " + i.typeNotation();
      case Protocol.Ip ip -> "";
    };
  }

  private static String terms(Service s) {
    return s.ports().terms().stream().map(t -> switch (t) {
      case PortTerm.Fixed f -> f.range().notation();
      case PortTerm.OpenEnded o -> o.from() + " and above";
      case PortTerm.Series se -> se.start() + ", " + (se.start() + se.step()) + ", … (one per member)";
      case PortTerm.Dynamic d -> "dynamic " + d.name() + dynamicDefault(d.name());
      case PortTerm.Configurable c -> ServiceLabels.commaPorts(c.defaultPorts());
    }).collect(Collectors.joining(", "));
  }

  private static String dynamicDefault(String name) {
    return org.portolan.model.DynamicRange.defaultOf(name).map(ps -> " (" + ps.notation() + ")").orElse(" (set by the site)");
  }

  private static String configurable(Service s) {
    List<String> vars = s.ports().terms().stream()
        .filter(t -> t instanceof PortTerm.Configurable).map(t -> ((PortTerm.Configurable) t).variable()).toList();
    return vars.isEmpty() ? "no" : "yes: " + String.join(", ", vars);
  }

  static String protocolText(Protocol p) {
    return ServiceLabels.protocolWord(p).toUpperCase(java.util.Locale.ROOT);
  }

  /** Markdown: a heading per product and per component, a pipe table each. */
  public static String markdown(Product product) {
    StringBuilder b = new StringBuilder();
    b.append("# ").append(md(product.name())).append(" (`").append(product.id()).append("`)\n\n");
    if (!product.vendor().isEmpty() || !product.version().isEmpty())
      b.append(md((product.vendor() + " " + product.version()).strip())).append("\n\n");
    for (Table t : tables(product)) {
      b.append("## Ports used by the ").append(md(t.component().name())).append("\n\n");
      if (t.rows().isEmpty()) {
        b.append("No network flows.\n\n");
        continue;
      }
      List<String> header = HEADER.subList(1, HEADER.size());
      b.append("| ").append(String.join(" | ", header)).append(" |\n");
      b.append("|").append("---|".repeat(header.size())).append('\n');
      for (Row r : t.rows()) {
        b.append("|");
        for (String cell : r.cells().subList(1, HEADER.size())) b.append(' ').append(md(cell)).append(" |");
        b.append('\n');
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** CSV with {@link #HEADER}, one row per component, service and peer (RFC 4180 quoting by Jackson). */
  public static String csv(Product product) {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    for (String h : HEADER) schema.addColumn(h);
    List<List<String>> rows = new ArrayList<>();
    for (Table t : tables(product)) for (Row r : t.rows()) rows.add(Csv.neutralised(r.cells()));
    try {
      return new CsvMapper().writerFor(List.class).with(schema.build()).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Markdown table cell text: pipes escaped, line breaks flattened. */
  static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", " ");
  }
}
