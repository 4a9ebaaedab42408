package org.portolan.schema;

import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.portolan.diag.Diagnostics;

/** Validates YAML documents against the JSON Schemas published under {@code /schemas/}. */
public final class SchemaValidator {
  private SchemaValidator() {}

  public static final String CATALOG = "catalog.schema.json";
  public static final String SERVICE_SETS = "service-sets.schema.json";
  public static final String DEPLOYMENT = "deployment.schema.json";

  private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

  /** Patterns with JSON Schema's (ECMA-262) end anchor, not java.util.regex's; in a holder, so a valid document never loads networknt. */
  private static final class Config {
    static final com.networknt.schema.SchemaValidatorsConfig CONFIG = com.networknt.schema.SchemaValidatorsConfig.builder()
        .regularExpressionFactory(EcmaPatterns.INSTANCE).pathType(com.networknt.schema.PathType.LEGACY).build();
  }

  /** The schema text, as published (for `portolan schema` and editors). */
  public static String schemaText(String name) {
    try (InputStream in = SchemaValidator.class.getResourceAsStream("/schemas/" + name)) {
      if (in == null) throw new IllegalStateException("schema " + name + " is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonSchema schema(String name) {
    return CACHE.computeIfAbsent(name, n -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText(n), Config.CONFIG));
  }

  /**
   * Adds one error per schema violation, at the offending node's position; true when valid.
   * A document {@link QuickCheck} finds valid is not validated again; any other is validated
   * by networknt, whose messages are the errors.
   */
  public static boolean validate(YamlDocument doc, String schemaName, Diagnostics d) {
    if (QuickCheck.valid(schemaName, doc.root())) return true;
    var messages = schema(schemaName).validate(doc.root());
    List<ValidationMessage> sorted = messages.stream()
        .sorted(Comparator.comparing((ValidationMessage m) -> doc.at(pointer(m)).line()).thenComparing(ValidationMessage::getMessage))
        .toList();
    for (ValidationMessage m : sorted) {
      String ptr = pointer(m);
      if (m.getProperty() != null && "additionalProperties".equals(m.getType())) ptr = ptr + "/" + YamlDocument.escape(m.getProperty());
      d.error(doc.at(ptr), explain(m));
    }
    return messages.isEmpty();
  }

  static String pointer(ValidationMessage m) {
    JsonNodePath path = m.getInstanceLocation();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object e = path.getElement(i);
      b.append('/').append(e instanceof String s ? YamlDocument.escape(s) : String.valueOf(e));
    }
    return b.toString();
  }

  private static String explain(ValidationMessage m) {
    String where = m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
    String msg = m.getMessage();
    // networknt prefixes the JSON path; keep the words after it.
    int colon = msg.indexOf(": ");
    String text = colon >= 0 && msg.startsWith("$") ? msg.substring(colon + 2) : msg;
    return (where.isEmpty() ? "" : where + ": ") + text;
  }
}
