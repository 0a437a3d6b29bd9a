package dev.portcullis.jose;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The text rules of {@link StrictJson}: strict UTF-8 in, I-JSON strings out. */
final class JsonText {
  private JsonText() {}

  /** Strict UTF-8 decoding; ASCII, the usual case of a token, is copied without a decoder. */
  static String decode(byte[] utf8) throws MalformedJson {
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

  /**
   * I-JSON (RFC 7493 §2.1), escaped or not: every surrogate is half of a pair, and no code point is
   * a Unicode noncharacter (U+FDD0 to U+FDEF, and the last two of every plane, such as U+FFFF).
   */
  static String interoperable(CharSequence s) throws MalformedJson {
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
}
