package dev.portcullis.sample;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** An EJB whose method only callers in the role {@code admin} may run. */
@Stateless
public class Reports {
  @Resource private SessionContext session;

  /**
   * A (fixed) sales summary.
   *
   * @return the summary and who asked for it
   */
  @RolesAllowed("admin")
  public JsonObject summary() {
    return Json.createObjectBuilder()
        .add("orders", 2)
        .add("preparedFor", session.getCallerPrincipal().getName())
        .build();
  }
}
