package dev.portcullis.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Identity;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The filter logs its identity in to the container only when a container mechanism offered to at
 * the start of the request, and never passes a request on whose container login failed.
 */
class ContainerLoginTest {

  /** A container request whose {@code authenticate} asks a mechanism as the container would. */
  private static final class ContainerRequest extends HttpServletRequestWrapper {
    private final Answer answer;
    final List<Optional<Identity>> handedOver = new ArrayList<>();

    ContainerRequest(FakeRequest request, Answer answer) {
      super(request.build());
      this.answer = answer;
    }

    @Override
    public boolean authenticate(HttpServletResponse response) throws ServletException {
      handedOver.add(ContainerLogin.take(this));
      return answer.authenticate();
    }
  }

  @FunctionalInterface
  private interface Answer {
    boolean authenticate() throws ServletException;
  }

  private static ContainerRequest offered(Answer answer) {
    ContainerRequest request =
        new ContainerRequest(
            FakeRequest.get("/api/me").header("Authorization", "Bearer writer"), answer);
    ContainerLogin.offer(request);
    return request;
  }

  @Test
  void doFilterWhenMechanismOfferedThenIdentityHandedOverOnceAndRequestPasses() throws Exception {
    ContainerRequest request = offered(() -> true);

    Exchange exchange = Exchange.run(Exchange.start("mechanisms", "fakeBearer"), request);

    assertThat(exchange.passed()).isTrue();
    assertThat(request.handedOver).hasSize(1);
    Identity identity = request.handedOver.get(0).orElseThrow();
    assertThat(identity.getName()).isEqualTo("alice");
    assertThat(identity.roles()).containsExactly("admin");
    assertThat(ContainerLogin.take(request)).isEmpty();
  }

  @Test
  void doFilterWhenLaterFilterReusesIdentityThenNoSecondLogin() throws Exception {
    ContainerRequest request = offered(() -> true);
    Exchange first = Exchange.run(Exchange.start("mechanisms", "fakeBearer"), request);

    Exchange second =
        Exchange.run(Exchange.start("requiredScopes", "orders:write"), first.forwarded());

    assertThat(second.passed()).isTrue();
    assertThat(request.handedOver).hasSize(1);
  }

  @Test
  void doFilterWhenNoMechanismOfferedThenContainerNotAsked() throws Exception {
    ContainerRequest request =
        new ContainerRequest(
            FakeRequest.get("/api/me").header("Authorization", "Bearer good"), () -> true);

    Exchange exchange = Exchange.run(Exchange.start("mechanisms", "fakeBearer"), request);

    assertThat(exchange.passed()).isTrue();
    assertThat(request.handedOver).isEmpty();
  }

  @Test
  void doFilterWhenAnonymousThenContainerNotAsked() throws Exception {
    ContainerRequest request = new ContainerRequest(FakeRequest.get("/api/me"), () -> true);
    ContainerLogin.offer(request);

    Exchange exchange =
        Exchange.run(Exchange.start("mechanisms", "fakeBearer", "required", "false"), request);

    assertThat(exchange.passed()).isTrue();
    assertThat(request.handedOver).isEmpty();
  }

  @Test
  void doFilterWhenContainerLoginFailsThenServerErrorAndNotPassed() throws Exception {
    ContainerRequest request = offered(() -> false);

    Exchange exchange = Exchange.run(Exchange.start("mechanisms", "fakeBearer"), request);

    assertThat(exchange.passed()).isFalse();
    assertThat(exchange.status()).isEqualTo(500);
    assertThat(exchange.challenges()).isEmpty();
    assertThat(exchange.header("Cache-Control")).isEqualTo("no-store");
    assertThat(exchange.body()).isEqualTo("{\"error\":\"server_error\"}");
    assertThat(ContainerLogin.take(request)).isEmpty();
  }

  @Test
  void doFilterWhenContainerLoginThrowsThenServerErrorAndNotPassed() throws Exception {
    ContainerRequest request =
        offered(
            () -> {
              throw new ServletException("no mechanism answered");
            });

    Exchange exchange = Exchange.run(Exchange.start("mechanisms", "fakeBearer"), request);

    assertThat(exchange.passed()).isFalse();
    assertThat(exchange.status()).isEqualTo(500);
  }

  @Test
  void performWhenLoginFailsAfterResponseCommittedThenNothingWrittenAndRefused() throws Exception {
    ContainerRequest request = offered(() -> false);
    FakeResponse written = new FakeResponse();
    HttpServletResponse committed =
        new HttpServletResponseWrapper(written.servlet()) {
          @Override
          public boolean isCommitted() {
            return true;
          }
        };

    boolean proceed =
        ContainerLogin.perform(
            request, committed, Identity.builder("alice", "fakeBearer", "Bearer").build());

    assertThat(proceed).isFalse();
    assertThat(written.body()).isEmpty();
  }
}
