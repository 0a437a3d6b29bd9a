package dev.portcullis;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Builds an {@link Identity}. Not thread-safe. */
public final class IdentityBuilder {
  final String name;
  String mechanism;
  final String authType;
  final Set<String> scopes = new LinkedHashSet<>();
  final Set<String> roles = new LinkedHashSet<>();
  final Map<String, Object> attributes = new LinkedHashMap<>();
  final Map<String, String> auditFields = new LinkedHashMap<>();
  Instant expiresAt;
  String certificateThumbprint;
  String fingerprint;

  IdentityBuilder(String name, String mechanism, String authType) {
    this.name = name;
    this.mechanism = mechanism;
    this.authType = authType;
  }

  /**
   * Adds scopes.
   *
   * @param values scope tokens
   * @return this builder
   */
  public IdentityBuilder scopes(Collection<String> values) {
    scopes.addAll(values);
    return this;
  }

  /**
   * Adds roles.
   *
   * @param values role names
   * @return this builder
   */
  public IdentityBuilder roles(Collection<String> values) {
    roles.addAll(values);
    return this;
  }

  /**
   * Sets an attribute.
   *
   * @param key the name
   * @param value the value, immutable
   * @return this builder
   */
  public IdentityBuilder attribute(String key, Object value) {
    attributes.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
    return this;
  }

  /**
   * Sets a field of the audit line of an accepted request ({@code name="value"}). Never a
   * credential: the line carries the {@link #fingerprint(String) fingerprint} for that.
   *
   * @param name the field name, letters and digits
   * @param value the value; escaped when written
   * @return this builder
   */
  public IdentityBuilder auditField(String name, String value) {
    auditFields.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
    return this;
  }

  /**
   * Sets the expiry.
   *
   * @param value the instant the credential expires, or null
   * @return this builder
   */
  public IdentityBuilder expiresAt(Instant value) {
    expiresAt = value;
    return this;
  }

  /**
   * Sets the RFC 8705 certificate thumbprint.
   *
   * @param value base64url SHA-256 of the certificate's DER, or null
   * @return this builder
   */
  public IdentityBuilder certificateThumbprint(String value) {
    certificateThumbprint = value;
    return this;
  }

  /**
   * Sets the credential fingerprint used in logs.
   *
   * @param value a {@link Fingerprint} value, or null
   * @return this builder
   */
  public IdentityBuilder fingerprint(String value) {
    fingerprint = value;
    return this;
  }

  /**
   * Builds the identity.
   *
   * @return the identity
   */
  public Identity build() {
    return new Identity(this);
  }
}
