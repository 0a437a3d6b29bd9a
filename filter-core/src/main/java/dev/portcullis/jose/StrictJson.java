package dev.portcullis.jose;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 parser for token headers, claims and key sets: UTF-8 only, one top-level
 * object, no duplicate member names, I-JSON strings (RFC 7493: no unpaired surrogates and no
 * noncharacters, hex escapes of ASCII digits only), no trailing text, bounded nesting. Integers
 * that fit a {@code long} become {@link Long}, other numbers {@link BigDecimal}; objects and arrays
 * are unmodifiable. Any violation is a {@link MalformedJson} without the input in its message.
 */
public final class StrictJson {
  private static final int MAX_DEPTH = 16;
  private static final int MAX_NUMBER = 64;

  private final String text;
  private int pos;

  private StrictJson(String text) {
    this.text = text;
  }

  /**
   * Parses UTF-8 bytes holding one JSON object.
   *
   * @param utf8 the bytes
   * @return the object
   * @throws MalformedJson when the bytes are not strict JSON or not an object
   */
  public static Map<String, Object> parseObject(byte[] utf8) throws MalformedJson {
    String text = JsonText.decode(utf8);
    StrictJson p = new StrictJson(text);
    p.skipSpace();
    if (p.peek() != '{') {
      throw new MalformedJson("not an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) p.value(0);
    p.skipSpace();
    if (p.pos != text.length()) {
      throw new MalformedJson("trailing text");
    }
    return result;
  }

  private Object value(int depth) throws MalformedJson {
    if (depth > MAX_DEPTH) {
      throw new MalformedJson("nested too deeply");
    }
    skipSpace();
    char c = peek();
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object(int depth) throws MalformedJson {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(map);
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw new MalformedJson("member name expected");
      }
      String name = string();
      skipSpace();
      expect(':');
      int members = map.size();
      map.put(name, value(depth + 1));
      if (map.size() == members) {
        throw new MalformedJson("duplicate member");
      }
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect('}');
        return Collections.unmodifiableMap(map);
      }
    }
  }

  private List<Object> array(int depth) throws MalformedJson {
    pos++;
    List<Object> list = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(list);
    }
    while (true) {
      list.add(value(depth + 1));
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else {
        expect(']');
        return Collections.unmodifiableList(list);
      }
    }
  }

  private String string() throws MalformedJson {
    int start = ++pos;
    // a run of plain characters needs no copy: below U+D800 there is no surrogate or noncharacter
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        return text.substring(start, pos++);
      }
      if (c == '\\' || c < 0x20 || c >= Character.MIN_SURROGATE) {
        break;
      }
      pos++;
    }
    pos = start;
    return escaped();
  }

  /** A string with escapes or characters beyond U+D7FF, from its first character. */
  private String escaped() throws MalformedJson {
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return JsonText.interoperable(out);
      }
      if (c < 0x20) {
        throw new MalformedJson("control character in string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(hex4());
        default -> throw new MalformedJson("bad escape");
      }
    }
  }

  private char hex4() throws MalformedJson {
    if (pos + 4 > text.length()) {
      throw new MalformedJson("bad escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      char h = text.charAt(pos++);
      // ASCII only: Character.digit alone also takes full-width and other Unicode digits
      int d = h < 0x80 ? Character.digit(h, 16) : -1;
      if (d < 0) {
        throw new MalformedJson("bad escape");
      }
      v = v * 16 + d;
    }
    return (char) v;
  }

  private Object number() throws MalformedJson {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else {
      digits();
    }
    boolean integral = true;
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      digits();
      integral = false;
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      digits();
      integral = false;
    }
    if (pos - start > MAX_NUMBER) {
      throw new MalformedJson("number too long");
    }
    String n = text.substring(start, pos);
    if (integral) {
      try {
        return Long.parseLong(n);
      } catch (NumberFormatException e) {
        // beyond long: BigDecimal below
      }
    }
    try {
      return new BigDecimal(n);
    } catch (NumberFormatException e) {
      throw new MalformedJson("number out of range"); // an exponent beyond int range
    }
  }

  private void digits() throws MalformedJson {
    char c = peek();
    if (c < '0' || c > '9') {
      throw new MalformedJson("digit expected");
    }
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
  }

  private Object literal(String word, Object value) throws MalformedJson {
    if (!text.startsWith(word, pos)) {
      throw new MalformedJson("bad literal");
    }
    pos += word.length();
    return value;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void expect(char c) throws MalformedJson {
    if (next() != c) {
      throw new MalformedJson("unexpected character");
    }
  }

  private char peek() throws MalformedJson {
    if (pos >= text.length()) {
      throw new MalformedJson("unexpected end");
    }
    return text.charAt(pos);
  }

  private char next() throws MalformedJson {
    char c = peek();
    pos++;
    return c;
  }
}
