package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.jose.Roca;
import dev.portcullis.jose.SigningAlgorithm;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 2: the detector is the published one, not a look-alike. Its 38 primes and, for
 * each, the residues that mark a modulus are compared one by one with the masks of the ROCA
 * authors' detector ({@code primes} and {@code prints} of {@code roca/detect.py},
 * github.com/crocs-muni/roca), and moduli of every common size built the way the broken Infineon
 * library built them are caught.
 */
class RocaFingerprintTest {
  private static final int[] PRIMES = {
    3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
    101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167
  };

  /** Bit r of entry i is set when a modulus may be r modulo PRIMES[i] (detect.py, "prints"). */
  private static final String[] PRINTS = {
    "6",
    "30",
    "126",
    "1026",
    "5658",
    "107286",
    "199410",
    "8388606",
    "536870910",
    "2147483646",
    "67109890",
    "2199023255550",
    "8796093022206",
    "140737488355326",
    "5310023542746834",
    "576460752303423486",
    "1455791217086302986",
    "147573952589676412926",
    "20052041432995567486",
    "6041388139249378920330",
    "207530445072488465666",
    "9671406556917033397649406",
    "618970019642690137449562110",
    "79228162521181866724264247298",
    "2535301200456458802993406410750",
    "1760368345969468176824550810518",
    "50079290986288516948354744811034",
    "473022961816146413042658758988474",
    "10384593717069655257060992658440190",
    "144390480366845522447407333004847678774",
    "2722258935367507707706996859454145691646",
    "174224571863520493293247799005065324265470",
    "696898287454081973172991196020261297061886",
    "713623846352979940529142984724747568191373310",
    "1800793591454480341970779146165214289059119882",
    "126304807362733370595828809000324029340048915994",
    "11692013098647223345629478661730264157247460343806",
    "187072209578355573530071658587684226515959365500926"
  };

  private static final BigInteger PRIMORIAL =
      java.util.Arrays.stream(PRIMES)
          .mapToObj(BigInteger::valueOf)
          .reduce(BigInteger.TWO, BigInteger::multiply);

  /** The number that is {@code residue} modulo {@code PRIMES[at]} and 1 modulo every other. */
  private static BigInteger onlyAt(int at, int residue) {
    BigInteger p = BigInteger.valueOf(PRIMES[at]);
    BigInteger rest = PRIMORIAL.divide(p);
    // x = 1 + rest * t with 1 + rest * t ≡ residue (mod p)
    BigInteger t = BigInteger.valueOf(residue - 1).mod(p).multiply(rest.modInverse(p)).mod(p);
    return BigInteger.ONE.add(rest.multiply(t));
  }

  @Test
  void fingerprintedWhenEachResidueOfEachPrimeThenExactlyThePublishedMarks() {
    for (int i = 0; i < PRIMES.length; i++) {
      BigInteger mask = new BigInteger(PRINTS[i]);
      for (int r = 0; r < PRIMES[i]; r++) {
        assertThat(Roca.fingerprinted(onlyAt(i, r)))
            .as("residue %d modulo %d", r, PRIMES[i])
            .isEqualTo(mask.testBit(r));
      }
    }
  }

  /**
   * A factor as the Infineon library made it (Nemec et al., §2.3): k·M + (65537^a mod M), M the
   * product of the small primes; only residues matter to the fingerprint.
   */
  private static BigInteger structuredFactor(int bits, Random random) {
    BigInteger g = BigInteger.valueOf(65537).modPow(new BigInteger(64, random), PRIMORIAL);
    int free = bits - PRIMORIAL.bitLength();
    BigInteger k = new BigInteger(free, random).setBit(free - 1);
    return k.multiply(PRIMORIAL).add(g);
  }

  @Test
  void fingerprintedWhenInfineonStructuredModulusOfAnySizeThenTrueAndRandomOneFalse() {
    Random random = new Random(15361);
    for (int bits : new int[] {512, 1024, 2048, 3072, 4096, 8192}) {
      BigInteger n =
          structuredFactor(bits / 2, random).multiply(structuredFactor(bits / 2, random));
      assertThat(n.bitLength()).isBetween(bits - 3, bits);
      assertThat(Roca.fingerprinted(n)).as("structured %d bits", bits).isTrue();
      BigInteger other = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
      assertThat(Roca.fingerprinted(other)).as("random %d bits", bits).isFalse();
    }
  }

  @Test
  void parseWhenStructured4096BitKeyUnderAnyRsaAlgorithmThenRefused() throws Exception {
    Random random = new Random(2017);
    BigInteger n = structuredFactor(2048, random).multiply(structuredFactor(2048, random));
    for (String alg : new String[] {"RS256", "RS512", "PS256", "PS384"}) {
      var jwk = RocaTest.jwk(n, "roca-" + alg);
      jwk.put("alg", alg);
      KeySet set =
          KeySet.parse(
              Fixture.jwks(jwk).getBytes(StandardCharsets.UTF_8),
              50,
              Set.of(SigningAlgorithm.valueOf(alg)));
      assertThat(set.keys()).as(alg).isEmpty();
      assertThat(set.vulnerable()).as(alg).containsExactly("roca-" + alg);
    }
  }
}
