package dev.portcullis.sample;

import dev.portcullis.security.PortcullisAuthenticationMechanism;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Opts the sample in to container security: the caller the Portcullis filters authenticate becomes
 * the caller Payara sees, for Jakarta Security's {@code SecurityContext} and EJB
 * {@code @RolesAllowed} ({@link CallerResource}, {@link Reports}).
 */
@ApplicationScoped
public class ContainerSecurity extends PortcullisAuthenticationMechanism {}
