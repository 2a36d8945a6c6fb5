package org.stoa.worlds.rest;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.Transactions;

/** An API refusal with the {@code {"detail": "..."}} body clients of venueless expect. */
final class ApiError extends WebApplicationException {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiError.class);

    private ApiError(Response.Status status, String detail) {
        super(detail, Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(detail)).build());
    }

    /** {@code {"detail": "..."}}. */
    static String body(String detail) {
        return ApiJson.MAPPER.createObjectNode().put("detail", detail).toString();
    }

    static ApiError forbidden(String detail) {
        return new ApiError(Response.Status.FORBIDDEN, detail);
    }

    static ApiError notFound() {
        return notFound("Not found.");
    }

    static ApiError notFound(String detail) {
        return new ApiError(Response.Status.NOT_FOUND, detail);
    }

    static ApiError badRequest(String detail) {
        return new ApiError(Response.Status.BAD_REQUEST, detail);
    }

    /**
     * A database failure: logged whole for the operator, answered generically (the text names
     * tables and hosts) — 503 while the database cannot be reached, so clients retry, else 500.
     */
    static ApiError serverTrouble(String message) {
        LOG.warn("API request failed: {}", message);
        return Transactions.isDatabaseUnavailable(message)
                ? new ApiError(Response.Status.SERVICE_UNAVAILABLE, "Service temporarily unavailable, try again later.")
                : new ApiError(Response.Status.INTERNAL_SERVER_ERROR, "A server error occurred.");
    }
}
