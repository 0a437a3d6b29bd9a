package dev.portcullis.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.EveryKey;
import org.junit.jupiter.api.Test;

class JwtBuilderTest {

  @Test
  void builderWhenEveryKeySetThenOnePrefixedParamEach() throws Exception {
    assertThat(EveryKey.set(new JwtBuilder()))
        .containsEntry("jwt.audience", "a,b")
        .containsEntry("jwt.jwksMaxKeys", "7")
        .containsEntry("jwt.allowMissingType", "true")
        .containsEntry("jwt.clockSkew", "PT30S");
  }
}
