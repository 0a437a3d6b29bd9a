package dev.portcullis.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 16 item 6: strings are I-JSON (RFC 7493 §2.1); escapes take ASCII hex digits only. */
class StrictJsonTest {
  private static Map<String, Object> parse(String json) throws MalformedJson {
    return StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\\u\uff10\uff10\uff14\uff11", // full-width digits
        "\\u\u0660\u0660\u0664\u0661", // Arabic-Indic digits
        "\\u\u06f0\u06f0\u06f4\u06f1", // extended Arabic-Indic digits
        "\\u\u0966\u0966\u096a\u0967", // Devanagari digits
        "\\u00\uff14\uff11",
        "\\u004\uff21", // full-width A
        "\\u004g",
        "\\u+041",
        "\\u 041"
      })
  void parseObjectWhenEscapeHasNonAsciiHexDigitThenMalformed(String escape) {
    assertThatThrownBy(() -> parse("{\"a\":\"" + escape + "\"}"))
        .isInstanceOf(MalformedJson.class)
        .hasMessage("bad escape");
    assertThatThrownBy(() -> parse("{\"" + escape + "\":1}")).isInstanceOf(MalformedJson.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\\ud800",
        "\\udbff",
        "\\udc00",
        "\\udfff",
        "\\udc00\\ud800",
        "\\ud800\\ud800",
        "\\ud800a",
        "a\\udc00",
        "\\ud800\\u0041",
        "\\ud83d\\\"\\ude00",
        "x\\ud83d"
      })
  void parseObjectWhenUnpairedSurrogateEscapedThenMalformed(String text) {
    assertThatThrownBy(() -> parse("{\"a\":\"" + text + "\"}"))
        .isInstanceOf(MalformedJson.class)
        .hasMessage("unpaired surrogate");
    assertThatThrownBy(() -> parse("{\"" + text + "\":1}"))
        .isInstanceOf(MalformedJson.class)
        .hasMessage("unpaired surrogate");
  }

  @Test
  void parseObjectWhenRawSurrogateBytesThenMalformed() {
    byte[] cesu = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
    assertThatThrownBy(() -> StrictJson.parseObject(cesu)).isInstanceOf(MalformedJson.class);
  }

  @Test
  void parseObjectWhenSurrogatesPairedEscapedRawOrMixedThenAccepted() throws Exception {
    assertThat(parse("{\"a\":\"\\ud83d\\ude00\"}")).containsEntry("a", "\ud83d\ude00");
    assertThat(parse("{\"a\":\"\ud83d\ude00\"}")).containsEntry("a", "\ud83d\ude00");
    assertThat(parse("{\"\\uD83D\\uDE00x\":\"\\u00e9\\u00E9\"}"))
        .containsEntry("\ud83d\ude00x", "\u00e9\u00e9");
    assertThat(parse("{\"a\":\"\\uffff\\u0000\\uABCD\"}")).containsEntry("a", "\uffff\u0000\uabcd");
  }
}
