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
 * @param disabled whether the key is switched off for now; it can be enabled again
 */
public record ApiKeyRecord(
    String id,
    String hash,
    String principal,
    Set<String> scopes,
    Set<String> roles,
    Instant expiresAt,
    boolean revoked,
    KeyMetadata metadata,
    boolean disabled) {

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
   * @param disabled whether the key is disabled
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

  /**
   * A record that is not disabled.
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
  public ApiKeyRecord(
      String id,
      String hash,
      String principal,
      Set<String> scopes,
      Set<String> roles,
      Instant expiresAt,
      boolean revoked,
      KeyMetadata metadata) {
    this(id, hash, principal, scopes, roles, expiresAt, revoked, metadata, false);
  }

  /**
   * This record under another id and hash, with the same grants and metadata: a rotated key. The
   * copy is neither revoked nor disabled.
   *
   * @param newId the id of the new key
   * @param newHash the hash of the new key
   * @return the copy
   */
  public ApiKeyRecord withKey(String newId, String newHash) {
    return new ApiKeyRecord(
        newId, newHash, principal, scopes, roles, expiresAt, false, metadata, false);
  }

  /**
   * This record with another expiry.
   *
   * @param expires the new expiry, or null for never
   * @return the copy
   */
  public ApiKeyRecord withExpiresAt(Instant expires) {
    return new ApiKeyRecord(
        id, hash, principal, scopes, roles, expires, revoked, metadata, disabled);
  }

  /**
   * This record with other metadata.
   *
   * @param newMetadata the metadata
   * @return the copy
   */
  public ApiKeyRecord withMetadata(KeyMetadata newMetadata) {
    return new ApiKeyRecord(
        id, hash, principal, scopes, roles, expiresAt, revoked, newMetadata, disabled);
  }

  /**
   * This record revoked or disabled.
   *
   * @param revoke whether the copy is revoked
   * @param disable whether the copy is disabled
   * @return the copy
   */
  public ApiKeyRecord withState(boolean revoke, boolean disable) {
    return new ApiKeyRecord(
        id, hash, principal, scopes, roles, expiresAt, revoke, metadata, disable);
  }
}
