package dev.portcullis.mtls;

import dev.portcullis.ServiceUnavailableException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a client certificate chain: our own policy on the leaf and its issuers, then PKIX path
 * validation (RFC 5280 §6) against the configured anchors, with optional revocation checking.
 */
final class CertificateValidator {
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final int MIN_RSA_BITS = 2048;
  private static final int MIN_EC_BITS = 256;

  /** Which revocation sources the JDK checker consults. */
  enum Revocation {
    OFF,
    CRL,
    OCSP,
    BOTH
  }

  private final Set<TrustAnchor> anchors;
  private final List<X509Certificate> intermediates;
  private final List<X509CRL> crls;
  private final Revocation revocation;
  private final boolean softFail;
  private final URI ocspResponder;
  private final boolean requireClientAuthEku;

  CertificateValidator(
      Set<TrustAnchor> anchors,
      List<X509Certificate> intermediates,
      List<X509CRL> crls,
      Revocation revocation,
      boolean softFail,
      URI ocspResponder,
      boolean requireClientAuthEku) {
    this.anchors = Set.copyOf(anchors);
    this.intermediates = List.copyOf(intermediates);
    this.crls = List.copyOf(crls);
    this.revocation = revocation;
    this.softFail = softFail;
    this.ocspResponder = ocspResponder;
    this.requireClientAuthEku = requireClientAuthEku;
  }

  /**
   * Checks a chain.
   *
   * @param chain the presented chain, leaf first
   * @param now the validation time
   * @return empty when acceptable, else a stable reason code for logs
   * @throws ServiceUnavailableException when hard-fail revocation status cannot be determined
   */
  Optional<String> refusal(List<X509Certificate> chain, Instant now)
      throws ServiceUnavailableException {
    if (chain.size() > ForwardedCertificates.MAX_CHAIN) {
      return Optional.of("chain_too_long");
    }
    X509Certificate leaf = chain.get(0);
    Optional<String> policy = leafPolicy(leaf);
    if (policy.isPresent()) {
      return policy;
    }
    List<X509Certificate> path = path(leaf, chain);
    for (X509Certificate cert : path) {
      if (weakSignature(cert)) {
        return Optional.of("weak_signature");
      }
      if (weakKey(cert.getPublicKey())) {
        return Optional.of("weak_key");
      }
    }
    return pkix(path, now);
  }

  private Optional<String> leafPolicy(X509Certificate leaf) {
    if (leaf.getBasicConstraints() != -1) {
      return Optional.of("leaf_is_ca");
    }
    boolean[] keyUsage = leaf.getKeyUsage();
    if (keyUsage != null && (keyUsage.length == 0 || !keyUsage[0])) {
      return Optional.of("no_digital_signature");
    }
    List<String> eku;
    try {
      eku = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return Optional.of("bad_eku");
    }
    if (eku == null ? requireClientAuthEku : !eku.contains(CLIENT_AUTH)) {
      return Optional.of("no_client_auth_eku");
    }
    return Optional.empty();
  }

  /** Orders the presented and configured certificates into a path from the leaf upward. */
  private List<X509Certificate> path(X509Certificate leaf, List<X509Certificate> chain) {
    List<X509Certificate> pool = new ArrayList<>(chain.subList(1, chain.size()));
    pool.addAll(intermediates);
    List<X509Certificate> path = new ArrayList<>(List.of(leaf));
    X509Certificate current = leaf;
    while (path.size() < ForwardedCertificates.MAX_CHAIN && !issuedByAnchor(current)) {
      X509Certificate next = null;
      for (X509Certificate candidate : pool) {
        if (!path.contains(candidate) && issued(current, candidate)) {
          next = candidate;
          break;
        }
      }
      if (next == null) {
        break;
      }
      path.add(next);
      current = next;
    }
    return path;
  }

  private boolean issuedByAnchor(X509Certificate cert) {
    return anchors.stream().anyMatch(a -> issued(cert, a.getTrustedCert()));
  }

  private static boolean issued(X509Certificate cert, X509Certificate issuer) {
    if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
      return false;
    }
    try {
      cert.verify(issuer.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean weakSignature(X509Certificate cert) {
    String alg = cert.getSigAlgName().toUpperCase(Locale.ROOT).replace("-", "");
    return alg.contains("SHA1") || alg.contains("MD5") || alg.contains("MD2");
  }

  private static boolean weakKey(PublicKey key) {
    if (key instanceof RSAPublicKey rsa) {
      return rsa.getModulus().bitLength() < MIN_RSA_BITS;
    }
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().getField().getFieldSize() < MIN_EC_BITS;
    }
    if (key instanceof DSAPublicKey dsa) {
      return dsa.getParams().getP().bitLength() < MIN_RSA_BITS;
    }
    return false;
  }

  private Optional<String> pkix(List<X509Certificate> path, Instant now)
      throws ServiceUnavailableException {
    try {
      CertPathValidator validator = CertPathValidator.getInstance("PKIX");
      PKIXParameters params = new PKIXParameters(anchors);
      params.setDate(Date.from(now));
      params.setRevocationEnabled(false);
      if (revocation != Revocation.OFF) {
        params.addCertPathChecker(revocationChecker(validator));
        params.setRevocationEnabled(true);
        if (!crls.isEmpty()) {
          params.addCertStore(
              CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
        }
      }
      validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
      return Optional.empty();
    } catch (CertPathValidatorException e) {
      if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
        throw new ServiceUnavailableException("Client certificate revocation status unknown", e);
      }
      return Optional.of("pkix_" + e.getReason().toString().toLowerCase(Locale.ROOT));
    } catch (GeneralSecurityException e) {
      return Optional.of("pkix_error");
    }
  }

  private PKIXRevocationChecker revocationChecker(CertPathValidator validator) {
    PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
    EnumSet<PKIXRevocationChecker.Option> options =
        EnumSet.noneOf(PKIXRevocationChecker.Option.class);
    if (revocation == Revocation.CRL) {
      options.add(PKIXRevocationChecker.Option.PREFER_CRLS);
    }
    if (revocation != Revocation.BOTH) {
      options.add(PKIXRevocationChecker.Option.NO_FALLBACK);
    }
    if (softFail) {
      options.add(PKIXRevocationChecker.Option.SOFT_FAIL);
    }
    checker.setOptions(options);
    if (ocspResponder != null) {
      checker.setOcspResponder(ocspResponder);
    }
    return checker;
  }
}
