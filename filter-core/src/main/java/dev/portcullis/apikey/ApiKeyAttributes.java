package dev.portcullis.apikey;

import dev.portcullis.IdentityBuilder;

/**
 * The names under which an accepted API key's record appears in {@link
 * dev.portcullis.Identity#attributes()}, so that an application can route by tenant: {@code
 * identity.attributes().get(ApiKeyAttributes.TENANT)}. Each metadata attribute is present only when
 * the key's record sets it. The same values, with the metadata entries as {@code meta.<entry>}, are
 * the {@link dev.portcullis.Identity#auditFields() fields} of the audit line of an accepted
 * request.
 */
public final class ApiKeyAttributes {
  /** The key's public id, a {@code String}; always present. */
  public static final String KEY_ID = "keyId";

  /** The key's {@link KeyMetadata#name() name}, a {@code String}. */
  public static final String NAME = "keyName";

  /** The key's {@link KeyMetadata#tenant() owner or tenant}, a {@code String}. */
  public static final String TENANT = "tenant";

  /** The key's {@link KeyMetadata#environment() environment}, a {@code String}. */
  public static final String ENVIRONMENT = "environment";

  /** The key's further {@link KeyMetadata#entries() metadata}, an unmodifiable {@code Map}. */
  public static final String METADATA = "keyMetadata";

  /** The prefix of a metadata entry's field in the audit line. */
  static final String AUDIT_ENTRY = "meta.";

  private ApiKeyAttributes() {}

  /** Adds the record's id and metadata as attributes and audit fields. */
  static IdentityBuilder apply(ApiKeyRecord record, IdentityBuilder identity) {
    identity.attribute(KEY_ID, record.id()).auditField(KEY_ID, record.id());
    KeyMetadata metadata = record.metadata();
    set(identity, NAME, metadata.name());
    set(identity, TENANT, metadata.tenant());
    set(identity, ENVIRONMENT, metadata.environment());
    if (!metadata.entries().isEmpty()) {
      identity.attribute(METADATA, metadata.entries());
      metadata.entries().forEach((name, value) -> identity.auditField(AUDIT_ENTRY + name, value));
    }
    return identity;
  }

  private static void set(IdentityBuilder identity, String name, String value) {
    if (value != null) {
      identity.attribute(name, value).auditField(name, value);
    }
  }
}
