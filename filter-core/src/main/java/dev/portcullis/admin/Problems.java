package dev.portcullis.admin;

import jakarta.json.Json;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}): {@code type} {@code
 * about:blank}, the status's {@code title}, the {@code status} and a {@code detail} that never
 * holds a key, a hash or a store's internal message.
 */
final class Problems {
  /** The media type of a problem. */
  static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  /** A problem response. */
  static Response response(Response.Status status, String detail) {
    String body =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", status.getReasonPhrase())
            .add("status", status.getStatusCode())
            .add("detail", detail)
            .build()
            .toString();
    return Response.status(status).type(MEDIA_TYPE).entity(body).build();
  }

  /** An exception JAX-RS answers with the problem. */
  static WebApplicationException of(Response.Status status, String detail) {
    return new WebApplicationException(response(status, detail));
  }
}
