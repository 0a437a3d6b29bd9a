package dev.portcullis.jwt;

import static dev.portcullis.jwt.Fixture.b64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.jose.ParsedToken;
import dev.portcullis.jose.Signatures;
import dev.portcullis.jose.SigningAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JCA verification path, algorithm by algorithm. */
class SignaturesTest {
  private static final String PAYLOAD = "{\"iss\":\"https://issuer.example\",\"sub\":\"alice\"}";
  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();

  private static KeyPair pair(SigningAlgorithm alg) {
    return switch (alg.keyType()) {
      case "RSA" -> Fixture.rsa();
      case "EC" -> Fixture.ec();
      default -> Fixture.generate("Ed25519", 255);
    };
  }

  private static KeyPair otherPair(SigningAlgorithm alg) {
    return switch (alg.keyType()) {
      case "RSA" -> Fixture.generate("RSA", 2048);
      case "EC" -> Fixture.generateEc();
      default -> Fixture.generate("Ed25519", 255);
    };
  }

  private static ParsedToken token(SigningAlgorithm alg, Object signingKey) throws Exception {
    String header = "{\"alg\":\"" + alg.name() + "\"}";
    return ParsedToken.parse(Fixture.sign(header, PAYLOAD, alg.name(), signingKey));
  }

  private static ParsedToken withSignature(ParsedToken token, byte[] signature) throws Exception {
    String compact = token.compact();
    return ParsedToken.parse(compact.substring(0, compact.lastIndexOf('.') + 1) + b64(signature));
  }

  @ParameterizedTest
  @EnumSource(names = {"RS256", "PS256", "ES256", "EdDSA"})
  void verifyWhenSignedByTheKeyThenTrue(SigningAlgorithm alg) throws Exception {
    KeyPair keys = pair(alg);
    assertThat(Signatures.verify(token(alg, keys.getPrivate()), alg, keys.getPublic())).isTrue();
  }

  @ParameterizedTest
  @EnumSource(names = {"RS256", "PS256", "ES256", "EdDSA"})
  void verifyWhenSignedByAnotherKeyThenFalse(SigningAlgorithm alg) throws Exception {
    ParsedToken token = token(alg, otherPair(alg).getPrivate());
    assertThat(Signatures.verify(token, alg, pair(alg).getPublic())).isFalse();
  }

  @ParameterizedTest
  @EnumSource(names = {"RS256", "PS256", "ES256", "EdDSA"})
  void verifyWhenSignatureTamperedThenFalse(SigningAlgorithm alg) throws Exception {
    KeyPair keys = pair(alg);
    ParsedToken token = token(alg, keys.getPrivate());
    byte[] sig = token.signature().clone();
    sig[sig.length / 3] ^= 0x01;
    assertThat(Signatures.verify(withSignature(token, sig), alg, keys.getPublic())).isFalse();
  }

  @ParameterizedTest
  @EnumSource(names = {"RS256", "PS256", "ES256", "EdDSA"})
  void verifyWhenPayloadTamperedThenFalse(SigningAlgorithm alg) throws Exception {
    KeyPair keys = pair(alg);
    ParsedToken token = token(alg, keys.getPrivate());
    String header = token.compact().substring(0, token.compact().indexOf('.'));
    String other = header + "." + b64(PAYLOAD.replace("alice", "mallory"));
    ParsedToken forged = ParsedToken.parse(other + "." + b64(token.signature()));
    assertThat(Signatures.verify(forged, alg, keys.getPublic())).isFalse();
  }

  @Test
  void verifyWhenRs256TokenCheckedAsPs256ThenFalse() throws Exception {
    KeyPair keys = Fixture.rsa();
    ParsedToken token = token(SigningAlgorithm.RS256, keys.getPrivate());
    assertThat(Signatures.verify(token, SigningAlgorithm.PS256, keys.getPublic())).isFalse();
  }

  @Test
  void verifyWhenKeyOfAnotherTypeThenFalse() throws Exception {
    ParsedToken token = token(SigningAlgorithm.RS256, Fixture.rsa().getPrivate());
    assertThat(Signatures.verify(token, SigningAlgorithm.RS256, Fixture.ec().getPublic()))
        .isFalse();
    assertThat(Signatures.verify(token, SigningAlgorithm.RS256, new HmacKey(SECRET))).isFalse();
  }

  @Test
  void verifyWhenEcdsaRIsZeroOrSIsOrderThenFalse() throws Exception {
    KeyPair keys = Fixture.ec();
    ParsedToken token = token(SigningAlgorithm.ES256, keys.getPrivate());
    byte[] zeroR = token.signature().clone();
    Arrays.fill(zeroR, 0, 32, (byte) 0);
    BigInteger n = ((ECPublicKey) keys.getPublic()).getParams().getOrder();
    byte[] orderS = token.signature().clone();
    System.arraycopy(n.toByteArray(), 1, orderS, 32, 32);
    byte[] zeros = new byte[64];
    for (byte[] sig : new byte[][] {zeroR, orderS, zeros}) {
      assertThat(
              Signatures.verify(
                  withSignature(token, sig), SigningAlgorithm.ES256, keys.getPublic()))
          .isFalse();
    }
  }

  @Test
  void verifyWhenEcdsaSignatureIsDerOrShortThenFalse() throws Exception {
    KeyPair keys = Fixture.ec();
    ParsedToken token = token(SigningAlgorithm.ES256, keys.getPrivate());
    byte[] shorter = Arrays.copyOf(token.signature(), 63);
    assertThat(
            Signatures.verify(
                withSignature(token, shorter), SigningAlgorithm.ES256, keys.getPublic()))
        .isFalse();
  }

  @Test
  void verifyWhenHmacMatchesThenTrueElseFalse() throws Exception {
    ParsedToken token = token(SigningAlgorithm.HS256, SECRET);
    assertThat(Signatures.verify(token, SigningAlgorithm.HS256, new HmacKey(SECRET))).isTrue();
    byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    assertThat(Signatures.verify(token, SigningAlgorithm.HS256, new HmacKey(other))).isFalse();
    assertThat(Signatures.verify(token, SigningAlgorithm.HS256, Fixture.rsa().getPublic()))
        .isFalse();
    assertThat(
            Signatures.verify(
                token, SigningAlgorithm.HS256, new SecretKeySpec(SECRET, "HmacSHA256")))
        .isTrue();
  }

  @Test
  void verifierWhenSymmetricThenRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Signatures.verifier(SigningAlgorithm.HS256))
        .isInstanceOf(java.security.GeneralSecurityException.class);
  }
}
