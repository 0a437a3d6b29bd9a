package dev.portcullis.dpop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces (RFC 9449 §9) without shared state: a nonce is the number of the current time
 * window and an HMAC of it under a secret every node shares, so any node accepts a nonce any node
 * issued. The nonce of the current window and of the one before are accepted; it rotates every
 * window. Nonces are not single-use; the proof's {@code jti} is.
 */
final class Nonces {
  private static final int MAC_BYTES = 16;
  private static final byte[] LABEL = "portcullis dpop nonce".getBytes(StandardCharsets.US_ASCII);

  private final SecretKeySpec key;
  private final long windowMillis;
  private final Clock clock;

  Nonces(byte[] secret, Duration lifetime, Clock clock) {
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.windowMillis = lifetime.toMillis();
    this.clock = clock;
  }

  /** The nonce to hand out now. */
  String current() {
    return encode(window());
  }

  /** Whether {@code nonce} was issued in this window or the one before. */
  boolean accepts(String nonce) {
    long now = window();
    return MessageDigest.isEqual(bytes(nonce), bytes(encode(now)))
        || MessageDigest.isEqual(bytes(nonce), bytes(encode(now - 1)));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private long window() {
    return Math.floorDiv(clock.millis(), windowMillis);
  }

  private String encode(long window) {
    byte[] counter = ByteBuffer.allocate(Long.BYTES).putLong(window).array();
    byte[] mac;
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(key);
      hmac.update(LABEL);
      mac = hmac.doFinal(counter);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
    byte[] nonce = new byte[Long.BYTES + MAC_BYTES];
    System.arraycopy(counter, 0, nonce, 0, Long.BYTES);
    System.arraycopy(mac, 0, nonce, Long.BYTES, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
  }
}
