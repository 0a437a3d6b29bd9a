package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The legacy key shape {@code pc_<16 hex>_<43 base64url>} is checked by hand on the hot path; it
 * agrees with the reference expression on every one-character change of a valid key.
 */
class LegacyKeyShapeTest {
  private static final Pattern REFERENCE = Pattern.compile("pc_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
  private static final String KEY =
      "pc_ec1903ce1d43aa67_x4KAVCkXNzQ9xRSIDuZyqh882eJ7vldJFvy0Az7coek";
  private static final String PROBES = "0aAfgGzZ9_-.+/=~ \u00e9\u0660\uff10\u0000";

  private final ApiKeyFormat format = new ApiKeyFormat(List.of("pc_"));

  private static Optional<String> reference(String key) {
    Matcher m = REFERENCE.matcher(key);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static List<String> variants() {
    List<String> variants = new ArrayList<>(List.of(KEY, "", KEY + "a", KEY.substring(1)));
    for (int i = 0; i < KEY.length(); i++) {
      variants.add(KEY.substring(0, i) + KEY.substring(i + 1));
      for (char c : PROBES.toCharArray()) {
        variants.add(KEY.substring(0, i) + c + KEY.substring(i + 1));
        variants.add(KEY.substring(0, i) + c + KEY.substring(i));
      }
    }
    return variants;
  }

  @Test
  void idOfWhenAnyOneCharacterChangeThenSameAnswerAsTheReferenceExpression() {
    List<String> variants = variants();
    int accepted = 0;
    for (String variant : variants) {
      Optional<String> expected = reference(variant);
      assertThat(format.idOf(variant)).as("%s", variant).isEqualTo(expected);
      accepted += expected.isPresent() ? 1 : 0;
    }
    assertThat(variants).hasSizeGreaterThan(2_000);
    assertThat(accepted).isGreaterThan(100);
  }

  @Test
  void idOfWhenValidLegacyKeyThenItsId() {
    assertThat(format.idOf(KEY)).contains("ec1903ce1d43aa67");
  }

  @Test
  void idOfWhenLegacyKeyButDefaultPrefixNotConfiguredThenNone() {
    assertThat(new ApiKeyFormat(List.of("sk_")).idOf(KEY)).isEmpty();
  }
}
