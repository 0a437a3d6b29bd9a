package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.testing.RecordingChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A filter without mechanisms only authorizes what an earlier Portcullis filter authenticated. */
class AuthorizeOnlyFilterTest {

  private static FakeResponse chain(HttpServletRequest request, AuthenticationFilter... filters)
      throws IOException, ServletException {
    FakeResponse response = new FakeResponse();
    HttpServletRequest current = request;
    for (AuthenticationFilter filter : filters) {
      RecordingChain next = new RecordingChain();
      filter.doFilter(current, response.servlet(), next);
      if (!next.called()) {
        return response;
      }
      current = (HttpServletRequest) next.request();
    }
    return response;
  }

  @Test
  void doFilterWhenEarlierFilterAuthenticatedThenScopesChecked() throws Exception {
    AuthenticationFilter authenticate = Exchange.start("mechanisms", "fakeBearer");
    AuthenticationFilter writeScope = Exchange.start("requiredScopes", "orders:write");

    FakeResponse response =
        chain(
            FakeRequest.get("/api/orders").header("Authorization", "Bearer good").build(),
            authenticate,
            writeScope);

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly(
            "Bearer realm=\"api\", error=\"insufficient_scope\", scope=\"orders:write\"");
  }

  @Test
  void doFilterWhenEarlierOptionalFilterLetAnonymousThroughThenItsChallenges() throws Exception {
    AuthenticationFilter optional =
        Exchange.start("mechanisms", "fakeBearer,fakeKey", "required", "false");
    AuthenticationFilter readScope = Exchange.start("requiredScopes", "orders:read");

    FakeResponse response = chain(FakeRequest.get("/api/orders").build(), optional, readScope);

    assertThat(response.status()).isEqualTo(401);
    assertThat(response.headers("WWW-Authenticate"))
        .containsExactly("Bearer realm=\"api\"", "ApiKey realm=\"api\"");
  }

  @Test
  void doFilterWhenNoEarlierFilterThenForbiddenWithoutChallenge() throws Exception {
    AuthenticationFilter admin = Exchange.start("requiredRoles", "admin");

    FakeResponse response = chain(FakeRequest.get("/api/admin").build(), admin);

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.headers("WWW-Authenticate")).isEmpty();
  }
}
