package dev.portcullis.jose;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 6: StrictJson against a reference parser (Parsson, the JSON-P implementation).
 * Random JSON documents, written with random whitespace and escapes and then mutated, are fed to
 * both; whatever StrictJson accepts the reference must parse to an equal value. Scalars at the
 * edges of the grammar (numbers such as {@code -0}, {@code 1E400}, {@code 01}, escapes of
 * surrogates and noncharacters) are mixed in. Seeded and bounded, so it is fast and repeatable.
 */
class StrictJsonDifferentialTest {
  private static final int DOCUMENTS = 20_000;
  private static final String INTERESTING =
      "\"\\/{}[],:-+.eE0123456789 \tuabcdefABCDEF\uff10\u0660\ud800\udc00\u00e9\u2028\u0000nulltruefalse"
          + "\ufdd0\uffff\ufeff";

  /** Scalars at the edges of the grammar and of I-JSON, valid and not, written as they stand. */
  private static final String[] EDGES = {
    "-0",
    "0",
    "-0.0",
    "1E400",
    "1e-400",
    "1E+2",
    "0.1e1",
    "123456789012345678901234567890",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "01",
    "1.",
    "-",
    "+1",
    ".5",
    "1e",
    "1e2147483648",
    "\"\\ud800\"",
    "\"\\uFDD0\"",
    "\"\\uFFFF\"",
    "\"\\uFFFD\"",
    "\"\\u00e9\"",
    "\"\\u00E9\"",
    "\"\\/\"",
    "tru",
    "nulll"
  };

  private final Random random = new Random(16);

  @Test
  void parseObjectWhenAcceptedThenReferenceParserAgreesOnTheValue() throws Exception {
    int accepted = 0;
    for (int i = 0; i < DOCUMENTS; i++) {
      StringBuilder doc = new StringBuilder();
      object(doc, 0);
      byte[] bytes = mutate(doc.toString());
      Map<String, Object> strict;
      try {
        strict = StrictJson.parseObject(bytes);
      } catch (MalformedJson e) {
        continue;
      }
      accepted++;
      JsonObject reference;
      try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
        reference = reader.readObject();
      }
      assertThat(same(strict, reference))
          .as("document %d: %s", i, new String(bytes, StandardCharsets.UTF_8))
          .isTrue();
    }
    assertThat(accepted).as("accepted documents").isGreaterThan(DOCUMENTS / 10);
  }

  private byte[] mutate(String doc) {
    StringBuilder s = new StringBuilder(doc);
    int mutations = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(3);
    for (int m = 0; m < mutations && s.length() > 0; m++) {
      int at = random.nextInt(s.length());
      char c = INTERESTING.charAt(random.nextInt(INTERESTING.length()));
      switch (random.nextInt(3)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, c);
        default -> s.setCharAt(at, c);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1)))) {
        out.writeBytes(new byte[] {(byte) 0xED, (byte) (0xA0 | (c >> 6) & 0x1F), (byte) 0x80});
      } else {
        int cp = s.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp) - 1;
      }
    }
    return out.toByteArray();
  }

  private void object(StringBuilder out, int depth) {
    out.append('{');
    int n = random.nextInt(depth == 0 ? 6 : 4);
    for (int i = 0; i < n; i++) {
      space(out).append(i == 0 ? "" : ",");
      string(out, "k" + i + text(2));
      space(out).append(':');
      value(space(out), depth + 1);
    }
    space(out).append('}');
  }

  private void value(StringBuilder out, int depth) {
    if (random.nextInt(8) == 0) {
      out.append(EDGES[random.nextInt(EDGES.length)]);
      return;
    }
    switch (random.nextInt(depth > 3 ? 5 : 7)) {
      case 0 -> string(out, text(8));
      case 1 -> number(out);
      case 2 -> out.append(random.nextBoolean() ? "true" : "false");
      case 3 -> out.append("null");
      case 4 -> string(out, "");
      case 5 -> object(out, depth);
      default -> {
        out.append('[');
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          out.append(i == 0 ? "" : ",");
          value(space(out), depth + 1);
        }
        out.append(']');
      }
    }
  }

  private StringBuilder space(StringBuilder out) {
    if (random.nextInt(4) == 0) {
      out.append(" \t\r\n".charAt(random.nextInt(4)));
    }
    return out;
  }

  private String text(int max) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(6)) {
        case 0 -> s.append((char) (0x20 + random.nextInt(0x5F)));
        case 1 -> s.append((char) random.nextInt(0x10000));
        case 2 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
        case 3 -> s.append("\"\\/\b\f\n\r\t".charAt(random.nextInt(8)));
        default -> s.append((char) ('a' + random.nextInt(26)));
      }
    }
    return s.toString();
  }

  /** A JSON string with every character written raw or as an escape, at random. */
  private void string(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean mustEscape = c == '"' || c == '\\' || c < 0x20;
      if (mustEscape || random.nextInt(4) == 0) {
        out.append("\\u");
        String hex = String.format("%04x", (int) c);
        out.append(random.nextBoolean() ? hex : hex.toUpperCase());
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  private void number(StringBuilder out) {
    switch (random.nextInt(5)) {
      case 0 -> out.append(random.nextInt(2000) - 1000);
      case 1 -> out.append(random.nextLong());
      case 2 -> out.append(random.nextLong()).append(Math.abs((long) random.nextInt()));
      case 3 -> out.append(random.nextInt(100)).append('.').append(random.nextInt(1000));
      default ->
          out.append(random.nextInt(10))
              .append(random.nextBoolean() ? 'e' : 'E')
              .append(random.nextBoolean() ? "-" : "+")
              .append(random.nextInt(400));
    }
  }

  private static boolean same(Object strict, JsonValue reference) {
    if (strict == null) {
      return reference == JsonValue.NULL;
    }
    if (strict instanceof String s) {
      return reference instanceof JsonString r && s.equals(r.getString());
    }
    if (strict instanceof Boolean b) {
      return reference == (b ? JsonValue.TRUE : JsonValue.FALSE);
    }
    if (strict instanceof Long || strict instanceof BigDecimal) {
      // the number's text, not bigDecimalValue(): Parsson bounds the scale it converts
      return reference instanceof JsonNumber n
          && new BigDecimal(strict.toString()).compareTo(new BigDecimal(n.toString())) == 0;
    }
    if (strict instanceof List<?> list) {
      if (!(reference instanceof JsonArray array) || array.size() != list.size()) {
        return false;
      }
      for (int i = 0; i < list.size(); i++) {
        if (!same(list.get(i), array.get(i))) {
          return false;
        }
      }
      return true;
    }
    Map<?, ?> map = (Map<?, ?>) strict;
    if (!(reference instanceof JsonObject object) || object.size() != map.size()) {
      return false;
    }
    for (Map.Entry<String, JsonValue> e : object.entrySet()) {
      if (!map.containsKey(e.getKey()) || !same(map.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    return true;
  }
}
