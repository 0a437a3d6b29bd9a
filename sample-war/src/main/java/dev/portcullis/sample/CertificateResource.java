package dev.portcullis.sample;

import dev.portcullis.Identity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * The client-certificate endpoints: {@code /api/mtls/*} needs a client certificate, {@code
 * /api/bound/*} a client certificate and a bearer token bound to it (RFC 8705). The filters in
 * {@code web.xml} decide; the resource only describes the caller.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CertificateResource {
  @Context private HttpServletRequest request;

  /**
   * Describes a caller authenticated by its client certificate.
   *
   * @return principal, mechanism, auth type, subject, issuer and certificate thumbprint
   */
  @GET
  @Path("mtls/whoami")
  public JsonObject certificate() {
    return describe().build();
  }

  /**
   * Describes a caller that presented a client certificate and a token bound to it.
   *
   * @return as {@code /api/mtls/whoami}, plus the token's scopes
   */
  @GET
  @Path("bound/whoami")
  public JsonObject bound() {
    Identity identity = identity();
    return describe().add("scopes", Json.createArrayBuilder(identity.scopes())).build();
  }

  private JsonObjectBuilder describe() {
    Identity identity = identity();
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("principal", identity.getName())
            .add("mechanism", identity.mechanism())
            .add("authType", identity.authType());
    for (String name : new String[] {"subject", "issuer", Identity.CERTIFICATE_THUMBPRINT}) {
      if (identity.attributes().get(name) instanceof String value) {
        body.add(name, value);
      }
    }
    return body;
  }

  private Identity identity() {
    return (Identity) request.getAttribute(Identity.REQUEST_ATTRIBUTE);
  }
}
