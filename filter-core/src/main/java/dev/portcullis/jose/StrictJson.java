package dev.portcullis.jose;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
    String text = text(utf8);
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

  /** Strict UTF-8 decoding; ASCII, the usual case of a token, is copied without a decoder. */
  private static String text(byte[] utf8) throws MalformedJson {
    int high = 0;
    for (byte b : utf8) {
      high |= b;
    }
    if (high >= 0) {
      return new String(utf8, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedJson("not UTF-8");
    }
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
        return interoperable(out);
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

  /**
   * I-JSON (RFC 7493 §2.1), escaped or not: every surrogate is half of a pair, and no code point is
   * a Unicode noncharacter (U+FDD0 to U+FDEF, and the last two of every plane, such as U+FFFF).
   */
  private static String interoperable(CharSequence s) throws MalformedJson {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int cp = c;
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp = Character.toCodePoint(c, s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        throw new MalformedJson("unpaired surrogate");
      }
      if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
        throw new MalformedJson("noncharacter");
      }
    }
    return s.toString();
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
