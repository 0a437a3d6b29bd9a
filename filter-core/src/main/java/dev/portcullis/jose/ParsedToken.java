package dev.portcullis.jose;

import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A compact JWS whose shape has been checked strictly, before any JOSE library sees it: exactly
 * three segments of canonical, unpadded base64url; a header and payload that are strict JSON
 * objects; no header member that would make us fetch, trust or unpack anything.
 *
 * @param compact the token as presented
 * @param header the protected header
 * @param claims the payload
 * @param signature the decoded signature bytes
 */
public record ParsedToken(
    String compact, Map<String, Object> header, Map<String, Object> claims, byte[] signature) {

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
    int a = token.indexOf('.');
    int b = token.indexOf('.', a + 1);
    byte[] headerBytes = decode(token.substring(0, a));
    byte[] payloadBytes = decode(token.substring(a + 1, b));
    byte[] signature = decode(token.substring(b + 1));
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
    return new ParsedToken(token, header, claims, signature);
  }

  /**
   * Checks and decodes a compact JWS whose header segment is, character for character, one that
   * {@link #parse(String, Set)} accepted before and that parsed to {@code header}: only the payload
   * and signature are decoded and parsed again.
   *
   * @param token the compact JWS, already within a length cap
   * @param header the header its first segment parsed to before
   * @return the parsed JWS
   * @throws BadToken when the payload or signature breaks a structural rule
   */
  public static ParsedToken parse(String token, Map<String, Object> header) throws BadToken {
    int a = token.indexOf('.');
    int b = a < 0 ? -1 : token.indexOf('.', a + 1);
    if (b < 0 || token.indexOf('.', b + 1) >= 0) {
      throw new BadToken("not three segments");
    }
    byte[] payloadBytes = decode(token.substring(a + 1, b));
    byte[] signature = decode(token.substring(b + 1));
    if (payloadBytes.length == 0 || signature.length == 0) {
      throw new BadToken("empty segment");
    }
    try {
      return new ParsedToken(token, header, StrictJson.parseObject(payloadBytes), signature);
    } catch (MalformedJson e) {
      throw new BadToken("bad JSON: " + e.getMessage());
    }
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
    int n = segment.length();
    if (n % 4 == 1) {
      throw new BadToken("bad base64url length");
    }
    if (segment.indexOf('=') >= 0) {
      throw new BadToken("bad base64url character");
    }
    if (n > 0) {
      int last = value(segment.charAt(n - 1));
      int unusedMask = n % 4 == 2 ? 0x0F : n % 4 == 3 ? 0x03 : 0;
      if (last < 0) {
        throw new BadToken("bad base64url character");
      }
      if ((last & unusedMask) != 0) {
        throw new BadToken("non-canonical base64url");
      }
    }
    try {
      // the JDK's decoder refuses every character outside the alphabet (one beyond U+00FF turns
      // into '?'); without '=' it is exactly unpadded base64url
      return URL_DECODER.decode(segment);
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
