package dev.portcullis.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.Identity;
import dev.portcullis.testing.FakeRequest;
import dev.portcullis.testing.FakeResponse;
import dev.portcullis.web.ContainerLogin;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the mechanism tells the container, before the filters run and when the filter asks. */
class PortcullisAuthenticationMechanismTest {
  private final List<Object> told = new ArrayList<>();
  private final HttpMessageContext context =
      (HttpMessageContext)
          Proxy.newProxyInstance(
              HttpMessageContext.class.getClassLoader(),
              new Class<?>[] {HttpMessageContext.class},
              (proxy, call, args) -> {
                switch (call.getName()) {
                  case "doNothing":
                    told.add("nothing");
                    return AuthenticationStatus.NOT_DONE;
                  case "notifyContainerAboutLogin":
                    if (args.length == 2 && args[1] instanceof Set<?> groups) {
                      told.add(args[0]);
                      told.add(groups);
                      return AuthenticationStatus.SUCCESS;
                    }
                    throw new UnsupportedOperationException(call.toString());
                  default:
                    throw new UnsupportedOperationException(call.getName());
                }
              });

  private static final class Mechanism extends PortcullisAuthenticationMechanism {}

  @Test
  void validateRequestWhenRequestStartsThenOffersAndDoesNothing() throws Exception {
    HttpServletRequest request = FakeRequest.get("/api/me").build();

    AuthenticationStatus status =
        new Mechanism().validateRequest(request, new FakeResponse().servlet(), context);

    assertThat(status).isEqualTo(AuthenticationStatus.NOT_DONE);
    assertThat(told).containsExactly("nothing");
    assertThat(request.getAttribute("dev.portcullis.containerLogin.available")).isEqualTo(true);
  }

  @Test
  void validateRequestWhenFilterLogsInThenIdentityAndRolesAsGroups() throws Exception {
    Identity alice =
        Identity.builder("alice", "jwt", "Bearer").roles(List.of("admin", "user")).build();
    HttpServletRequest request =
        FakeRequest.get("/api/me")
            .attribute("dev.portcullis.containerLogin.pending", alice)
            .build();

    AuthenticationStatus status =
        new Mechanism().validateRequest(request, new FakeResponse().servlet(), context);

    assertThat(status).isEqualTo(AuthenticationStatus.SUCCESS);
    assertThat(told).containsExactly(alice, Set.of("admin", "user"));
    assertThat(ContainerLogin.take(request)).isEmpty();
  }
}
