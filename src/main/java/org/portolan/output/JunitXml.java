package org.portolan.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * JUnit XML, the report format CI dashboards (Jenkins, GitLab, GitHub actions) read: one
 * {@code testsuite} of test cases, each passed or failed with a type and message. Always
 * well-formed: every name and message goes through {@link Escape#xmlAttribute}.
 */
public final class JunitXml {
  /** One failure: its type (e.g. {@code blocked}) and a one-line message. */
  public record Failure(String type, String message) {}

  /**
   * One test case; {@code seconds} is written as {@code time} when present; {@code skipped}
   * (with its reason) for a case that was not run, e.g. a flow no firewall on its path judges.
   */
  public record TestCase(String classname, String name, OptionalDouble seconds, Optional<Failure> failure, Optional<String> skipped) {
    public static TestCase passed(String classname, String name, OptionalDouble seconds) {
      return new TestCase(classname, name, seconds, Optional.empty(), Optional.empty());
    }

    public static TestCase failed(String classname, String name, OptionalDouble seconds, String type, String message) {
      return new TestCase(classname, name, seconds, Optional.of(new Failure(type, message)), Optional.empty());
    }

    public static TestCase skipped(String classname, String name, String reason) {
      return new TestCase(classname, name, OptionalDouble.empty(), Optional.empty(), Optional.of(reason));
    }
  }

  private final String suite;
  private final List<TestCase> cases = new ArrayList<>();

  public JunitXml(String suite) {
    this.suite = suite;
  }

  public JunitXml add(TestCase c) {
    cases.add(c);
    return this;
  }

  public String render() {
    long failures = cases.stream().filter(c -> c.failure().isPresent()).count();
    long skipped = cases.stream().filter(c -> c.skipped().isPresent()).count();
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<testsuite name=\"").append(Escape.xmlAttribute(suite)).append("\" tests=\"").append(cases.size())
        .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"").append(skipped).append("\">\n");
    for (TestCase c : cases) {
      sb.append("  <testcase classname=\"").append(Escape.xmlAttribute(c.classname())).append("\" name=\"").append(Escape.xmlAttribute(c.name())).append('"');
      if (c.seconds().isPresent()) sb.append(" time=\"").append(String.format(Locale.ROOT, "%.3f", c.seconds().getAsDouble())).append('"');
      if (c.skipped().isPresent()) {
        sb.append(">\n    <skipped message=\"").append(Escape.xmlAttribute(c.skipped().get())).append("\"/>\n  </testcase>\n");
      } else if (c.failure().isEmpty()) {
        sb.append("/>\n");
      } else {
        Failure f = c.failure().get();
        sb.append(">\n    <failure type=\"").append(Escape.xmlAttribute(f.type())).append("\" message=\"").append(Escape.xmlAttribute(f.message()))
            .append("\"/>\n  </testcase>\n");
      }
    }
    return sb.append("</testsuite>\n").toString();
  }
}
