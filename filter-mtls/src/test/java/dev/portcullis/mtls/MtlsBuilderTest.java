package dev.portcullis.mtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.EveryKey;
import org.junit.jupiter.api.Test;

class MtlsBuilderTest {

  @Test
  void builderWhenEveryKeySetThenOnePrefixedParamEach() throws Exception {
    assertThat(EveryKey.set(new MtlsBuilder()))
        .containsEntry("mtls.trustAnchors", "v")
        .containsEntry("mtls.trustedProxies", "a,b")
        .containsEntry("mtls.requireClientAuthEku", "true")
        .containsEntry("mtls.negativeCacheTtl", "PT30S");
  }
}
