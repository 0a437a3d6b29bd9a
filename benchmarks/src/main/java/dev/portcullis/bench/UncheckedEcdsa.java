package dev.portcullis.bench;

import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.SignatureException;
import java.security.SignatureSpi;

/**
 * A JCA provider whose {@code SHA256withECDSAinP1363Format} accepts every signature, so that a
 * benchmark can time all of a DPoP request except its one ES256 verification (which costs about 0.8
 * ms on JDK 17 and varies by tens of microseconds between runs). Installed first in the provider
 * list only in the forked JVM of {@link DpopWorkBenchmark}; never used elsewhere.
 */
final class UncheckedEcdsa extends Provider {
  private static final long serialVersionUID = 1L;
  private static final String NAME = "PortcullisBenchUncheckedEcdsa";

  private UncheckedEcdsa() {
    super(NAME, "1", "ES256 signatures taken unchecked, for benchmarks only");
    putService(
        new Service(
            this, "Signature", "SHA256withECDSAinP1363Format", Engine.class.getName(), null, null));
  }

  /**
   * Puts this provider just ahead of SunEC, so that every other algorithm (SHA-256 above all) is
   * found where it is found without it.
   */
  static void install() {
    Provider[] providers = Security.getProviders();
    int position = 1;
    while (position <= providers.length && !providers[position - 1].getName().equals("SunEC")) {
      position++;
    }
    Security.insertProviderAt(new UncheckedEcdsa(), position);
  }

  /** Takes this provider out again. */
  static void remove() {
    Security.removeProvider(NAME);
  }

  /** The engine: consumes the input, verifies nothing, signs nothing. */
  public static final class Engine extends SignatureSpi {
    /** Creates the engine (the JCA instantiates it by name). */
    public Engine() {
      // stateless
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) {
      // any key
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) {
      throw new UnsupportedOperationException("verification only");
    }

    @Override
    protected void engineUpdate(byte b) {
      // input not hashed: the hash is part of the verification this stands in for
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
      // as above
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
      throw new SignatureException("verification only");
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) {
      return true;
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
      throw new InvalidParameterException(param);
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
      throw new InvalidParameterException(param);
    }
  }
}
