package org.portolan.compile.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsaDialectTest {
  @Test
  void longRequirementListsSpreadOverRemarksOfAtMost100CharactersLosingNone() {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 30; i++) refs.add("product" + i + "/requirement-" + i);
    List<String> remarks = AsaDialect.remarks(String.join(", ", refs));
    assertThat(remarks).hasSizeGreaterThan(1).allMatch(r -> r.length() <= 100);
    assertThat(String.join(", ", remarks).split(", ")).containsExactlyElementsOf(refs);
  }
}
