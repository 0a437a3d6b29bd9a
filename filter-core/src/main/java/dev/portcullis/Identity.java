package dev.portcullis;

import java.security.Principal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who an authenticated request acts as. Immutable. Exposed to the application as the request's
 * {@link jakarta.servlet.http.HttpServletRequest#getUserPrincipal() user principal} and as the
 * request attribute {@link #REQUEST_ATTRIBUTE}.
 */
public final class Identity implements Principal {

  /** The request attribute under which the filter stores the identity. */
  public static final String REQUEST_ATTRIBUTE = RequestAttributes.IDENTITY;

  /**
   * The attribute in which a client-certificate identity carries the RFC 8705 thumbprint (base64url
   * SHA-256 of the leaf certificate's DER) of the certificate it verified. The filter checks a
   * bound token's {@link #certificateThumbprint()} against it, or else against the TLS session's
   * certificate.
   */
  public static final String CERTIFICATE_THUMBPRINT = "x5t#S256";

  private final String name;
  private final String mechanism;
  private final String authType;
  private final Set<String> scopes;
  private final Set<String> roles;
  private final Map<String, Object> attributes;
  private final Map<String, String> auditFields;
  private final Instant expiresAt;
  private final String certificateThumbprint;
  private final String fingerprint;

  Identity(IdentityBuilder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.mechanism = Objects.requireNonNull(b.mechanism, "mechanism");
    this.authType = Objects.requireNonNull(b.authType, "authType");
    this.scopes = Collections.unmodifiableSet(new LinkedHashSet<>(b.scopes));
    this.roles = Collections.unmodifiableSet(new LinkedHashSet<>(b.roles));
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    this.auditFields = Collections.unmodifiableMap(new LinkedHashMap<>(b.auditFields));
    this.expiresAt = b.expiresAt;
    this.certificateThumbprint = b.certificateThumbprint;
    this.fingerprint = b.fingerprint;
  }

  /**
   * Starts an identity.
   *
   * @param name the principal name
   * @param mechanism the mechanism name, for example {@code apiKey}
   * @param authType what {@code getAuthType()} answers, for example {@code Bearer}
   * @return a builder
   */
  public static IdentityBuilder builder(String name, String mechanism, String authType) {
    return new IdentityBuilder(name, mechanism, authType);
  }

  /**
   * Combines the identities of an AND branch (for example client certificate AND bearer token). The
   * last identity is the primary one and gives the name, mechanism-specific auth type, scopes and
   * expiry; roles are the union; attributes of earlier identities are kept where the primary has
   * none; the certificate thumbprint comes from any member that has one.
   *
   * @param members the identities in branch order, at least one
   * @return the combined identity
   */
  public static Identity combine(List<Identity> members) {
    if (members.size() == 1) {
      return members.get(0);
    }
    Identity primary = members.get(members.size() - 1);
    IdentityBuilder b = primary.toBuilder();
    StringBuilder mechanisms = new StringBuilder();
    for (Identity member : members) {
      mechanisms.append(mechanisms.length() == 0 ? "" : "+").append(member.mechanism);
      b.roles(member.roles);
      member.attributes.forEach(b.attributes::putIfAbsent);
      member.auditFields.forEach(b.auditFields::putIfAbsent);
      if (b.certificateThumbprint == null) {
        b.certificateThumbprint = member.certificateThumbprint;
      }
    }
    b.mechanism = mechanisms.toString();
    return b.build();
  }

  /**
   * A builder holding this identity's values.
   *
   * @return a builder
   */
  public IdentityBuilder toBuilder() {
    IdentityBuilder b = new IdentityBuilder(name, mechanism, authType);
    b.scopes.addAll(scopes);
    b.roles.addAll(roles);
    b.attributes.putAll(attributes);
    b.auditFields.putAll(auditFields);
    b.expiresAt = expiresAt;
    b.certificateThumbprint = certificateThumbprint;
    b.fingerprint = fingerprint;
    return b;
  }

  /** {@inheritDoc} */
  @Override
  public String getName() {
    return name;
  }

  /**
   * The mechanism that authenticated the request ({@code apiKey}, {@code jwt}, {@code
   * introspection}, {@code mtls}, or an AND combination such as {@code mtls+jwt}).
   *
   * @return the mechanism name
   */
  public String mechanism() {
    return mechanism;
  }

  /**
   * The value of {@code HttpServletRequest.getAuthType()}.
   *
   * @return for example {@code Bearer}, {@code ApiKey} or {@code CLIENT_CERT}
   */
  public String authType() {
    return authType;
  }

  /**
   * The granted OAuth scopes.
   *
   * @return an unmodifiable set
   */
  public Set<String> scopes() {
    return scopes;
  }

  /**
   * The roles, as answered by {@code isUserInRole}.
   *
   * @return an unmodifiable set
   */
  public Set<String> roles() {
    return roles;
  }

  /**
   * Mechanism-specific values: token claims, key id, certificate subject.
   *
   * @return an unmodifiable map
   */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /**
   * The fields the mechanism adds to the audit line of an accepted request, for example an API
   * key's id and tenant; never a credential.
   *
   * @return an unmodifiable map, in the order set
   */
  public Map<String, String> auditFields() {
    return auditFields;
  }

  /**
   * When the credential stops being valid; caches never keep it past this instant.
   *
   * @return the expiry, if the credential has one
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * The RFC 8705 {@code cnf.x5t#S256} of a certificate-bound token: the thumbprint of the client
   * certificate the token is bound to. The filter refuses the request when the presented
   * certificate differs.
   *
   * @return the base64url SHA-256 thumbprint, if any
   */
  public Optional<String> certificateThumbprint() {
    return Optional.ofNullable(certificateThumbprint);
  }

  /**
   * A short fingerprint of the credential, safe to log.
   *
   * @return the fingerprint, if the mechanism set one
   */
  public Optional<String> fingerprint() {
    return Optional.ofNullable(fingerprint);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Identity i
        && name.equals(i.name)
        && mechanism.equals(i.mechanism)
        && authType.equals(i.authType)
        && scopes.equals(i.scopes)
        && roles.equals(i.roles)
        && attributes.equals(i.attributes)
        && Objects.equals(expiresAt, i.expiresAt)
        && Objects.equals(certificateThumbprint, i.certificateThumbprint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, mechanism, scopes, roles);
  }

  @Override
  public String toString() {
    return "Identity["
        + name
        + " via "
        + mechanism
        + ", scopes="
        + scopes
        + ", roles="
        + roles
        + "]";
  }
}
