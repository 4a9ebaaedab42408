package org.portolan.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
  @Test
  void nearestNamesFirstAndNothingFarAway() {
    List<String> hosts = List.of("cm-pss", "cm-dp1", "dc-root1", "dc-root2", "zen-primary");
    assertThat(Suggestions.nearest("cm-pds", hosts)).containsExactly("cm-pss");
    assertThat(Suggestions.nearest("DC-ROOT3", hosts)).containsExactly("dc-root1", "dc-root2");
    assertThat(Suggestions.nearest("web", hosts)).isEmpty();
    assertThat(Suggestions.didYouMean("zen-primry", hosts)).isEqualTo("; did you mean 'zen-primary'?");
    assertThat(Suggestions.didYouMean("web", hosts)).isEmpty();
  }
}
