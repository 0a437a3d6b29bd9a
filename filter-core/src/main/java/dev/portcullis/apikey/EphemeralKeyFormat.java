package dev.portcullis.apikey;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The self-contained ephemeral key: {@code <prefix><base64url(claims || HMAC-SHA-256 tag)>}. The
 * claims are readable, not secret (they are the caller's own principal and scopes); the tag, keyed
 * with the secret every node shares, makes them unforgeable, so any node verifies a key with no
 * store and no I/O. The MAC covers a version label and the prefix as well as the claims.
 */
final class EphemeralKeyFormat {
  static final String DEFAULT_PREFIX = "ek_";

  /** The shortest shared secret, in bytes: the HMAC-SHA-256 output length (RFC 2104 §3). */
  static final int MIN_SECRET_BYTES = 32;

  /** The longest key accepted or minted, in characters. */
  static final int MAX_LENGTH = 2048;

  private static final String VERSION = "ek1";
  private static final String ALGORITHM = "HmacSHA256";
  private static final int TAG_LENGTH = 32;
  private static final int NONCE_LENGTH = 16;
  private static final int FIELDS = 8;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String prefix;
  private final SecretKeySpec secret;

  EphemeralKeyFormat(String prefix, byte[] secret) {
    this.prefix = prefix;
    this.secret = new SecretKeySpec(secret, ALGORITHM);
  }

  /** Whether the credential has the ephemeral prefix: no parsing, no allocation. */
  boolean recognises(String credential) {
    return credential.startsWith(prefix);
  }

  /** A fresh nonce, 16 random bytes in base64url. */
  static String nonce() {
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    return BASE64URL.encodeToString(nonce);
  }

  /** The key for {@code claims}; it may exceed {@link #MAX_LENGTH} (the minter refuses that). */
  String encode(EphemeralClaims claims) {
    String text =
        String.join(
            "\n",
            List.of(
                VERSION,
                claims.nonce(),
                Long.toString(claims.expiresAt().getEpochSecond()),
                claims.singleUse() ? "1" : "0",
                escape(claims.parent()),
                escape(claims.principal()),
                escape(String.join(" ", claims.scopes())),
                claims.origin() == null ? "" : escape(claims.origin())));
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] tag = tag(payload);
    byte[] all = Arrays.copyOf(payload, payload.length + TAG_LENGTH);
    System.arraycopy(tag, 0, all, payload.length, TAG_LENGTH);
    return prefix + BASE64URL.encodeToString(all);
  }

  /**
   * The claims of a key whose tag verifies (constant-time), in canonical base64url, at most {@link
   * #MAX_LENGTH} characters; else empty. Nothing is parsed before the tag verified.
   */
  Optional<EphemeralClaims> decode(String key) {
    if (key.length() > MAX_LENGTH || !recognises(key)) {
      return Optional.empty();
    }
    String body = key.substring(prefix.length());
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (all.length <= TAG_LENGTH || !BASE64URL.encodeToString(all).equals(body)) {
      return Optional.empty();
    }
    byte[] payload = Arrays.copyOf(all, all.length - TAG_LENGTH);
    byte[] tag = Arrays.copyOfRange(all, payload.length, all.length);
    if (!MessageDigest.isEqual(tag, tag(payload))) {
      return Optional.empty();
    }
    return parse(new String(payload, StandardCharsets.UTF_8));
  }

  private static Optional<EphemeralClaims> parse(String text) {
    String[] f = text.split("\n", -1);
    if (f.length != FIELDS || !f[0].equals(VERSION)) {
      return Optional.empty();
    }
    try {
      String scopes = unescape(f[6]);
      Set<String> set =
          scopes.isEmpty() ? Set.of() : new LinkedHashSet<>(List.of(scopes.split(" ")));
      return Optional.of(
          new EphemeralClaims(
              f[1],
              Instant.ofEpochSecond(Long.parseLong(f[2])),
              f[3].equals("1"),
              unescape(f[4]),
              unescape(f[5]),
              set,
              f[7].isEmpty() ? null : unescape(f[7])));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty(); // a MAC'd key of an unknown shape: only a bug could make one
    }
  }

  private byte[] tag(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      mac.update((VERSION + "\n" + prefix + "\n").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
    }
  }

  private static String escape(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String unescape(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
