package dev.portcullis.apikey;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key format {@code pc_<id>_<secret>}: an identifiable prefix (secret scanners can find leaked
 * keys), a public 16-hex-digit id for the store lookup, and 32 random bytes in base64url.
 */
final class ApiKeyFormat {
  static final String PREFIX = dev.portcullis.CredentialShapes.API_KEY_PREFIX;
  static final int MAX_LENGTH = 256;
  static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
  private static final Pattern KEY = Pattern.compile("pc_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyFormat() {}

  /** The id of a well-formed key; empty for anything else. */
  static Optional<String> idOf(String key) {
    Matcher m = KEY.matcher(key);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Whether the text uses only the characters a key may contain (checked before any hashing). */
  static boolean plausible(String key) {
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** A new random key. */
  static String generate() {
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    return PREFIX
        + HexFormat.of().formatHex(id)
        + "_"
        + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
