package dev.stratum.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.ReviewItem;
import dev.stratum.api.StratumService;
import dev.stratum.api.store.ApiKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The human review queue: list a task's items (in the order its active-learning strategy ranked them, each with its
 * ranking), see or ask for the ranking, claim an item, resolve it with a label or as out of scope. The reviewer is the
 * API key that makes the call, so the queue records who decided what.
 */
final class ReviewRoutes {
    private static final int DEFAULT_PAGE_SIZE = 50;
    private final StratumService service;
    private final JsonBodies bodies;

    ReviewRoutes(StratumService service, JsonBodies bodies) {
        this.service = service;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/tasks/{task}/review", this::list);
        routes.get("/v1/tasks/{task}/review/ranking", ctx -> ctx.json(service.reviewRanking(ctx.pathParam("task"))));
        routes.post("/v1/tasks/{task}/review/rank",
                ctx -> ctx.status(202).json(service.rankReviewQueue(ctx.pathParam("task"))));
        routes.get("/v1/review/{id}", ctx -> ctx.json(service.reviewItem(ctx.pathParam("id"))));
        routes.post("/v1/review/{id}/claim", ctx -> ctx.json(service.claimReview(ctx.pathParam("id"), reviewer(ctx))));
        routes.post("/v1/review/{id}/resolve", this::resolve);
    }

    private void list(Context ctx) {
        int offset = QueryParams.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = QueryParams.integer(ctx, "limit", DEFAULT_PAGE_SIZE, 1, 1000);
        ReviewItem.Status status = status(ctx.queryParam("status"));
        ctx.json(new ReviewPage(service.reviewQueue(ctx.pathParam("task"), status, offset, limit)));
    }

    private void resolve(Context ctx) {
        ResolveRequest request = bodies.read(ctx, ResolveRequest.class);
        ctx.json(service.resolveReview(ctx.pathParam("id"), request.labelOrOutput(),
                Boolean.TRUE.equals(request.outOfScope()), reviewer(ctx)));
    }

    /** "open" (the default), "claimed", "resolved" or "all". */
    private static ReviewItem.Status status(String value) {
        if (value == null || value.isBlank()) {
            return ReviewItem.Status.OPEN;
        }
        if (value.equalsIgnoreCase("all")) {
            return null;
        }
        for (ReviewItem.Status status : ReviewItem.Status.values()) {
            if (status.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return status;
            }
        }
        throw new InvalidRequestException("invalid_query", "status '" + JsonBodies.shorten(value)
                + "' is not known; use one of " + Arrays.stream(ReviewItem.Status.values())
                        .map(ReviewItem.Status::wireName).toList() + " or all");
    }

    private static String reviewer(Context ctx) {
        ApiKey key = ctx.attribute(Authenticator.API_KEY_ATTRIBUTE);
        return key == null ? "anonymous" : key.name();
    }

    /** The answer of {@code GET /v1/tasks/{task}/review}. */
    record ReviewPage(List<ReviewItem> items) {}

    /** How a reviewer resolves an item: a label (a generation task's output), or out_of_scope. */
    record ResolveRequest(String label, JsonNode output, Boolean outOfScope) {
        String labelOrOutput() {
            return output == null || output.isNull() ? label : JsonBodies.text(output);
        }
    }
}
