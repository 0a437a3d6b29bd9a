package dev.portcullis.jose;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The r and s range check of ECDSA signatures (CVE-2022-21449), on each curve's own bytes. */
class SignaturesRangeTest {
  private static ECPublicKey key(SigningAlgorithm algorithm) throws Exception {
    return key("secp" + algorithm.curve().substring(2) + "r1");
  }

  private static ECPublicKey key(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return (ECPublicKey) generator.generateKeyPair().getPublic();
  }

  /** r‖s, each as {@code half} unsigned big-endian bytes. */
  private static byte[] signature(BigInteger r, BigInteger s, int half) {
    byte[] out = new byte[2 * half];
    put(r, out, 0, half);
    put(s, out, half, half);
    return out;
  }

  private static void put(BigInteger value, byte[] out, int from, int half) {
    byte[] bytes = value.toByteArray();
    int n = Math.min(bytes.length, half);
    System.arraycopy(bytes, bytes.length - n, out, from + half - n, n);
  }

  @ParameterizedTest
  @EnumSource(
      value = SigningAlgorithm.class,
      names = {"ES256", "ES384", "ES512"})
  void ecdsaInRangeWhenROrSOutsideOneToOrderMinusOneThenFalse(SigningAlgorithm algorithm)
      throws Exception {
    ECPublicKey key = key(algorithm);
    BigInteger n = key.getParams().getOrder();
    int half = algorithm.size();
    BigInteger one = BigInteger.ONE;
    BigInteger[][] refused = {
      {BigInteger.ZERO, one},
      {one, BigInteger.ZERO},
      {n, one},
      {one, n},
      {n.add(one), one},
      {one, n.add(one)},
      {BigInteger.ZERO, BigInteger.ZERO},
      {n, n}
    };
    for (BigInteger[] rs : refused) {
      assertThat(Signatures.ecdsaInRange(signature(rs[0], rs[1], half), algorithm, key))
          .as("r=%s s=%s", rs[0], rs[1])
          .isFalse();
    }
    byte[] ones = new byte[2 * half];
    Arrays.fill(ones, (byte) 0xFF);
    assertThat(Signatures.ecdsaInRange(ones, algorithm, key)).isFalse();

    BigInteger highest = n.subtract(one);
    assertThat(Signatures.ecdsaInRange(signature(one, one, half), algorithm, key)).isTrue();
    assertThat(Signatures.ecdsaInRange(signature(highest, highest, half), algorithm, key)).isTrue();
    assertThat(Signatures.ecdsaInRange(signature(highest, one, half), algorithm, key)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(
      value = SigningAlgorithm.class,
      names = {"ES256", "ES384", "ES512"})
  void ecdsaInRangeWhenLengthOrKeyWrongThenFalse(SigningAlgorithm algorithm) throws Exception {
    ECPublicKey key = key(algorithm);
    int half = algorithm.size();
    byte[] good = signature(BigInteger.ONE, BigInteger.TWO, half);

    assertThat(Signatures.ecdsaInRange(good, algorithm, key)).isTrue();
    assertThat(Signatures.ecdsaInRange(Arrays.copyOf(good, 2 * half + 1), algorithm, key))
        .isFalse();
    assertThat(Signatures.ecdsaInRange(Arrays.copyOf(good, 2 * half - 1), algorithm, key))
        .isFalse();
    String otherCurve = algorithm == SigningAlgorithm.ES256 ? "secp384r1" : "secp256r1";
    assertThat(Signatures.ecdsaInRange(good, algorithm, key(otherCurve))).isFalse();
  }
}
