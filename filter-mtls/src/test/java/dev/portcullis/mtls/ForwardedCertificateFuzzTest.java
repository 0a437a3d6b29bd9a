package dev.portcullis.mtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the forwarded-certificate parsers: RFC 9440 byte sequences, raw and
 * URL-encoded PEM, AWS ALB and Envoy XFCC. The first input byte picks the format and whether the
 * leaf or the chain header is parsed; the rest is the header value, read as ISO-8859-1 as a servlet
 * container hands it over. Every value yields certificates or a {@link
 * ForwardedCertificates.MalformedException}: never another exception.
 */
class ForwardedCertificateFuzzTest {
  private static final ForwardedFormat[] FORMATS = ForwardedFormat.values();

  @FuzzTest(maxDuration = "2m")
  void forwardedWhenHeaderIsArbitraryThenCertificatesOrMalformed(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int selector = input[0] & 0xff;
    ForwardedFormat format = FORMATS[selector % FORMATS.length];
    boolean chainHeader = (selector & 0x10) != 0 && format.allowsChainHeader();
    String value =
        new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.ISO_8859_1);
    try {
      List<X509Certificate> certificates =
          chainHeader
              ? ForwardedCertificates.chain(value, format)
              : ForwardedCertificates.forwarded(value, format);
      assertThat(certificates).isNotEmpty().doesNotContainNull();
      assertThat(certificates.size()).isLessThanOrEqualTo(ForwardedCertificates.MAX_CHAIN);
    } catch (ForwardedCertificates.MalformedException e) {
      assertThat(e).hasMessage("Malformed forwarded client certificate");
    }
    if (format == ForwardedFormat.XFCC) {
      try {
        List<Map<String, String>> elements = Xfcc.parse(value);
        assertThat(elements).doesNotContainNull();
      } catch (ForwardedCertificates.MalformedException e) {
        assertThat(e).hasMessage("Malformed forwarded client certificate");
      }
    }
  }
}
