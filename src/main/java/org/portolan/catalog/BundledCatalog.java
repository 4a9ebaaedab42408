package org.portolan.catalog;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.portolan.diag.Diagnostics;
import org.portolan.model.Choice;
import org.portolan.model.Condition;
import org.portolan.model.Feature;
import org.portolan.model.FlowRequirement;
import org.portolan.model.PortRange;
import org.portolan.model.PortSet;
import org.portolan.model.PortSpec;
import org.portolan.model.PortTerm;
import org.portolan.model.Product;
import org.portolan.model.Protocol;
import org.portolan.model.Provenance;
import org.portolan.model.Role;
import org.portolan.model.Service;
import org.portolan.model.ServiceSet;

/**
 * The bundled catalog read once by the build and stored as the model records it becomes, in a
 * compact binary form ({@link #RESOURCE}): a command that reads only the bundled catalog decodes
 * ~60 KB instead of parsing 175 KB of YAML with positions, the largest single part of a cold
 * {@code plan} or {@code catalog list} (BENCHMARKS.md, Start-up: the catalog read). Hand-written
 * because the alternatives load or reflect more than they save cold (Java serialization, Jackson
 * databind on records); {@code BundledCatalogTest} checks that it decodes to exactly what the YAML
 * read makes. The build writes it ({@link #main}, bound to {@code process-classes} in the pom)
 * and fails when the bundled YAML reads with any diagnostic, so decoding reports none.
 */
public final class BundledCatalog {
  private BundledCatalog() {}

  /** Where the build puts it, under the classes folder (and so in the jar). */
  static final String RESOURCE = "/org/portolan/catalog/bundled-catalog.bin";
  private static final int MAGIC = 0x50434154; // "PCAT"
  private static final int FORMAT = 1;

  /** The build step: {@code BundledCatalog OUTPUT_FILE}, after the resources are copied. */
  public static void main(String[] args) throws IOException {
    Diagnostics d = new Diagnostics();
    Catalog c = CatalogLoader.fromSources(CatalogLoader.bundledSources(), d);
    if (!d.all().isEmpty()) {
      d.all().forEach(x -> System.err.println(x.render()));
      throw new IllegalStateException("the bundled catalog must read without diagnostics");
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, encode(c));
  }

