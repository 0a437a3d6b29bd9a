package dev.portcullis.apikey.jdbc;

import dev.portcullis.Fingerprint;

/** Well-formed keys with known ids, and their stored hashes. */
final class TestKeys {
  static final String UNAUTHORIZED =
      "ApiKey realm=\"api\", error=\"invalid_token\", error_description=\"The API key is invalid\"";

  private TestKeys() {}

  /** A key {@code pc_<id>_<secret>} whose secret is derived from the id and a label. */
  static String key(String id, String label) {
    return "pc_" + id + "_" + Fingerprint.of(label + id);
  }

  static String key(String id) {
    return key(id, "secret");
  }

  /** The stored form, as {@code ApiKeyHasher.sha256()} computes it. */
  static String hash(String key) {
    return "sha256:" + Fingerprint.of(key);
  }
}
