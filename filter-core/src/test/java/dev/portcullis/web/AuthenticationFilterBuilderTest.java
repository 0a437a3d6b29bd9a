package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.config.ConfigurationException;
import dev.portcullis.config.Environment;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeTime;
import jakarta.servlet.ServletException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthenticationFilterBuilderTest {

  @Test
  void buildWhenEverySettingGivenThenFilterBehavesAsConfigured() throws ServletException {
    FakeTime time = new FakeTime();
    AuthenticationFilter filter =
        AuthenticationFilter.builder()
            .mechanisms("fakeBearer,fakeKey")
            .realm("shop")
            .required(true)
            .requiredScopes("orders:read", "orders:write")
            .requiredRoles("admin")
            .excludedPaths("/health", "/api/public/*")
            .methods("GET", "POST")
            .retryAfter(Duration.ofSeconds(30))
            .set("fakeKey.header", "X-Key")
            .time(time, time)
            .build();
    Exchange.start(filter);

    assertThat(Exchange.run(filter, FakeRequest.get("/api/me")).challenges())
        .containsExactly("Bearer realm=\"shop\"", "ApiKey realm=\"shop\"");
    assertThat(
            Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer good"))
                .challenges())
        .containsExactly(
            "Bearer realm=\"shop\", error=\"insufficient_scope\", scope=\"orders:read orders:write\"");
    assertThat(
            Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer writer"))
                .passed())
        .isTrue();
    assertThat(Exchange.run(filter, FakeRequest.get("/a").header("X-Key", "k1")).status())
        .isEqualTo(403);
    assertThat(Exchange.run(filter, FakeRequest.get("/api/public/ping")).passed()).isTrue();
    assertThat(Exchange.run(filter, FakeRequest.get("/a").method("PUT")).passed()).isTrue();
  }

  @Test
  void buildWhenRequiredFalseThenAnonymousPasses() throws ServletException {
    AuthenticationFilter filter =
        AuthenticationFilter.builder().mechanisms("fakeBearer").required(false).build();
    Exchange.start(filter);

    assertThat(Exchange.run(filter, FakeRequest.get("/a")).passed()).isTrue();
  }

  @Test
  void buildWhenRetryAfterGivenThenUnavailableCarriesIt() throws ServletException {
    AuthenticationFilter filter =
        AuthenticationFilter.builder().mechanisms("down").retryAfter(Duration.ofMinutes(1)).build();
    Exchange.start(filter);

    Exchange e = Exchange.run(filter, FakeRequest.get("/a").header("Authorization", "Bearer x"));

    assertThat(e.header("Retry-After")).isEqualTo("60");
  }

  @Test
  void buildWhenValueInvalidThenInitFailsAsForInitParams() {
    AuthenticationFilter filter =
        AuthenticationFilter.builder()
            .mechanisms("fakeBearer")
            .retryAfter(Duration.ofMillis(10))
            .build();

    assertThatThrownBy(() -> Exchange.start(filter))
        .isInstanceOf(ServletException.class)
        .hasMessage("Invalid value [PT0.01S] for setting retryAfter: must be at least 1s");
  }

  @Test
  void buildWhenUnknownKeySetThenInitFailsNamingIt() {
    AuthenticationFilter filter =
        AuthenticationFilter.builder().mechanisms("fakeBearer").set("fakeBearer.nope", "1").build();

    assertThatThrownBy(() -> Exchange.start(filter))
        .isInstanceOf(ServletException.class)
        .hasMessageContaining("[fakeBearer.nope]");
  }

  @Test
  void setWhenKeyAlreadySetThenRefused() {
    AuthenticationFilterBuilder builder = AuthenticationFilter.builder().mechanisms("fakeBearer");

    assertThatThrownBy(() -> builder.mechanisms("fakeKey"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Setting mechanisms was already set");
    assertThatThrownBy(() -> builder.set("mechanisms", "fakeKey"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void setWhenNullThenRefused() {
    AuthenticationFilterBuilder builder = AuthenticationFilter.builder();

    assertThatThrownBy(() -> builder.set("realm", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.set(null, "x")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.time(null, new FakeTime()))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void initWhenBuilderAndInitParamsGiveDifferentKeysThenMerged() throws ServletException {
    AuthenticationFilter filter = AuthenticationFilter.builder().mechanisms("fakeBearer").build();
    Exchange.start(filter, "realm", "merged");

    assertThat(Exchange.run(filter, FakeRequest.get("/a")).challenges())
        .containsExactly("Bearer realm=\"merged\"");
  }

  @Test
  void initWhenBuilderAndInitParamDifferOnlyByWhitespaceThenFailsNamingTheKey() {
    AuthenticationFilter filter =
        AuthenticationFilter.builder().mechanisms("fakeBearer").realm("a").build();

    assertThatThrownBy(() -> Exchange.start(filter, " realm", "b"))
        .isInstanceOf(ServletException.class)
        .hasMessage("Setting realm is given twice");
  }

  @Test
  void buildWhenTimeGivenThenFactoriesGetItWithRealmAndContext() throws ServletException {
    FakeTime time = new FakeTime();
    AuthenticationFilter filter =
        AuthenticationFilter.builder().mechanisms("fakeKey").realm("shop").time(time, time).build();

    Exchange.start(filter);

    Environment environment = FakeKeyFactory.LAST_ENVIRONMENT.get();
    assertThat(environment.clock()).isSameAs(time);
    assertThat(environment.ticker()).isSameAs(time);
    assertThat(environment.realm()).isEqualTo("shop");
    assertThat(environment.servletContext()).isPresent();
  }

  @Test
  void initWhenBuilderAndInitParamsGiveSameKeyThenFailsNamingIt() {
    AuthenticationFilter filter = AuthenticationFilter.builder().mechanisms("fakeBearer").build();

    assertThatThrownBy(() -> Exchange.start(filter, "mechanisms", "fakeKey"))
        .isInstanceOf(ServletException.class)
        .hasCauseInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Setting mechanisms is given twice");
  }
}
