package dev.portcullis.jose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The strict base64url rules, checked directly so each refusal has the intended reason. */
class ParsedTokenTest {

  @Test
  void decodeWhenCanonicalThenBytes() throws Exception {
    assertThat(ParsedToken.decode("QQ")).containsExactly('A');
    assertThat(ParsedToken.decode("QUI")).containsExactly('A', 'B');
    assertThat(ParsedToken.decode("QUJD")).containsExactly('A', 'B', 'C');
    assertThat(ParsedToken.decode("-_8")).containsExactly(0xFB, 0xFF);
  }

  @Test
  void decodeWhenUnusedBitsSetThenRefused() {
    assertThatThrownBy(() -> ParsedToken.decode("QR")).hasMessage("non-canonical base64url");
    assertThatThrownBy(() -> ParsedToken.decode("QUJ")).hasMessage("non-canonical base64url");
  }

  @Test
  void decodeWhenLengthOneModFourThenRefused() {
    assertThatThrownBy(() -> ParsedToken.decode("QUJDR")).hasMessage("bad base64url length");
  }

  @Test
  void decodeWhenPaddingOrStandardAlphabetThenRefused() {
    // beyond U+00FF a character's low byte may be in the alphabet (U+0141 ends in 0x41, 'A')
    for (String s :
        new String[] {
          "QQ==", "Q=QQ", "QQ=Q", "QQQ=QQQQ", "=QQQ", "+/8", "QU I", "Q\u00e9", "Q\u0141QQ", "QQ\nQ"
        }) {
      assertThatThrownBy(() -> ParsedToken.decode(s)).hasMessage("bad base64url character");
    }
  }

  @Test
  void parseWhenFiveSegmentsThenRefusedAsJwe() {
    assertThatThrownBy(() -> ParsedToken.parse("a.b.c.d.e")).hasMessage("JWE refused");
  }

  @Test
  void parseWithKnownHeaderWhenPayloadAndSignatureGoodThenThatHeaderAndTheClaims()
      throws Exception {
    java.util.Map<String, Object> header = java.util.Map.of("alg", "ES256");
    String token = "eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln";
    ParsedToken parsed = ParsedToken.parse(token, ParsedToken.ascii(token), header);

    assertThat(parsed.header()).isSameAs(header);
    assertThat(parsed.ascii())
        .isEqualTo(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(parsed.claims()).containsOnlyKeys("a");
    assertThat(parsed.signature()).containsExactly('s', 'i', 'g');
  }

  @Test
  void parseWithKnownHeaderWhenPayloadOrSignatureOrShapeBadThenRefused() {
    java.util.Map<String, Object> header = java.util.Map.of("alg", "ES256");
    for (String bad :
        new String[] {
          "h.eyJhIjoxfQ",
          "h.eyJhIjoxfQ.c2ln.x.y",
          "h.eyJhIjox.c2ln",
          "h..c2ln",
          "h.eyJhIjoxfQ.",
          "h.eyJhIjoxfQ=.c2ln",
          "h.W10.c2ln",
          "h.eyJhIjoxfQ.c2l=",
          "h.eyJhIjoxfQ.c2=n",
          "h.eyJh=IjoxfQ.c2ln",
          "h.eyJhIjoxfQ.c2ln\u0141",
          "h.eyJhIjoxfQ.c\u00e92ln"
        }) {
      assertThatThrownBy(() -> ParsedToken.parse(bad, ParsedToken.ascii(bad), header))
          .as(bad)
          .isInstanceOf(ParsedToken.BadToken.class);
    }
  }
}
