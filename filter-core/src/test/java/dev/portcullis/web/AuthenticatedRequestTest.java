package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.Identity;
import dev.portcullis.testing.FakeRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticatedRequestTest {
  private final Identity identity =
      Identity.builder("bob", "fakeKey", "ApiKey").roles(List.of("admin", "user")).build();

  @Test
  void constructorWhenWrappingThenIdentityIsRequestAttribute() {
    HttpServletRequest servlet = FakeRequest.get("/a").build();

    AuthenticatedRequest request = new AuthenticatedRequest(servlet, identity);

    assertThat(servlet.getAttribute(Identity.REQUEST_ATTRIBUTE)).isSameAs(identity);
    assertThat(request.getAttribute(Identity.REQUEST_ATTRIBUTE)).isSameAs(identity);
    assertThat(request.identity()).isSameAs(identity);
  }

  @Test
  void securityMethodsWhenAskedThenAnswerFromIdentity() {
    AuthenticatedRequest request =
        new AuthenticatedRequest(FakeRequest.get("/a").build(), identity);

    assertThat(request.getUserPrincipal()).isSameAs(identity);
    assertThat(request.getRemoteUser()).isEqualTo("bob");
    assertThat(request.getAuthType()).isEqualTo("ApiKey");
    assertThat(request.isUserInRole("admin")).isTrue();
    assertThat(request.isUserInRole("user")).isTrue();
    assertThat(request.isUserInRole("ADMIN")).isFalse();
    assertThat(request.isUserInRole("root")).isFalse();
    assertThat(request.isUserInRole(null)).isFalse();
  }

  @Test
  void isUserInRoleWhenAnyAuthenticatedRoleThenTrue() {
    AuthenticatedRequest request =
        new AuthenticatedRequest(
            FakeRequest.get("/a").build(), Identity.builder("c", "m", "Bearer").build());

    assertThat(request.isUserInRole("**")).isTrue();
  }

  @Test
  void isUserInRoleWhenStarThenFalseEvenIfIdentityClaimsIt() {
    Identity star = Identity.builder("c", "m", "Bearer").roles(List.of("*")).build();

    assertThat(new AuthenticatedRequest(FakeRequest.get("/a").build(), star).isUserInRole("*"))
        .isFalse();
  }

  @Test
  void otherMethodsWhenAskedThenDelegated() {
    AuthenticatedRequest request =
        new AuthenticatedRequest(
            FakeRequest.get("/orders").method("POST").header("X-Trace", "1").build(), identity);

    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getServletPath()).isEqualTo("/orders");
    assertThat(request.getHeader("X-Trace")).isEqualTo("1");
  }

  @Test
  void constructorWhenNoIdentityThenRefused() {
    assertThatThrownBy(() -> new AuthenticatedRequest(FakeRequest.get("/a").build(), null))
        .isInstanceOf(NullPointerException.class);
  }
}
