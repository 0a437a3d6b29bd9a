package dev.portcullis.mtls;

import static dev.portcullis.mtls.MtlsAuthenticatorFactory.ALLOWED_PRINCIPALS;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.CACHE_MAXIMUM_SIZE;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.CACHE_TTL;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.CRL_FILES;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.DEFAULT_CACHE_MAXIMUM_SIZE;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.DEFAULT_CACHE_TTL;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.DEFAULT_NEGATIVE_CACHE_TTL;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.DEFAULT_REQUIRE_CLIENT_AUTH_EKU;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.DEFAULT_REVOCATION_FAILURE;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.INTERMEDIATES;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.NEGATIVE_CACHE_TTL;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.OCSP_RESPONDER;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.PRINCIPAL;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.REQUIRE_CLIENT_AUTH_EKU;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.REVOCATION;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.REVOCATION_FAILURE;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.TRUSTED_PROXIES;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.TRUST_ANCHORS;
import static dev.portcullis.mtls.MtlsAuthenticatorFactory.TRUST_ANCHORS_PASSWORD;

import dev.portcullis.AuthError;
import dev.portcullis.cache.VerdictCache;
import dev.portcullis.cache.Verifier;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Environment;
import dev.portcullis.config.WebappPaths;
import dev.portcullis.mtls.CertificateValidator.Revocation;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The validated {@code mtls.*} settings; reads every file once, at start-up. */
record MtlsSettings(
    CertificateValidator validator,
    CertificateSource source,
    PrincipalSource principal,
    Pattern allowedPrincipals,
    RoleMapping roles,
    Duration cacheTtl,
    Duration cacheNegativeTtl,
    int cacheSize) {
  private static final System.Logger LOG = System.getLogger(MtlsSettings.class.getName());

  static MtlsSettings read(Config c, Environment env) {
    String trustStore = c.required(TRUST_ANCHORS);
    char[] password = c.secret(TRUST_ANCHORS_PASSWORD).map(String::toCharArray).orElse(null);
    Revocation revocation = choice(c, REVOCATION, Revocation.OFF);
    String failure = c.string(REVOCATION_FAILURE).orElse(DEFAULT_REVOCATION_FAILURE);
    if (!failure.equals(DEFAULT_REVOCATION_FAILURE) && !failure.equals("softFail")) {
      throw c.invalid(REVOCATION_FAILURE, failure, "expected hardFail or softFail");
    }
    List<String> crlFiles = c.list(CRL_FILES);
    if (!crlFiles.isEmpty() && (revocation == Revocation.OFF || revocation == Revocation.OCSP)) {
      throw c.invalid(CRL_FILES, String.join(",", crlFiles), "needs revocation crl or both");
    }
    URI ocsp = c.string(OCSP_RESPONDER).map(v -> uri(c, v)).orElse(null);
    if (ocsp != null && (revocation == Revocation.OFF || revocation == Revocation.CRL)) {
      throw c.invalid(OCSP_RESPONDER, ocsp.toString(), "needs revocation ocsp or both");
    }
    String intermediatesFile = c.string(INTERMEDIATES).orElse(null);
    boolean requireClientAuthEku = c.bool(REQUIRE_CLIENT_AUTH_EKU, DEFAULT_REQUIRE_CLIENT_AUTH_EKU);
    CertificateValidator validator;
    String current = TRUST_ANCHORS;
    String value = trustStore;
    try {
      Set<TrustAnchor> anchors =
          TrustMaterial.anchors(WebappPaths.resolve(c, TRUST_ANCHORS, trustStore, env), password);
      current = INTERMEDIATES;
      value = intermediatesFile;
      List<X509Certificate> intermediates =
          value == null
              ? List.of()
              : TrustMaterial.certificates(WebappPaths.resolve(c, INTERMEDIATES, value, env));
      current = CRL_FILES;
      value = String.join(",", crlFiles);
      List<X509CRL> crls =
          TrustMaterial.crls(
              crlFiles.stream().map(f -> WebappPaths.resolve(c, CRL_FILES, f, env)).toList());
      validator =
          new CertificateValidator(
              anchors,
              intermediates,
              crls,
              revocation,
              failure.equals("softFail"),
              ocsp,
              requireClientAuthEku);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new ConfigurationException(
          "Setting "
              + c.key(current)
              + " ["
              + value
              + "] cannot be read: missing, unreadable, malformed or wrong password",
          e);
    }
    MtlsSettings settings =
        new MtlsSettings(
            validator,
            CertificateSource.read(c),
            c.string(PRINCIPAL)
                .map(
                    v ->
                        PrincipalSource.parse(v)
                            .orElseThrow(
                                () ->
                                    c.invalid(
                                        PRINCIPAL,
                                        v,
                                        "expected subject, cn, email, dns, uri or upn")))
                .orElse(PrincipalSource.SUBJECT),
            c.string(ALLOWED_PRINCIPALS).map(v -> pattern(c, v)).orElse(null),
            RoleMapping.read(c),
            c.duration(CACHE_TTL, DEFAULT_CACHE_TTL),
            c.duration(NEGATIVE_CACHE_TTL, DEFAULT_NEGATIVE_CACHE_TTL),
            c.integer(CACHE_MAXIMUM_SIZE, DEFAULT_CACHE_MAXIMUM_SIZE, 1, 10_000_000));
    LOG.log(
        System.Logger.Level.INFO,
        "mtls: trustAnchors={0}, revocation={1} ({2}), principal={3}, trustedProxies={4}",
        trustStore,
        revocation.name().toLowerCase(Locale.ROOT),
        failure,
        settings.principal.name().toLowerCase(Locale.ROOT),
        c.list(TRUSTED_PROXIES));
    return settings;
  }

  MtlsAuthenticator authenticator(Environment environment) {
    VerdictCache cache =
        VerdictCache.builder(AuthError.forbidden())
            .maximumSize(cacheSize)
            .positiveTtl(cacheTtl)
            .negativeTtl(cacheNegativeTtl)
            .time(environment.clock(), environment.ticker())
            .build();
    environment.metrics().cache("mtls", cache);
    return new MtlsAuthenticator(
        source,
        Verifier.cached(
            cache,
            new CertificateVerifier(
                validator, principal, allowedPrincipals, roles, environment.clock())));
  }

  private static <E extends Enum<E>> E choice(Config c, String key, E defaultValue) {
    String value = c.string(key).orElse(null);
    if (value == null) {
      return defaultValue;
    }
    for (E e : defaultValue.getDeclaringClass().getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
        return e;
      }
    }
    throw c.invalid(
        key,
        value,
        "expected one of "
            + List.of(defaultValue.getDeclaringClass().getEnumConstants())
                .toString()
                .toLowerCase(Locale.ROOT));
  }

  private static URI uri(Config c, String value) {
    try {
      URI uri = new URI(value);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw c.invalid(OCSP_RESPONDER, value, "expected an http or https URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw c.invalid(OCSP_RESPONDER, value, "expected an http or https URL");
    }
  }

  private static Pattern pattern(Config c, String value) {
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw c.invalid(ALLOWED_PRINCIPALS, value, "not a regular expression");
    }
  }
}
