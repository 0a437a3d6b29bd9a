package dev.portcullis.apikey;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The key formats a deployment accepts. A key is {@code <prefix><id><secret><checksum>}: an
 * operator-chosen prefix (for example {@code sk_live_}, so that secret scanners find leaked keys
 * and a test key is useless in production), a public id of 16 hex digits for the store lookup, 43
 * random base62 characters (256 bits) and the CRC-32 of everything before it in 6 base62 digits, as
 * GitHub's tokens carry. The checksum is verified before any hashing or store lookup: a typo or a
 * random guess costs neither. Keys of the first format, {@code pc_<id>_<43 base64url>}, without a
 * checksum, are still accepted while {@code pc_} is a configured prefix. Keys imported from another
 * system (for example {@code sk-…}) have an imported prefix and any format: they carry no id and
 * are looked up by hash.
 */
final class ApiKeyFormat {
  static final String DEFAULT_PREFIX = dev.portcullis.CredentialShapes.API_KEY_PREFIX;
  static final int MAX_LENGTH = 256;
  static final Pattern ID = Pattern.compile("[0-9a-f]{16}");

  /** What a prefix may be: a letter, then letters, digits, {@code _} or {@code -}. */
  static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{1,31}");

  static final int ID_LENGTH = 16;
  static final int SECRET_LENGTH = 43;
  static final int CHECKSUM_LENGTH = 6;
  private static final int BODY_LENGTH = ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH;

  /** The legacy shape {@code pc_<16 hex>_<43 base64url>}, checked by hand on the hot path. */
  private static final String LEGACY_PREFIX = "pc_";

  private static final int LEGACY_LENGTH = LEGACY_PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH;
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String[] prefixes;
  private final String[] imported;
  private final boolean legacy;

  /**
   * The formats of the given prefixes, without imported keys.
   *
   * @param prefixes the accepted prefixes, at least one, each valid by {@link #PREFIX}
   */
  ApiKeyFormat(List<String> prefixes) {
    this(prefixes, List.of());
  }

  /**
   * The formats of the given prefixes and imported keys.
   *
   * @param prefixes the accepted prefixes, at least one, each valid by {@link #PREFIX}
   * @param imported the prefixes of imported keys, looked up by hash, each valid by {@link #PREFIX}
   */
  ApiKeyFormat(List<String> prefixes, List<String> imported) {
    this.prefixes = longestFirst(prefixes);
    this.imported = longestFirst(imported);
    this.legacy = prefixes.contains(DEFAULT_PREFIX);
  }

  /** Every prefix this format claims, of its own keys and of imported ones. */
  List<String> allPrefixes() {
    List<String> all = new ArrayList<>(List.of(prefixes));
    all.addAll(List.of(imported));
    return all;
  }

  private static String[] longestFirst(List<String> prefixes) {
    return prefixes.stream()
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toArray(String[]::new);
  }

  /**
   * Whether the credential starts with an accepted prefix: no parsing, hashing or allocation. A
   * malformed key with the prefix counts too, so that it is never handed to another mechanism.
   */
  boolean recognises(String credential) {
    return startsWithAny(credential, prefixes) || startsWithAny(credential, imported);
  }

  /**
   * Whether {@code key} is an imported key: an imported prefix, at most {@link #MAX_LENGTH}
   * characters, only letters, digits, {@code _}, {@code -} and {@code .}. Checked before hashing.
   */
  boolean imported(String key) {
    if (key.length() > MAX_LENGTH || !startsWithAny(key, imported)) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!base62(c) && c != '_' && c != '-' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWithAny(String credential, String[] prefixes) {
    for (String prefix : prefixes) {
      if (credential.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The id of a well-formed key with a valid checksum (or of the first format); else empty. */
  Optional<String> idOf(String key) {
    if (key.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    for (String prefix : prefixes) {
      if (key.length() == prefix.length() + BODY_LENGTH
          && key.startsWith(prefix)
          && wellFormed(key, prefix.length())) {
        return Optional.of(key.substring(prefix.length(), prefix.length() + ID_LENGTH));
      }
    }
    if (legacy && legacyShape(key)) {
      return Optional.of(key.substring(LEGACY_PREFIX.length(), LEGACY_PREFIX.length() + ID_LENGTH));
    }
    return Optional.empty();
  }

  private static boolean legacyShape(String key) {
    int id = LEGACY_PREFIX.length();
    int secret = id + ID_LENGTH + 1;
    if (key.length() != LEGACY_LENGTH
        || !key.startsWith(LEGACY_PREFIX)
        || key.charAt(secret - 1) != '_') {
      return false;
    }
    for (int i = id; i < secret - 1; i++) {
      if (!hex(key.charAt(i))) {
        return false;
      }
    }
    for (int i = secret; i < LEGACY_LENGTH; i++) {
      char c = key.charAt(i);
      if (!(base62(c) || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  private static boolean wellFormed(String key, int start) {
    for (int i = start; i < start + ID_LENGTH; i++) {
      if (!hex(key.charAt(i))) {
        return false;
      }
    }
    for (int i = start + ID_LENGTH; i < key.length(); i++) {
      if (!base62(key.charAt(i))) {
        return false;
      }
    }
    int end = key.length() - CHECKSUM_LENGTH;
    return checksum(key.substring(0, end)).equals(key.substring(end));
  }

  private static boolean base62(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  /** The CRC-32 of {@code text} in {@value #CHECKSUM_LENGTH} base62 digits, zero-padded. */
  static String checksum(String text) {
    CRC32 crc = new CRC32();
    crc.update(text.getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] digits = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      digits[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(digits);
  }

  /**
   * A new random key with {@code prefix}.
   *
   * @param prefix a prefix valid by {@link #PREFIX}
   */
  static String generate(String prefix) {
    byte[] id = new byte[ID_LENGTH / 2];
    RANDOM.nextBytes(id);
    StringBuilder key = new StringBuilder(prefix).append(HexFormat.of().formatHex(id));
    for (int i = 0; i < SECRET_LENGTH; i++) {
      key.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return key.append(checksum(key.toString())).toString();
  }

  /**
   * The regular expression matching keys with {@code prefix}, for secret scanners (gitleaks, GitHub
   * custom patterns): RE2 syntax, no look-around.
   *
   * @param prefix a prefix valid by {@link #PREFIX}
   */
  static String scannerPattern(String prefix) {
    return "\\b"
        + prefix.replace("-", "\\-")
        + "[0-9a-f]{"
        + ID_LENGTH
        + "}[0-9A-Za-z]{"
        + (SECRET_LENGTH + CHECKSUM_LENGTH)
        + "}\\b";
  }
}
