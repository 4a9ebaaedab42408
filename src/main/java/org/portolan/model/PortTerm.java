package org.portolan.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One term of a catalog port specification, before a deployment makes it concrete.
 * Catalog notation (after {@code proto/}), terms separated by commas:
 * <ul>
 *   <li>{@code 80}, {@code 137-139} — fixed ports or ranges</li>
 *   <li>{@code 6010+} — open-ended: from 6010 up to 65535</li>
 *   <li>{@code series(4000,2)} — one port per array member: 4000, 4002, … ({@code members} of the instance)</li>
 *   <li>{@code dynamic(rpc)} — a named dynamic range (see {@link DynamicRange})</li>
 *   <li>{@code ${website_port:80}} / {@code ${pvs_server_ports:6910-6930}} — configurable, with its default</li>
 * </ul>
 */
public sealed interface PortTerm {

  /** The concrete ports of this term under a deployment's bindings. */
  PortSet resolve(Bindings bindings);

  /** Catalog notation of this term. */
  String notation();

  record Fixed(PortRange range) implements PortTerm {
    public PortSet resolve(Bindings b) { return PortSet.ofRanges(List.of(range)); }
    public String notation() { return range.notation(); }
  }

  /** "6010/tcp and above": bounded at 65535. */
  record OpenEnded(int from) implements PortTerm {
    public OpenEnded {
      if (from < 0 || from > PortRange.MAX) throw new IllegalArgumentException("open-ended range must start within 0-65535, got " + from);
    }
    public PortSet resolve(Bindings b) { return PortSet.range(from, PortRange.MAX); }
    public String notation() { return from + "+"; }
  }

  /** "4000, 4002, … one per array member": start + step·i for i in [0, members). */
  record Series(int start, int step) implements PortTerm {
    public Series {
      if (start < 0 || start > PortRange.MAX) throw new IllegalArgumentException("series must start within 0-65535, got " + start);
      if (step < 1) throw new IllegalArgumentException("series step must be at least 1, got " + step);
    }
    public PortSet resolve(Bindings b) {
      int members = b.members();
      long last = start + (long) step * (members - 1);
      if (last > PortRange.MAX)
        throw new IllegalArgumentException("series(" + start + "," + step + ") with " + members + " members reaches port " + last + ", beyond 65535");
      List<PortRange> out = new ArrayList<>();
      for (int i = 0; i < members; i++) out.add(PortRange.of(start + step * i));
      return PortSet.ofRanges(out);
    }
    public String notation() { return "series(" + start + "," + step + ")"; }
  }

  /** A named dynamic range such as Windows RPC dynamic; a deployment may narrow or set it. */
  record Dynamic(String name) implements PortTerm {
    public Dynamic {
      if (name == null || !name.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("dynamic range name must be lower-case words joined by '-', got '" + name + "'");
    }
    public PortSet resolve(Bindings b) { return b.dynamicRange(name); }
    public String notation() { return "dynamic(" + name + ")"; }
  }

  /** A configurable port (or range) with the vendor's default; a deployment may override it. */
  record Configurable(String variable, PortSet defaultPorts) implements PortTerm {
    public Configurable {
      if (variable == null || !variable.matches("[a-z][a-z0-9_]*")) throw new IllegalArgumentException("configurable port variable must be lower_snake_case, got '" + variable + "'");
      if (defaultPorts.isEmpty()) throw new IllegalArgumentException("configurable port " + variable + " needs a default");
    }
    public PortSet resolve(Bindings b) { return b.configured(variable).orElse(defaultPorts); }
    public String notation() { return "${" + variable + ":" + defaultPorts.notation().replace(' ', ',') + "}"; }
  }
}
