package dev.portcullis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  @Test
  void ofWhenFipsVectorThenBase64UrlSha256WithoutPadding() {
    // FIPS 180-2 SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61
    // f20015ad
    assertThat(Fingerprint.of("abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    assertThat(Fingerprint.of("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Fingerprint.of("abc"));
  }

  @Test
  void ofWhenNonAsciiThenUtf8Bytes() {
    assertThat(Fingerprint.of("caf\u00e9"))
        .isEqualTo(Fingerprint.of("caf\u00e9".getBytes(StandardCharsets.UTF_8)))
        .hasSize(43)
        .matches("[A-Za-z0-9_-]{43}");
  }

  @Test
  void forLogWhenFingerprintThenFirstTwelveCharacters() {
    assertThat(Fingerprint.forLog(Fingerprint.of("abc"))).isEqualTo("ungWv48Bz-pB");
    assertThat(Fingerprint.forLog("short")).isEqualTo("short");
  }

  @Test
  void sha256WhenEmptyInputThenKnownDigestLength() {
    assertThat(Fingerprint.sha256(new byte[0])).hasSize(32);
    assertThat(Fingerprint.of(new byte[0]))
        .isEqualTo("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
  }
}