  /** The pre-read bundled catalog, or empty when the build did not make it (run from sources by hand). */
  static Optional<Catalog> read() {
    InputStream raw = BundledCatalog.class.getResourceAsStream(RESOURCE);
    if (raw == null) return Optional.empty();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      return Optional.of(new Reader(in).catalog());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled catalog: " + e.getMessage(), e);
    }
  }

  static byte[] encode(Catalog c) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      new Writer(out).catalog(c);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Catalog decode(byte[] bytes) {
    try {
      return new Reader(new DataInputStream(new java.io.ByteArrayInputStream(bytes))).catalog();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Writer(DataOutputStream out) {
    void catalog(Catalog c) throws IOException {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeInt(c.serviceSets().size());
      // sorted by id: the map is unordered, and the file should not change from build to build
      for (ServiceSet s : c.serviceSets().values().stream().sorted(java.util.Comparator.comparing(ServiceSet::id)).toList()) {
        string(s.id());
        string(s.description());
        list(s.services(), this::service);
        provenance(s.provenance());
      }
      list(c.products(), this::product);
    }

    void product(Product p) throws IOException {
      string(p.id());
      string(p.name());
      string(p.vendor());
      string(p.version());
      string(p.description());
      list(p.roles(), r -> {
        string(r.id());
        string(r.name());
        string(r.description());
        strings(r.fqdns());
      });
      list(p.features(), f -> {
        string(f.name());
        string(f.description());
        out.writeBoolean(f.enabledByDefault());
      });
      list(p.choices(), ch -> {
        string(ch.name());
        string(ch.description());
        strings(ch.options());
        string(ch.defaultOption());
      });
      list(p.requirements(), this::requirement);
      strings(p.documents());
    }

    void requirement(FlowRequirement r) throws IOException {
      string(r.id());
      string(r.initiator());
      strings(r.responders());
      list(r.services(), this::service);
      string(r.purpose());
      condition(r.condition());
      out.writeBoolean(r.stateful());
      out.writeBoolean(r.loopback());
      strings(r.serviceSets());
      provenance(r.provenance());
    }

    void condition(Condition c) throws IOException {
      switch (c) {
        case Condition.Always a -> out.writeByte(0);
        case Condition.Feature f -> {
          out.writeByte(1);
          string(f.name());
        }
        case Condition.Choice ch -> {
          out.writeByte(2);
          string(ch.name());
          strings(List.copyOf(ch.values()));
        }
        case Condition.Not n -> {
          out.writeByte(3);
          condition(n.inner());
        }
        case Condition.All all -> {
          out.writeByte(4);
          list(all.parts(), this::condition);
        }
        case Condition.AnyOf any -> {
          out.writeByte(5);
          list(any.parts(), this::condition);
        }
      }
    }

    void service(Service s) throws IOException {
      switch (s.protocol()) {
        case Protocol.Tcp t -> out.writeByte(0);
        case Protocol.Udp u -> out.writeByte(1);
        case Protocol.Icmp i -> {
          out.writeByte(2);
          out.writeInt(i.type().orElse(-1));
          out.writeInt(i.code().orElse(-1));
        }
        case Protocol.Ip ip -> {
          out.writeByte(3);
          out.writeInt(ip.number());
        }
      }
      list(s.ports().terms(), this::term);
    }

    void term(PortTerm t) throws IOException {
      switch (t) {
        case PortTerm.Fixed f -> {
          out.writeByte(0);
          range(f.range());
        }
        case PortTerm.OpenEnded o -> {
          out.writeByte(1);
          out.writeInt(o.from());
        }
        case PortTerm.Series s -> {
          out.writeByte(2);
          out.writeInt(s.start());
          out.writeInt(s.step());
        }
        case PortTerm.Dynamic d -> {
          out.writeByte(3);
          string(d.name());
        }
        case PortTerm.Configurable c -> {
          out.writeByte(4);
          string(c.variable());
          list(c.defaultPorts().ranges(), this::range);
        }
      }
    }

    void range(PortRange r) throws IOException {
      out.writeInt(r.from());
      out.writeInt(r.to());
    }

    void provenance(Provenance p) throws IOException {
      string(p.document());
      string(p.table());
      string(p.row());
      out.writeInt(p.line());
      string(p.url());
    }

    void strings(List<String> s) throws IOException {
      list(s, this::string);
    }

    void string(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    }

    interface Item<T> {
      void write(T t) throws IOException;
    }

    <T> void list(List<T> items, Item<T> each) throws IOException {
      out.writeInt(items.size());
      for (T t : items) each.write(t);
    }
  }

  private record Reader(DataInputStream in) {
    Catalog catalog() throws IOException {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT) throw new IOException("not a bundled catalog of this version");
      int sets = in.readInt();
      Map<String, ServiceSet> serviceSets = new LinkedHashMap<>();
      for (int i = 0; i < sets; i++) {
        ServiceSet s = new ServiceSet(string(), string(), list(this::service), provenance());
        serviceSets.put(s.id(), s);
      }
      return new Catalog(list(this::product), serviceSets);
    }

    Product product() throws IOException {
      String id = string(), name = string(), vendor = string(), version = string(), description = string();
      List<Role> roles = list(() -> new Role(string(), string(), string(), strings()));
      List<Feature> features = list(() -> new Feature(string(), string(), in.readBoolean()));
      List<Choice> choices = list(() -> new Choice(string(), string(), strings(), string()));
      List<FlowRequirement> requirements = list(this::requirement);
      return new Product(id, name, vendor, version, description, roles, features, choices, requirements, strings());
    }

    FlowRequirement requirement() throws IOException {
      String id = string(), initiator = string();
      List<String> responders = strings();
      List<Service> services = list(this::service);
      String purpose = string();
      Condition condition = condition();
      boolean stateful = in.readBoolean(), loopback = in.readBoolean();
      return new FlowRequirement(id, initiator, responders, services, purpose, condition, stateful, loopback, strings(), provenance());
    }

    Condition condition() throws IOException {
      int kind = in.readByte();
      return switch (kind) {
        case 0 -> Condition.ALWAYS;
        case 1 -> new Condition.Feature(string());
        case 2 -> new Condition.Choice(string(), Set.copyOf(new LinkedHashSet<>(strings())));
        case 3 -> new Condition.Not(condition());
        case 4 -> new Condition.All(list(this::condition));
        case 5 -> new Condition.AnyOf(list(this::condition));
        default -> throw new IOException("unknown condition kind " + kind);
      };
    }

    Service service() throws IOException {
      int kind = in.readByte();
      Protocol p = switch (kind) {
        case 0 -> Protocol.TCP;
        case 1 -> Protocol.UDP;
        case 2 -> {
          int type = in.readInt(), code = in.readInt();
          yield new Protocol.Icmp(type < 0 ? OptionalInt.empty() : OptionalInt.of(type), code < 0 ? OptionalInt.empty() : OptionalInt.of(code));
        }
        case 3 -> new Protocol.Ip(in.readInt());
        default -> throw new IOException("unknown protocol kind " + kind);
      };
      return new Service(p, new PortSpec(list(this::term)));
    }

    PortTerm term() throws IOException {
      int kind = in.readByte();
      return switch (kind) {
        case 0 -> new PortTerm.Fixed(range());
        case 1 -> new PortTerm.OpenEnded(in.readInt());
        case 2 -> new PortTerm.Series(in.readInt(), in.readInt());
        case 3 -> new PortTerm.Dynamic(string());
        case 4 -> new PortTerm.Configurable(string(), new PortSet(list(this::range)));
        default -> throw new IOException("unknown port term kind " + kind);
      };
    }

    PortRange range() throws IOException {
      return new PortRange(in.readInt(), in.readInt());
    }

    Provenance provenance() throws IOException {
      return new Provenance(string(), string(), string(), in.readInt(), string());
    }

    List<String> strings() throws IOException {
      return list(this::string);
    }

    String string() throws IOException {
      byte[] b = new byte[in.readInt()];
      in.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }

    interface Item<T> {
      T read() throws IOException;
    }

    <T> List<T> list(Item<T> each) throws IOException {
      int n = in.readInt();
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) out.add(each.read());
      return out;
    }
  }
}
