package dev.portcullis.apikey;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One stored API key. Only the hash of the key is kept; the key itself is shown once, when it is
 * generated, and never stored.
 *
 * @param id the public key id (the part between {@code pc_} and the secret)
 * @param hash {@code sha256:<base64url>} or {@code hmac-sha256:<base64url>} of the whole key
 * @param principal the principal name requests with this key act as
 * @param scopes granted scopes
 * @param roles granted roles
 * @param expiresAt when the key stops working, or null for never
 * @param revoked whether the key has been revoked
 * @param metadata name, tenant, environment and further values; {@link KeyMetadata#NONE} for none
 */
public record ApiKeyRecord(
    String id,
    String hash,
    String principal,
    Set<String> scopes,
    Set<String> roles,
    Instant expiresAt,
    boolean revoked,
    KeyMetadata metadata) {

  /**
   * Checks required parts and copies the sets, keeping their order.
   *
   * @param id the public key id
   * @param hash the hash of the whole key
   * @param principal the principal name
   * @param scopes granted scopes
   * @param roles granted roles
   * @param expiresAt when the key stops working, or null for never
   * @param revoked whether the key has been revoked
   * @param metadata name, tenant, environment and further values; null for none
   */
  public ApiKeyRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(principal, "principal");
    scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
    roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
    metadata = metadata == null ? KeyMetadata.NONE : metadata;
  }

  /**
   * A record without metadata.
   *
   * @param id the public key id
   * @param hash the hash of the whole key
   * @param principal the principal name
   * @param scopes granted scopes
   * @param roles granted roles
   * @param expiresAt when the key stops working, or null for never
   * @param revoked whether the key has been revoked
   */
  public ApiKeyRecord(
      String id,
      String hash,
      String principal,
      Set<String> scopes,
      Set<String> roles,
      Instant expiresAt,
      boolean revoked) {
    this(id, hash, principal, scopes, roles, expiresAt, revoked, KeyMetadata.NONE);
  }
}
