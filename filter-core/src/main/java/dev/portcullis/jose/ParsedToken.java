package dev.portcullis.jose;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A compact JWS whose shape has been checked strictly, before any JOSE library sees it: exactly
 * three segments of canonical, unpadded base64url; a header and payload that are strict JSON
 * objects; no header member that would make us fetch, trust or unpack anything.
 *
 * @param compact the token as presented
 * @param ascii the token's characters as bytes, one each (ISO-8859-1: a token that parses holds
 *     ASCII only), the signing input among them
 * @param header the protected header
 * @param claims the payload
 * @param signature the decoded signature bytes
 */
public record ParsedToken(
    String compact,
    byte[] ascii,
    Map<String, Object> header,
    Map<String, Object> claims,
    byte[] signature) {

  /** Header members we never honour: keys or chains from the token, compression, nesting, crit. */
  private static final Set<String> REFUSED_HEADERS =
      Set.of("jku", "jwk", "x5u", "x5c", "crit", "b64", "zip", "cty", "enc");

  private static final int MAX_KID = 256;
  private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

  /** The shape is wrong; the message is ours, never the input. */
  public static final class BadToken extends Exception {
    private static final long serialVersionUID = 1L;

    BadToken(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * Counts the {@code '.'}-separated segments of a token.
   *
   * @param token the credential
   * @return the number of segments
   */
  public static int segments(String token) {
    int n = 1;
    // indexOf, not a loop over chars: it runs on every request, cached hits included
    for (int i = token.indexOf('.'); i >= 0; i = token.indexOf('.', i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * Whether a token has the segments of a compact JWS (3) or JWE (5).
   *
   * @param token the credential
   * @return true when it is shaped like a JWT
   */
  public static boolean jwtShaped(String token) {
    int segments = segments(token);
    return segments == 3 || segments == 5;
  }

  /**
   * Checks and decodes a compact JWS.
   *
   * @param token the credential, already within the length cap
   * @return the parsed token
   * @throws BadToken when any structural rule is broken
   */
  public static ParsedToken parse(String token) throws BadToken {
    return parse(token, REFUSED_HEADERS);
  }

  /**
   * Checks and decodes a compact JWS whose header may carry members a token may not, such as the
   * {@code jwk} of a DPoP proof (RFC 9449 §4.2).
   *
   * @param token the compact JWS, already within a length cap
   * @param refusedHeaders header members that make the JWS unacceptable
   * @return the parsed JWS
   * @throws BadToken when any structural rule is broken
   */
  public static ParsedToken parse(String token, Set<String> refusedHeaders) throws BadToken {
    int segments = segments(token);
    if (segments != 3) {
      throw new BadToken(segments == 5 ? "JWE refused" : "not three segments");
    }
    byte[] ascii = ascii(token);
    int a = token.indexOf('.');
    int b = token.indexOf('.', a + 1);
    byte[] headerBytes = decode(ascii, 0, a);
    byte[] payloadBytes = decode(ascii, a + 1, b);
    byte[] signature = decode(ascii, b + 1, ascii.length);
    if (headerBytes.length == 0 || payloadBytes.length == 0 || signature.length == 0) {
      throw new BadToken("empty segment");
    }
    Map<String, Object> header;
    Map<String, Object> claims;
    try {
      header = StrictJson.parseObject(headerBytes);
      claims = StrictJson.parseObject(payloadBytes);
    } catch (MalformedJson e) {
      throw new BadToken("bad JSON: " + e.getMessage());
    }
    if (!(header.get("alg") instanceof String)) {
      throw new BadToken("alg missing or not a string");
    }
    for (String refused : refusedHeaders) {
      if (header.containsKey(refused)) {
        throw new BadToken("header " + refused + " refused");
      }
    }
    Object kid = header.get("kid");
    if (header.containsKey("kid") && !(kid instanceof String s && s.length() <= MAX_KID)) {
      throw new BadToken("kid not a short string");
    }
    if (header.containsKey("typ") && !(header.get("typ") instanceof String)) {
      throw new BadToken("typ not a string");
    }
    return new ParsedToken(token, ascii, header, claims, signature);
  }

  /**
   * Checks and decodes a compact JWS whose header segment is, character for character, one that
   * {@link #parse(String, Set)} accepted before and that parsed to {@code header}: only the payload
   * and signature are decoded and parsed again.
   *
   * @param token the compact JWS, already within a length cap
   * @param ascii {@link #ascii(String)} of the token, which the caller made to find the header
   * @param header the header its first segment parsed to before
   * @return the parsed JWS
   * @throws BadToken when the payload or signature breaks a structural rule
   */
  public static ParsedToken parse(String token, byte[] ascii, Map<String, Object> header)
      throws BadToken {
    int a = token.indexOf('.');
    int b = a < 0 ? -1 : token.indexOf('.', a + 1);
    if (b < 0 || token.indexOf('.', b + 1) >= 0) {
      throw new BadToken("not three segments");
    }
    byte[] payloadBytes = decode(ascii, a + 1, b);
    byte[] signature = decode(ascii, b + 1, ascii.length);
    if (payloadBytes.length == 0 || signature.length == 0) {
      throw new BadToken("empty segment");
    }
    try {
      return new ParsedToken(token, ascii, header, StrictJson.parseObject(payloadBytes), signature);
    } catch (MalformedJson e) {
      throw new BadToken("bad JSON: " + e.getMessage());
    }
  }

  /**
   * A token's characters as bytes, one each: ISO-8859-1, which turns a character beyond U+00FF into
   * {@code '?'}, and every byte outside ASCII or the base64url alphabet is refused when its segment
   * is decoded.
   *
   * @param token the token
   * @return one byte per character
   */
  public static byte[] ascii(String token) {
    return token.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Decodes one segment of strict base64url: alphabet {@code A-Z a-z 0-9 - _}, no padding, a length
   * not {@code 1 mod 4}, and zero unused bits in the last character (canonical form).
   *
   * @param segment the text
   * @return the bytes
   * @throws BadToken when the text is not canonical base64url
   */
  public static byte[] decode(String segment) throws BadToken {
    byte[] ascii = ascii(segment);
    return decode(ascii, 0, ascii.length);
  }

  /** {@link #decode(String)} of the characters {@code from} to {@code to} of a token. */
  private static byte[] decode(byte[] ascii, int from, int to) throws BadToken {
    int n = to - from;
    if (n % 4 == 1) {
      throw new BadToken("bad base64url length");
    }
    if (n > 0) {
      int last = value((char) (ascii[to - 1] & 0xFF));
      int unusedMask = n % 4 == 2 ? 0x0F : n % 4 == 3 ? 0x03 : 0;
      if (last < 0) {
        throw new BadToken("bad base64url character");
      }
      if ((last & unusedMask) != 0) {
        throw new BadToken("non-canonical base64url");
      }
    }
    try {
      // the JDK's decoder refuses every byte outside the alphabet, and a '=' anywhere but in
      // padding at the end, which the last character's check above refuses: what it takes is
      // exactly unpadded base64url, decoded from the region into an array of its exact size
      ByteBuffer out = URL_DECODER.decode(ByteBuffer.wrap(ascii, from, n));
      byte[] bytes = out.array();
      return out.arrayOffset() == 0 && out.remaining() == bytes.length
          ? bytes
          : Arrays.copyOfRange(
              bytes, out.arrayOffset() + out.position(), out.arrayOffset() + out.limit());
    } catch (IllegalArgumentException e) {
      throw new BadToken("bad base64url character");
    }
  }

  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : c == '_' ? 63 : -1;
  }

  /**
   * The header's algorithm.
   *
   * @return the {@code alg} value
   */
  public String alg() {
    return (String) header.get("alg");
  }

  /**
   * The header's key id.
   *
   * @return the {@code kid}, or null
   */
  public String kid() {
    return (String) header.get("kid");
  }
}
