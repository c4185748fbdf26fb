package io.jieneng.analytics.security;

import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gives the {@code 403} of a role check ({@code @RolesAllowed}) the contract's error body. Without it Quarkus
 * answers those with an empty body, unlike the scope checks of {@link Access}, so a client could not tell the
 * two kinds of refusal apart from other errors by the same {@code "error": "forbidden"}.
 */
@Provider
public class ForbiddenMapper implements ExceptionMapper<ForbiddenException> {

    @Override
    public Response toResponse(ForbiddenException exception) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "forbidden");
        body.put("detail", "this operation is not allowed for the user's role (docs/SECURITY.md)");
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
