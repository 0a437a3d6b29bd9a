package dev.portcullis.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyAddressesTest {
  private final ProxyAddresses proxies =
      ProxyAddresses.parse(List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/32", "::1/128"));

  @Test
  void containsWhenInsideIpv4BlockThenTrue() {
    assertThat(proxies.contains("10.255.0.1")).isTrue();
    assertThat(proxies.contains("192.168.1.7")).isTrue();
  }

  @Test
  void containsWhenOutsideBlocksThenFalse() {
    assertThat(proxies.contains("11.0.0.1")).isFalse();
    assertThat(proxies.contains("192.168.1.8")).isFalse();
    assertThat(proxies.contains("2001:db9::1")).isFalse();
  }

  @Test
  void containsWhenIpv6InsideBlockThenTrue() {
    assertThat(proxies.contains("2001:db8:0:0:0:0:0:5")).isTrue();
    assertThat(proxies.contains("[::1]")).isTrue();
  }

  @Test
  void containsWhenIpv4MappedIpv6ThenMatchesIpv4Block() {
    assertThat(proxies.contains("::ffff:10.1.1.1")).isTrue();
  }

  @Test
  void containsWhenHostNameOrGarbageThenFalseWithoutLookup() {
    assertThat(proxies.contains("localhost")).isFalse();
    assertThat(proxies.contains("10.0.0.1.evil.example")).isFalse();
    assertThat(proxies.contains("999.0.0.1")).isFalse();
    assertThat(proxies.contains("")).isFalse();
    assertThat(proxies.contains(null)).isFalse();
  }

  @Test
  void parseWhenBadBlockThenRefused() {
    for (String bad : List.of("10.0.0.0/33", "10.0.0.1/8", "proxy.example", "::1/129", "1.2.3/8")) {
      assertThatThrownBy(() -> ProxyAddresses.parse(List.of(bad)))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void parseWhenZeroPrefixThenMatchesEverythingOfThatFamily() {
    ProxyAddresses all = ProxyAddresses.parse(List.of("0.0.0.0/0"));

    assertThat(all.contains("203.0.113.1")).isTrue();
    assertThat(all.contains("2001:db8::1")).isFalse();
  }
}
