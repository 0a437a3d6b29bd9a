package dev.portcullis.mtls;

import dev.portcullis.Authenticator;
import dev.portcullis.config.AuthenticatorFactory;
import dev.portcullis.config.Config;
import dev.portcullis.config.Environment;
import dev.portcullis.config.Keys;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@value #NAME} mechanism: client certificates (RFC 8446 / RFC 5280), from the TLS session or
 * from a trusted TLS-terminating proxy (RFC 9440, nginx, Envoy, AWS ALB), validated against the
 * filter's own trust anchors -- never "the container already checked it".
 *
 * <p>Outcomes: no certificate is "not attempted" (so {@code mtls,jwt} falls through to the bearer
 * token; with {@code mtls} alone the filter answers {@code 403} without a challenge); an
 * unacceptable certificate is {@code 403} without a challenge; an undecodable or duplicated
 * forwarded header from a trusted proxy is {@code 400 invalid_request}; revocation status that
 * cannot be determined under hard-fail is {@code 503}. The identity's {@code getAuthType()} is
 * {@code CLIENT_CERT}; its attribute {@link dev.portcullis.Identity#CERTIFICATE_THUMBPRINT} holds
 * the RFC 8705 thumbprint (base64url SHA-256 of the leaf's DER), against which the filter checks
 * certificate-bound tokens in the same {@code +} branch.
 *
 * <p>Settings (prefix {@code mtls.}):
 *
 * <ul>
 *   <li>{@value #TRUST_ANCHORS} (required): a PEM bundle, PKCS#12 or JKS file of trust anchors.
 *       This and every other file setting takes a path or {@code webapp:/WEB-INF/...} (inside the
 *       unpacked web application).
 *   <li>{@value #TRUST_ANCHORS_PASSWORD}: secret ({@code env:NAME}, {@code file:/path}) of a store.
 *   <li>{@value #INTERMEDIATES}: PEM bundle of intermediate CAs clients may omit.
 *   <li>{@value #REVOCATION}: {@code off} (default), {@code crl}, {@code ocsp} or {@code both}
 *       (OCSP, falling back to CRLs), checked by the JDK's {@code PKIXRevocationChecker} for every
 *       certificate of the path. CRLs come from {@value #CRL_FILES} and, for a certificate those do
 *       not cover, from the URL in its CRL Distribution Points extension, which the JDK fetches
 *       during validation. That needs no {@code -Dcom.sun.security.enableCRLDP=true}: the JDK reads
 *       that property only for its legacy checking, not for a {@code PKIXRevocationChecker}. The
 *       JDK reuses a fetched CRL for 30 seconds, bounds each fetch by the system properties {@code
 *       com.sun.security.crl.timeout} and {@code com.sun.security.crl.readtimeout} (seconds,
 *       default 15) and sets no size limit of its own, so trust anchors vouch for their CAs'
 *       distribution points too. A distribution point that does not answer with a valid CRL of the
 *       issuer leaves the status unknown.
 *   <li>{@value #REVOCATION_FAILURE}: {@code hardFail} (default: unknown status is {@code 503}) or
 *       {@code softFail} (unknown status is accepted; a revoked certificate never is).
 *   <li>{@value #CRL_FILES}: comma-separated PEM or DER CRL files, read at start-up; needs {@code
 *       crl} or {@code both}. Optional when the certificates name CRL distribution points.
 *   <li>{@value #OCSP_RESPONDER}: URL overriding the certificates' OCSP responder; needs {@code
 *       ocsp} or {@code both}.
 *   <li>{@value #REQUIRE_CLIENT_AUTH_EKU}: {@code true} (default): the leaf must carry an extended
 *       key usage listing {@code clientAuth}; {@code false} also accepts a leaf without the
 *       extension. An extension without {@code clientAuth} is always refused.
 *   <li>{@value #PRINCIPAL}: {@code subject} (default, RFC 2253 DN), {@code cn}, {@code email},
 *       {@code dns}, {@code uri} (SPIFFE IDs) or {@code upn} (first SAN of that type; {@code upn}
 *       is the {@code otherName} 1.3.6.1.4.1.311.20.2.3 holding a UTF8String); a certificate
 *       without it gets 403.
 *   <li>{@value #ALLOWED_PRINCIPALS}: a regular expression the principal name must match entirely.
 *   <li>{@value #ROLES}: comma-separated roles given to every accepted certificate.
 *   <li>{@value #ROLES_FROM_SUBJECT}: comma-separated subject attributes ({@code C}, {@code CN},
 *       {@code DC}, {@code L}, {@code O}, {@code OU}, {@code ST}, {@code STREET}, {@code UID} or a
 *       dotted OID) each of whose string values becomes a role, for example {@code OU}.
 *   <li>{@value #ROLE_MAP}: roles per principal name (as {@value #PRINCIPAL} produces it): {@code
 *       alice@example.com:admin,ops;bob@example.com:ops}. Entries are separated by {@code ;}, the
 *       principal ends at the entry's last {@code :}, so DNs and SPIFFE IDs need no escaping; a
 *       {@code ;} inside a principal is written {@code \;} as in RFC 2253. Exact, case-sensitive
 *       match; a principal listed twice stops deployment. The roles of a certificate are the union
 *       of {@value #ROLES}, {@value #ROLES_FROM_SUBJECT} and {@value #ROLE_MAP}, in that order.
 *   <li>{@value #TRUSTED_PROXIES}: comma-separated CIDR blocks (IPv4, IPv6) of proxies whose
 *       forwarded certificate is believed; empty (default) ignores every forwarded header. From any
 *       other peer, and whenever a TLS certificate is present, the headers below are hidden from
 *       the application.
 *   <li>{@value #FORWARDED_FORMAT}: how the proxy encodes the certificate:
 *       <ul>
 *         <li>{@code rfc9440}: {@code Client-Cert} holds {@code :base64-DER:}, {@code
 *             Client-Cert-Chain} a list of them (the issuers);
 *         <li>{@code pem}: {@code X-SSL-Client-Cert} holds one PEM certificate, raw or URL-encoded
 *             (nginx {@code $ssl_client_escaped_cert}); issuers only from {@value
 *             #FORWARDED_CHAIN_HEADER};
 *         <li>{@code xfcc}: Envoy's {@code X-Forwarded-Client-Cert} with exactly one element (Envoy
 *             {@code forward_client_cert_details: SANITIZE_SET}, {@code
 *             set_current_client_cert_details} with {@code cert}, optionally {@code chain}); its
 *             {@code Cert} is the URL-encoded PEM leaf, its optional {@code Chain} the URL-encoded
 *             PEM chain starting with that leaf. More than one element, no {@code Cert}, a {@code
 *             Chain} not starting with it, a repeated key or broken quoting is {@code 400};
 *         <li>{@code alb}: AWS ALB's {@code X-Amzn-Mtls-Clientcert}: URL-encoded PEM (with {@code
 *             +=/} unencoded), the leaf then the issuers the client sent (passthrough mode); for
 *             verify mode name the header {@code X-Amzn-Mtls-Clientcert-Leaf}.
 *       </ul>
 *       Unset, it follows from {@value #FORWARDED_HEADER}: that header's usual format, else {@code
 *       pem}; both unset is {@code rfc9440}.
 *   <li>{@value #FORWARDED_HEADER}: the leaf header, default the format's header named above.
 *   <li>{@value #FORWARDED_CHAIN_HEADER}: the issuers header, default {@code Client-Cert-Chain} for
 *       {@code rfc9440}, none for {@code pem}; refused for {@code xfcc} and {@code alb}, which
 *       carry issuers in the leaf header.
 *   <li>{@value #FORWARDED_MAX_LENGTH}: longest accepted header value in characters, default 16384
 *       (1024 to 262144); longer is {@code 400}. A repeated header is {@code 400} as well.
 *   <li>{@value #CACHE_TTL}: how long an accepted certificate is trusted without re-validation (and
 *       revocation re-check), default {@code 5m}; never past its {@code notAfter}.
 *   <li>{@value #NEGATIVE_CACHE_TTL}: how long a refused certificate stays refused, default {@code
 *       30s}.
 *   <li>{@value #CACHE_MAXIMUM_SIZE}: most cached verdicts, default 10000.
 * </ul>
 */
public final class MtlsAuthenticatorFactory implements AuthenticatorFactory {
  /** The mechanism name. */
  public static final String NAME = "mtls";

  /** Identity attribute: the leaf's subject DN (RFC 2253). */
  public static final String SUBJECT_ATTRIBUTE = "subject";

  /** Identity attribute: the leaf's issuer DN (RFC 2253). */
  public static final String ISSUER_ATTRIBUTE = "issuer";

  /** Identity attribute: the leaf {@link java.security.cert.X509Certificate}. */
  public static final String CERTIFICATE_ATTRIBUTE = "certificate";

  /**
   * Key of the trust anchors file: the CAs whose client certificates are accepted. Not {@code
   * trustStore}, which everywhere else means outbound TLS trust.
   */
  public static final String TRUST_ANCHORS = "trustAnchors";

  /** Key of the trust anchors file's password (a secret). */
  public static final String TRUST_ANCHORS_PASSWORD = "trustAnchorsPassword";

  /** Key of the intermediate CA bundle. */
  public static final String INTERMEDIATES = "intermediates";

  /** Key of the revocation sources. */
  public static final String REVOCATION = "revocation";

  /** Key of the revocation failure mode. */
  public static final String REVOCATION_FAILURE = "revocationFailure";

  /** Key of the CRL files. */
  public static final String CRL_FILES = "crlFiles";

  /** Key of the OCSP responder override. */
  public static final String OCSP_RESPONDER = "ocspResponder";

  /** Key of the clientAuth EKU requirement. */
  public static final String REQUIRE_CLIENT_AUTH_EKU = "requireClientAuthEku";

  /** Key of the principal source. */
  public static final String PRINCIPAL = "principal";

  /** Key of the principal allow-list pattern. */
  public static final String ALLOWED_PRINCIPALS = "allowedPrincipals";

  /** Key of the static roles. */
  public static final String ROLES = "roles";

  /** Key of the subject attributes whose values become roles. */
  public static final String ROLES_FROM_SUBJECT = "rolesFromSubject";

  /** Key of the principal-to-roles map. */
  public static final String ROLE_MAP = "roleMap";

  /** Key of the trusted proxy CIDR blocks. */
  public static final String TRUSTED_PROXIES = "trustedProxies";

  /** Key of the forwarded leaf header name. */
  public static final String FORWARDED_HEADER = "forwardedHeader";

  /** Key of the forwarded header encoding. */
  public static final String FORWARDED_FORMAT = "forwardedFormat";

  /** Key of the forwarded chain header name. */
  public static final String FORWARDED_CHAIN_HEADER = "forwardedChainHeader";

  /** Key of the forwarded header size cap. */
  public static final String FORWARDED_MAX_LENGTH = "forwardedMaxLength";

  /** Key of the positive cache lifetime. */
  public static final String CACHE_TTL = Keys.CACHE_TTL;

  /** Key of the negative cache lifetime. */
  public static final String NEGATIVE_CACHE_TTL = Keys.NEGATIVE_CACHE_TTL;

  /** Key of the cache size bound. */
  public static final String CACHE_MAXIMUM_SIZE = Keys.CACHE_MAXIMUM_SIZE;

  /** Default of {@value #CACHE_TTL}. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

  /** Default of {@value #NEGATIVE_CACHE_TTL}. */
  public static final Duration DEFAULT_NEGATIVE_CACHE_TTL = Duration.ofSeconds(30);

  /** Default of {@value #CACHE_MAXIMUM_SIZE}. */
  public static final int DEFAULT_CACHE_MAXIMUM_SIZE = 10_000;

  /** Default of {@value #FORWARDED_MAX_LENGTH}. */
  public static final int DEFAULT_FORWARDED_MAX_LENGTH = 16_384;

  /** Default of {@value #REVOCATION_FAILURE}: an unknown revocation status is a 503. */
  public static final String DEFAULT_REVOCATION_FAILURE = "hardFail";

  /** Default of {@value #REQUIRE_CLIENT_AUTH_EKU}. */
  public static final boolean DEFAULT_REQUIRE_CLIENT_AUTH_EKU = true;

  /** Keys of earlier releases, each with the key that replaced it. */
  static final Map<String, String> RENAMED =
      Map.of(
          "trustStore", TRUST_ANCHORS,
          "trustStorePassword", TRUST_ANCHORS_PASSWORD,
          "cacheNegativeTtl", NEGATIVE_CACHE_TTL,
          "cacheSize", CACHE_MAXIMUM_SIZE);

  /** Creates the factory; called by {@link java.util.ServiceLoader}. */
  public MtlsAuthenticatorFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> settings() {
    return Set.of(
        TRUST_ANCHORS,
        TRUST_ANCHORS_PASSWORD,
        INTERMEDIATES,
        REVOCATION,
        REVOCATION_FAILURE,
        CRL_FILES,
        OCSP_RESPONDER,
        REQUIRE_CLIENT_AUTH_EKU,
        PRINCIPAL,
        ALLOWED_PRINCIPALS,
        ROLES,
        ROLES_FROM_SUBJECT,
        ROLE_MAP,
        TRUSTED_PROXIES,
        FORWARDED_HEADER,
        FORWARDED_FORMAT,
        FORWARDED_CHAIN_HEADER,
        FORWARDED_MAX_LENGTH,
        CACHE_TTL,
        NEGATIVE_CACHE_TTL,
        CACHE_MAXIMUM_SIZE);
  }

  @Override
  public Authenticator create(Config config, Environment environment) {
    RENAMED.forEach(config::renamed);
    return MtlsSettings.read(config, environment).authenticator(environment);
  }
}
