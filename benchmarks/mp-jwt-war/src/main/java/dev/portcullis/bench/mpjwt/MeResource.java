package dev.portcullis.bench.mpjwt;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Answers the caller's name, like the sample's {@code /api/me}, to callers in role admin. */
@Path("/me")
@RequestScoped
public class MeResource {

  /**
   * The caller.
   *
   * @param security the request's security context
   * @return a small JSON object
   */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed("admin")
  public String me(@Context SecurityContext security) {
    return "{\"principal\":\""
        + security.getUserPrincipal().getName()
        + "\",\"mechanism\":\"MP-JWT\"}";
  }
}
