package dev.portcullis.mtls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** Where the principal name of a client certificate comes from. */
enum PrincipalSource {
  /** The subject DN in RFC 2253 form, for example {@code CN=alice,O=Example}. */
  SUBJECT(-1),
  /** The most specific common name of the subject. */
  CN(-1),
  /** The first {@code rfc822Name} subject alternative name. */
  EMAIL(1),
  /** The first {@code dNSName} subject alternative name. */
  DNS(2),
  /** The first {@code uniformResourceIdentifier} subject alternative name (SPIFFE IDs). */
  URI(6),
  /** The first Microsoft user principal name ({@code otherName} 1.3.6.1.4.1.311.20.2.3). */
  UPN(0);

  private final int sanType;

  PrincipalSource(int sanType) {
    this.sanType = sanType;
  }

  /**
   * Parses a setting value.
   *
   * @param value {@code subject}, {@code cn}, {@code email}, {@code dns}, {@code uri} or {@code
   *     upn}
   * @return the source, empty when unknown
   */
  static Optional<PrincipalSource> parse(String value) {
    for (PrincipalSource s : values()) {
      if (s.name().toLowerCase(Locale.ROOT).equals(value)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * The principal name of a certificate.
   *
   * @param cert the validated leaf
   * @return the name, empty when the certificate lacks the configured field
   */
  Optional<String> name(X509Certificate cert) {
    String dn = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    if (this == SUBJECT) {
      return dn.isEmpty() ? Optional.empty() : Optional.of(dn);
    }
    if (this == CN) {
      return commonName(dn);
    }
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (!(name.get(0) instanceof Integer type) || type != sanType) {
            continue;
          }
          Optional<String> value =
              name.get(1) instanceof byte[] der
                  ? Upn.of(der)
                  : Optional.of(name.get(1))
                      .filter(String.class::isInstance)
                      .map(String.class::cast);
          if (value.isPresent() && !value.get().isEmpty()) {
            return value;
          }
        }
      }
    } catch (CertificateParsingException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<String> commonName(String dn) {
    try {
      List<Rdn> rdns = new LdapName(dn).getRdns();
      // LdapName lists RDNs from the least to the most specific: the last CN wins.
      String cn = null;
      for (Rdn rdn : rdns) {
        if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String v) {
          cn = v;
        }
      }
      return Optional.ofNullable(cn).filter(v -> !v.isEmpty());
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
  }
}
