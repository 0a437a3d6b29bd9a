package dev.portcullis.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounds of key metadata, shared by the key file, the JDBC table and the key tool. */
class KeyMetadataTest {

  @Test
  void ofWhenEncodedEntriesThenSameEntriesInOrder() {
    KeyMetadata metadata =
        new KeyMetadata("CI deploys", "acme", "test", Map.of("team", "payments"));

    KeyMetadata read =
        KeyMetadata.of("CI deploys", "acme", "test", "team=payments;plan=pro=max;ticket.id=T-1");

    assertThat(metadata.encodedEntries()).isEqualTo("team=payments");
    assertThat(read.entries())
        .containsExactly(
            Map.entry("team", "payments"),
            Map.entry("plan", "pro=max"),
            Map.entry("ticket.id", "T-1"));
    assertThat(KeyMetadata.of("x", null, null, read.encodedEntries()))
        .isEqualTo(new KeyMetadata("x", null, null, read.entries()));
    assertThat(KeyMetadata.of(null, null, null, null)).isEqualTo(KeyMetadata.NONE);
    assertThat(KeyMetadata.NONE.isEmpty()).isTrue();
    assertThat(metadata.isEmpty()).isFalse();
  }

  @Test
  void newWhenSeventeenEntriesThenRefusedSixteenAccepted() {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < KeyMetadata.MAX_ENTRIES; i++) {
      entries.put("k" + i, "v");
    }
    assertThat(new KeyMetadata(null, null, null, entries).entries()).hasSize(16);

    entries.put("k16", "v");
    assertThatThrownBy(() -> new KeyMetadata(null, null, null, entries))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metadata has 17 entries, at most 16 allowed");
  }

  @Test
  void newWhenValueBreaksARuleThenMessageNamesFieldNotValue() {
    String secretish = "pc_0123456789abcdef";
    for (String bad :
        new String[] {
          "", "x".repeat(257), secretish + ";", secretish + "\\", secretish + "\n", " " + secretish
        }) {
      assertThatThrownBy(() -> new KeyMetadata(null, bad, null, Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("tenant must ")
          .message()
          .doesNotContain(secretish);
      assertThatThrownBy(() -> new KeyMetadata(null, null, null, Map.of("team", bad)))
          .hasMessageStartingWith("metadata entry [team] must ")
          .message()
          .doesNotContain(secretish);
    }
    assertThat(new KeyMetadata("x".repeat(256), null, "ünïcödé prod", Map.of()).name())
        .hasSize(256);
  }

  @Test
  void newWhenEntryNameMalformedThenRefusedNamingIt() {
    for (String name : new String[] {"", "1st", "a b", "a=b", "x".repeat(65)}) {
      assertThatThrownBy(() -> new KeyMetadata(null, null, null, Map.of(name, "v")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "metadata entry name ["
                  + name
                  + "] must be a letter then up to 63 letters, digits, _ . or -");
    }
    assertThat(new KeyMetadata(null, null, null, Map.of("a" + "b".repeat(63), "v")).entries())
        .hasSize(1);
  }

  @Test
  void ofWhenPairMalformedOrRepeatedThenRefused() {
    assertThatThrownBy(() -> KeyMetadata.of(null, null, null, "team"))
        .hasMessage("metadata entry [team] malformed or repeated");
    assertThatThrownBy(() -> KeyMetadata.of(null, null, null, "team=a;team=b"))
        .hasMessage("metadata entry [team] malformed or repeated");
  }
}
