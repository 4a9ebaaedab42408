package org.portolan.render;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** One result another stage produced about a required flow: a verdict, a probe or a capture attempt. */
public sealed interface Evidence {

  /** The plan flow this evidence is about (empty when the producer did not say). */
  String flow();

  Status status();

  /** "verify", "probe", "capture" or "observe". */
  String kind();

  /** One line a network engineer reads: what was tested and what happened. */
  String summary();

  /**
   * Verify's answer for a required flow, with the rule that decided it; {@code where} is the
   * place a piece of the flow crosses the firewall ("eth2>eth1"; "" for the whole flow).
   */
  record Verdict(String flow, String where, VerdictKind verdict, Optional<Rule> rule, List<String> blocked) implements Evidence {
    public Verdict {
      where = where == null ? "" : where;
      rule = rule == null ? Optional.empty() : rule;
      blocked = List.copyOf(blocked);
    }

    public Status status() {
      return switch (verdict) {
        case ALLOWED -> Status.OK;
        case PARTIAL -> Status.PARTIAL;
        case BLOCKED -> Status.FAILED;
        case UNDETERMINED -> Status.UNKNOWN;
        case NOT_VERIFIED -> Status.UNKNOWN;
      };
    }

    public String kind() {
      return "verify";
    }

    public String summary() {
      StringBuilder b = new StringBuilder(where.isEmpty() ? "" : "[" + where + "] ").append(verdict.word());
      rule.ifPresent(r -> b.append(" by ").append(r.notation()));
      if (!blocked.isEmpty()) b.append("; blocked: ").append(String.join(", ", blocked));
      return b.toString();
    }
  }

  /** A deciding rule: file, line (0 when unknown) and its text. */
  record Rule(String file, int line, String text) {
    public Rule {
      file = file == null ? "" : file;
      text = text == null ? "" : text;
    }

    public String notation() {
      String at = file.isEmpty() ? "" : line > 0 ? file + ":" + line : file;
      if (at.isEmpty()) return text.isEmpty() ? "(rule not named)" : text;
      return text.isEmpty() ? at : at + " " + text;
    }
  }

  enum VerdictKind {
    ALLOWED, PARTIAL, BLOCKED, NOT_VERIFIED, UNDETERMINED;

    String word() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /** One live probe from a source to a destination port. */
  record Probe(String flow, String src, String dst, String proto, String port, ProbeState state, OptionalDouble rttMs, String detail) implements Evidence {
    public Probe {
      detail = detail == null ? "" : detail;
    }

    public Status status() {
      return switch (state) {
        case OPEN -> Status.OK;
        case OPEN_FILTERED -> Status.PARTIAL;
        case CLOSED, FILTERED -> Status.FAILED;
        case UNRESOLVED, ERROR -> Status.UNKNOWN;
      };
    }

    public String kind() {
      return "probe";
    }

    public String summary() {
      StringBuilder b = new StringBuilder();
      b.append(src).append(" → ").append(dst).append(' ').append(proto);
      if (!port.isEmpty()) b.append('/').append(port);
      b.append(": ").append(state.word());
      rttMs.ifPresent(r -> b.append(String.format(Locale.ROOT, " (%.1f ms)", r)));
      if (!detail.isEmpty()) b.append(" — ").append(detail);
      return b.toString();
    }
  }

  enum ProbeState {
    OPEN, CLOSED, FILTERED, OPEN_FILTERED, UNRESOLVED, ERROR;

    String word() {
      return this == OPEN_FILTERED ? "open|filtered" : name().toLowerCase(Locale.ROOT);
    }
  }

  /** One connection attempt seen in a packet capture. */
  record Attempt(String flow, String src, String dst, String proto, String port, Outcome outcome, OptionalInt retransmits, String firstPacket,
                 String detail) implements Evidence {
    public Attempt {
      firstPacket = firstPacket == null ? "" : firstPacket;
      detail = detail == null ? "" : detail;
    }

    public Status status() {
      return switch (outcome) {
        case ESTABLISHED, ANSWERED -> Status.OK;
        case INCOMPLETE, UNANSWERED -> Status.PARTIAL;
        case REJECTED, UNREACHABLE, DROPPED -> Status.FAILED;
      };
    }

    public String kind() {
      return "capture";
    }

    public String summary() {
      StringBuilder b = new StringBuilder();
      b.append(src).append(" → ").append(dst).append(' ').append(proto);
      if (!port.isEmpty()) b.append('/').append(port);
      b.append(": ").append(outcome.word());
      retransmits.ifPresent(r -> { if (r > 0) b.append(", ").append(r).append(" retransmit").append(r == 1 ? "" : "s"); });
      if (!firstPacket.isEmpty()) b.append(" (packet ").append(firstPacket).append(')');
      if (!detail.isEmpty()) b.append(" — ").append(detail);
      return b.toString();
    }
  }

  enum Outcome {
    ESTABLISHED, REJECTED, UNREACHABLE, DROPPED, INCOMPLETE, ANSWERED, UNANSWERED;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * What observe found in flow and firewall logs for a required flow: its status keyword
   * (working, denied, seen_undetermined, not_seen), the record counts, and where it was denied.
   */
  record Observed(String flow, String state, long records, long accepted, long denied, String where) implements Evidence {
    public Observed {
      where = where == null ? "" : where;
    }

    public Status status() {
      return switch (state) {
        case "working" -> Status.OK;
        case "denied" -> accepted > 0 ? Status.PARTIAL : Status.FAILED;
        default -> Status.UNKNOWN;
      };
    }

    public String kind() {
      return "observe";
    }

    public String summary() {
      String s = state.replace('_', ' ') + " in the logs: " + records + " records, " + accepted + " accepted, " + denied + " denied";
      return where.isEmpty() ? s : s + " — denied by " + where;
    }
  }
}
