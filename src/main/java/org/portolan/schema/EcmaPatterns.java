package org.portolan.schema;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * The schemas' {@code pattern}s with ECMA-262's meaning of {@code $} (the end of the string),
 * which JSON Schema specifies. java.util.regex's {@code $} also matches before a final line
 * terminator, so a product id {@code "acme\n"} passed {@code ^[a-z0-9-]+$} and failed later.
 * Joni's ECMAScript syntax (networknt's other option) keeps Ruby's end-of-line {@code $} too,
 * so the translation is done here: every {@code $} outside a character class and not escaped
 * becomes {@code \z}. The schemas use no other construct whose meaning differs.
 */
final class EcmaPatterns implements RegularExpressionFactory {
  static final EcmaPatterns INSTANCE = new EcmaPatterns();

  private EcmaPatterns() {}

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern p = Pattern.compile(toJava(regex));
    return value -> p.matcher(value).find();
  }

  static String toJava(String ecma) {
    StringBuilder out = new StringBuilder(ecma.length() + 4);
    boolean inClass = false;
    for (int i = 0; i < ecma.length(); i++) {
      char c = ecma.charAt(i);
      if (c == '\\' && i + 1 < ecma.length()) {
        out.append(c).append(ecma.charAt(++i));
        continue;
      }
      if (c == '[') inClass = true;
      else if (c == ']') inClass = false;
      if (c == '$' && !inClass) out.append("\\z");
      else out.append(c);
    }
    return out.toString();
  }
}
