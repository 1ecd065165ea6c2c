package io.evalstream.servicekit;

import io.evalstream.contracts.ApiError;
import io.evalstream.contracts.BearerAuth;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every REST endpoint of a service that has a REST API ({@code evalstream.auth.rest-api=true} in its
 * application.properties, a build-time switch: the model workers have none) needs a bearer token;
 * {@code /q/metrics} and {@code /q/health} are not REST resources and stay open. The check itself is
 * {@link BearerAuth}.
 */
@Singleton
@Startup
@IfBuildProperty(name = "evalstream.auth.rest-api", stringValue = "true")
public class BearerTokenFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class);

    private final BearerAuth auth;

    BearerTokenFilter(@ConfigProperty(name = "evalstream.auth.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "evalstream.auth.token") Optional<List<String>> tokens,
            @ConfigProperty(name = "evalstream.auth.token-file") Optional<Path> tokenFile) {
        this.auth = BearerAuth.configured(enabled, tokens.orElse(List.of()), tokenFile);
        LOG.info(auth.describe());
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        return auth.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .map(reason -> Response.status(Response.Status.UNAUTHORIZED).entity(new ApiError(reason))
                        .type(MediaType.APPLICATION_JSON).header(HttpHeaders.WWW_AUTHENTICATE, BearerAuth.CHALLENGE)
                        .build());
    }
}
