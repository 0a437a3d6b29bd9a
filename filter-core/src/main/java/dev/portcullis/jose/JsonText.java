package dev.portcullis.jose;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The text rules of {@link StrictJson}: strict UTF-8 in, I-JSON strings out. */
final class JsonText {
  /**
   * Member names of token headers, claims, proofs and keys, by length: each is taken as the shared
   * constant (its hash computed once) instead of a fresh copy per parse.
   */
  private static final String[][] KNOWN =
      byLength(
          "alg",
          "typ",
          "kid",
          "jwk",
          "kty",
          "crv",
          "x",
          "y",
          "n",
          "e",
          "use",
          "iss",
          "sub",
          "aud",
          "exp",
          "nbf",
          "iat",
          "jti",
          "htm",
          "htu",
          "ath",
          "nonce",
          "cnf",
          "jkt",
          "scope",
          "client_id",
          "azp",
          "active",
          "token_type",
          "groups",
          "roles");

  private JsonText() {}

  /**
   * The known member name that is exactly the text from {@code start} to {@code end}, the first
   * quote after {@code start}: no known name holds a quote, a backslash or a control character, so
   * the text is then that name as a JSON string too.
   *
   * @return the shared name, or null
   */
  static String known(String text, int start, int end) {
    if (end - start >= KNOWN.length) {
      return null;
    }
    for (String name : KNOWN[end - start]) {
      if (text.startsWith(name, start)) {
        return name;
      }
    }
    return null;
  }

  private static String[][] byLength(String... names) {
    int longest = Arrays.stream(names).mapToInt(String::length).max().orElse(0);
    String[][] table = new String[longest + 1][];
    for (int n = 0; n <= longest; n++) {
      int length = n;
      table[n] =
          Arrays.stream(names).filter(name -> name.length() == length).toArray(String[]::new);
    }
    return table;
  }

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
