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
  void parseObjectWhenKnownNamesWrittenPlainEscapedOrNearlyThenSameRules() throws Exception {
    assertThat(parse("{\"alg\":1,\"algx\":2,\"al\":3,\"\":4,\"client_id\":5}"))
        .containsOnlyKeys("alg", "algx", "al", "", "client_id");
    assertThat(parse("{\"al\\u0067\":1}")).containsOnlyKeys("alg");
    assertThat(parse("{\"a\\\"lg\":1}")).containsOnlyKeys("a\"lg");
    assertThat(parse("{\"jti\\\\\":1}")).containsOnlyKeys("jti\\");
    for (String duplicate :
        new String[] {
          "{\"alg\":1,\"alg\":2}", "{\"alg\":1,\"al\\u0067\":2}", "{\"al\\u0067\":1,\"alg\":2}"
        }) {
      assertThatThrownBy(() -> parse(duplicate))
          .as(duplicate)
          .isInstanceOf(MalformedJson.class)
          .hasMessage("duplicate member");
    }
    for (String bad : new String[] {"{\"alg", "{\"alg\"", "{\"alg\"}", "{\"alg\":}"}) {
      assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(MalformedJson.class);
    }
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
    assertThat(parse("{\"a\":\"\\ufffd\\u0000\\uABCD\"}")).containsEntry("a", "\ufffd\u0000\uabcd");
  }

  /** RFC 7493 §2.1: noncharacters are refused, escaped or raw, in names and in values. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\\uffff",
        "\\uFFFE",
        "\\ufdd0",
        "\\ufdef",
        "\\ud83f\\udffe", // U+1FFFE
        "\\udbff\\udfff", // U+10FFFF
        "\uffff",
        "\ufdd0",
        "\ud83f\udfff", // U+1FFFF raw
        "\udbff\udffe" // U+10FFFE raw
      })
  void parseObjectWhenNoncharacterThenMalformed(String text) {
    assertThatThrownBy(() -> parse("{\"a\":\"" + text + "\"}"))
        .isInstanceOf(MalformedJson.class)
        .hasMessage("noncharacter");
    assertThatThrownBy(() -> parse("{\"" + text + "\":1}"))
        .isInstanceOf(MalformedJson.class)
        .hasMessage("noncharacter");
  }

  @Test
  void parseObjectWhenNeighboursOfNoncharactersThenAccepted() throws Exception {
    assertThat(parse("{\"a\":\"\\ufdcf\\ufdf0\\ufffd\\ud83f\\udffd\"}"))
        .containsEntry("a", "\ufdcf\ufdf0\ufffd\ud83f\udffd");
  }

  /** The RFC 8259 grammar, exactly: each input is refused with the reason given. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":1,\"a\":2}|duplicate member",
        "{\"a\":1,\"\\u0061\":2}|duplicate member",
        "{\"a\":01}|unexpected character",
        "{\"a\":1.}|digit expected",
        "{\"a\":.5}|digit expected",
        "{\"a\":-}|digit expected",
        "{\"a\":+1}|digit expected",
        "{\"a\":1e}|digit expected",
        "{\"a\":1e2147483648}|number out of range",
        "{\"a\":NaN}|digit expected",
        "{\"a\":1}x|trailing text",
        "{\"a\":1}{}|trailing text",
        "\ufeff{\"a\":1}|not an object",
        "[1]|not an object",
        "{\"a\":1,}|member name expected",
        "{'a':1}|member name expected",
        "{\"a\":tru}|bad literal",
        "{\"a\":\"\\x41\"}|bad escape",
        "{\"a\"|unexpected end"
      })
  void parseObjectWhenNotStrictJsonThenMalformedWithReason(String json, String reason) {
    assertThatThrownBy(() -> parse(json)).isInstanceOf(MalformedJson.class).hasMessage(reason);
  }

  @Test
  void parseObjectWhenNestedBeyondSixteenThenMalformedAndAtSixteenAccepted() throws Exception {
    String sixteen = "{\"a\":".repeat(16) + "1" + "}".repeat(16);
    assertThat(parse(sixteen)).containsKey("a");
    String deeper = "{\"a\":".repeat(17) + "1" + "}".repeat(17);
    assertThatThrownBy(() -> parse(deeper)).hasMessage("nested too deeply");
    String arrays = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    assertThatThrownBy(() -> parse(arrays)).hasMessage("nested too deeply");
  }

  @Test
  void parseObjectWhenNumbersAtTheEdgesThenExactValues() throws Exception {
    Map<String, Object> m =
        parse("{\"a\":-0,\"b\":1E400,\"c\":1e9,\"d\":9223372036854775808,\"e\":0.5e-1}");
    assertThat(m.get("a")).isEqualTo(0L);
    assertThat(m.get("b")).isEqualTo(new java.math.BigDecimal("1E400"));
    assertThat(m.get("c")).isEqualTo(new java.math.BigDecimal("1e9"));
    assertThat(m.get("d")).isEqualTo(new java.math.BigDecimal("9223372036854775808"));
    assertThat(m.get("e")).isEqualTo(new java.math.BigDecimal("0.05"));
  }
}
