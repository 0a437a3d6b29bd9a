package dev.portcullis.sample;

import dev.portcullis.Identity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.Principal;

/**
 * The caller as the platform sees it, after {@link ContainerSecurity} handed it the filter's
 * identity: Jakarta Security's {@code SecurityContext}, the JAX-RS {@code SecurityContext}, an EJB
 * with {@code @RolesAllowed}, and {@code @RolesAllowed} on a resource method.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {
  @Inject private SecurityContext security;
  @Context private jakarta.ws.rs.core.SecurityContext rest;
  @EJB private Reports reports;

  /**
   * Who the container says the caller is.
   *
   * @return the Jakarta Security and JAX-RS views of the caller and the role {@code admin}; the
   *     caller principal is the filter's {@link Identity} itself
   */
  @GET
  @Path("caller")
  public JsonObject caller() {
    Principal caller = security.getCallerPrincipal();
    return Json.createObjectBuilder()
        .add("callerPrincipal", caller == null ? "" : caller.getName())
        .add("callerInRoleAdmin", security.isCallerInRole("admin"))
        .add("callerIsIdentity", caller instanceof Identity)
        .add("restPrincipal", rest.getUserPrincipal().getName())
        .add("restInRoleAdmin", rest.isUserInRole("admin"))
        .add("authenticationScheme", rest.getAuthenticationScheme())
        .build();
  }

  /**
   * The report of the {@code @RolesAllowed("admin")} EJB {@link Reports}.
   *
   * @return 200 with the report, or 403 when the container refuses the call
   */
  @GET
  @Path("reports")
  public Response report() {
    try {
      return Response.ok(reports.summary()).build();
    } catch (EJBAccessException e) {
      return Response.status(Response.Status.FORBIDDEN)
          .header("Cache-Control", "no-store")
          .entity(Json.createObjectBuilder().add("error", "forbidden").build())
          .build();
    }
  }

  /**
   * Answers only to callers in the role {@code admin}, as the JAX-RS implementation enforces it.
   *
   * @return the caller's name
   */
  @GET
  @Path("staff")
  @RolesAllowed("admin")
  public JsonObject staff() {
    return Json.createObjectBuilder().add("staff", rest.getUserPrincipal().getName()).build();
  }
}
