package dev.portcullis.jaxrs;

import dev.portcullis.web.Refusal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One resource method's checks; the first refusal aborts the request. */
final class EndpointFilter implements ContainerRequestFilter {
  private final List<Check> checks;

  /** One check on the request's properties (its servlet attributes). */
  @FunctionalInterface
  interface Check {
    Optional<Refusal> check(Function<String, Object> properties);
  }

  EndpointFilter(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    for (Check check : checks) {
      Optional<Refusal> refusal = check.check(request::getProperty);
      if (refusal.isPresent()) {
        request.abortWith(response(refusal.get()));
        return;
      }
    }
  }

  static Response response(Refusal refusal) {
    Response.ResponseBuilder response = Response.status(refusal.status());
    refusal.headers().forEach((name, values) -> values.forEach(v -> response.header(name, v)));
    return response.entity(refusal.body()).build();
  }
}
