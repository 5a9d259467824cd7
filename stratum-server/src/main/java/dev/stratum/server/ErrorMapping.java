package dev.stratum.server;

import dev.stratum.api.ConflictException;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.StratumException;
import dev.stratum.api.UnauthorizedException;
import dev.stratum.api.UnavailableException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where errors become HTTP responses. Every error body is {@code {"error": {"code", "message"}}};
 * client errors say what was wrong and how to fix it, and anything unexpected becomes a 500 whose message echoes
 * nothing from the request, with a reference that is logged next to the stack trace.
 */
final class ErrorMapping {
    static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {}

    /** What one error becomes on the wire. */
    record ErrorBody(Detail error) {
        record Detail(String code, String message) {}
    }

    static void install(JavalinConfig config) {
        config.routes.exception(StratumException.class, (e, ctx) -> stratum(e, ctx));
        config.routes.exception(ApiProblem.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            respond(ctx, e.status(), e.code(), e.getMessage());
        });
        config.routes.exception(HttpResponseException.class, ErrorMapping::javalin);
        config.routes.exception(Exception.class, (e, ctx) -> unexpected(ctx, e));
        config.router.javaLangErrorHandler(ErrorMapping::fatal);
    }

    private static void stratum(StratumException e, Context ctx) {
        switch (e) {
            case InvalidRequestException invalid -> respond(ctx, 400, invalid.code(), invalid.getMessage());
            case NotFoundException notFound -> respond(ctx, 404, notFound.code(), notFound.getMessage());
            case ConflictException conflict -> respond(ctx, 409, conflict.code(), conflict.getMessage());
            case UnauthorizedException unauthorized -> {
                ctx.header("WWW-Authenticate", "Bearer");
                respond(ctx, 401, unauthorized.code(), unauthorized.getMessage());
            }
            case UnavailableException unavailable -> {
                LOG.warn("{} unavailable: {}", JsonBodies.route(ctx), unavailable.getMessage(), unavailable.getCause());
                ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                respond(ctx, 503, unavailable.code(), unavailable.getMessage());
            }
            default -> unexpected(ctx, e);
        }
    }

    private static void javalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        switch (status) {
            case 404 -> respond(ctx, 404, "route_not_found", "no route matches " + ctx.method().name() + " "
                    + JsonBodies.shorten(ctx.path()) + "; the routes of this API are listed at GET /openapi.json");
            case 405 -> {
                String allowed = String.join(", ", e.getDetails().values());
                if (!allowed.isBlank()) {
                    ctx.header("Allow", allowed);
                }
                respond(ctx, 405, "method_not_allowed", ctx.method().name() + " is not allowed on "
                        + JsonBodies.shorten(ctx.path()) + (allowed.isBlank() ? "" : "; allowed: " + allowed));
            }
            case 413 -> respond(ctx, 413, "body_too_large", "the request body is too large; send less per request");
            default -> {
                if (status >= 400 && status < 500) {
                    respond(ctx, status, "bad_request", JsonBodies.shorten(e.getMessage()));
                } else {
                    unexpected(ctx, e);
                }
            }
        }
    }

    private static void unexpected(Context ctx, Exception e) {
        String reference = UUID.randomUUID().toString();
        LOG.error("unexpected error on {} (reference {})", JsonBodies.route(ctx), reference, e);
        respond(ctx, 500, "internal_error", internalMessage(reference));
    }

    private static void fatal(HttpServletResponse res, Error error) {
        String reference = UUID.randomUUID().toString();
        LOG.error("fatal error while serving a request (reference {})", reference, error);
        if (res.isCommitted()) {
            return;
        }
        try {
            res.resetBuffer();
            res.setStatus(500);
            res.setContentType("application/json");
            String body = "{\"error\":{\"code\":\"internal_error\",\"message\":\"" + internalMessage(reference) + "\"}}";
            res.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            error.addSuppressed(e);
        }
    }

    private static String internalMessage(String reference) {
        return "the server failed to handle this request; it is logged with reference " + reference
                + ". Retry, and report the reference if it keeps happening";
    }

    static void respond(Context ctx, int status, String code, String message) {
        ctx.attribute(HttpTelemetry.ERROR_CODE, code);
        if (status >= 400 && status < 500) {
            LOG.debug("{} -> {} {}", JsonBodies.route(ctx), status, code);
        }
        ctx.status(status).json(new ErrorBody(new ErrorBody.Detail(code, message)));
    }
}
