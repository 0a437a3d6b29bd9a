package dev.portcullis.bench.mpjwt;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The MP-JWT anchor application. Its settings ({@code mp.jwt.verify.publickey.location}, {@code
 * mp.jwt.verify.issuer}, {@code mp.jwt.verify.audiences}) come from system properties that
 * benchmarks/e2e.sh passes to Payara Micro, pointing at the sample's demo issuer.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("admin")
public class MpJwtApplication extends Application {}
