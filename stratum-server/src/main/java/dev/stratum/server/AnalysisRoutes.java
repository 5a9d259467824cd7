package dev.stratum.server;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.analysis.ErrorAnalysisService;
import dev.stratum.api.store.ApiKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Error analysis of a task: examples by out-of-fold loss with the actions to fix or confirm a label, the confusion
 * summary, conflicting near-duplicates, the most confident predictions explained, and candidate new labels. The lists
 * from the background analysis answer at once with its progress ({@code status: computing}, {@code done} of
 * {@code total}) until it is ready; the reviewer of an action is the API key that calls.
 */
final class AnalysisRoutes {
    private static final String BASE = "/v1/tasks/{task}/analysis";
    private final ErrorAnalysisService analysis;
    private final JsonBodies bodies;

    AnalysisRoutes(ErrorAnalysisService analysis, JsonBodies bodies) {
        this.analysis = analysis;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.get(BASE + "/losses", ctx -> ctx.json(analysis.losses(task(ctx),
                QueryParams.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                QueryParams.integer(ctx, "limit", 50, 1, 1000),
                QueryParams.bool(ctx, "include_confirmed", false))));
        routes.get(BASE + "/confusion", ctx -> ctx.json(analysis.confusion(task(ctx),
                QueryParams.integer(ctx, "pairs", 10, 1, 100))));
        routes.get(BASE + "/duplicates", ctx -> ctx.json(analysis.duplicates(task(ctx),
                QueryParams.integer(ctx, "limit", 50, 1, 1000))));
        routes.get(BASE + "/confident", ctx -> ctx.json(analysis.confidentPredictions(task(ctx),
                QueryParams.integer(ctx, "limit", 10, 1, 50))));
        routes.get(BASE + "/new-labels", ctx -> ctx.json(analysis.labelSuggestions(task(ctx),
                QueryParams.integer(ctx, "min_size", 3, 2, 100))));
        routes.post(BASE + "/examples/{id}/fix", this::fix);
        routes.post(BASE + "/examples/{id}/confirm", ctx -> ctx.json(analysis.confirm(task(ctx), exampleId(ctx),
                reviewer(ctx))));
    }

    private void fix(Context ctx) {
        FixRequest request = bodies.read(ctx, FixRequest.class);
        ctx.json(analysis.fixLabel(task(ctx), exampleId(ctx), request.label(), reviewer(ctx)));
    }

    private static String task(Context ctx) {
        return ctx.pathParam("task");
    }

    private static long exampleId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid_example_id", "example id '" + JsonBodies.shorten(raw)
                    + "' is not a number; use the 'example_id' of an item from GET " + BASE + "/losses", e);
        }
    }

    private static String reviewer(Context ctx) {
        ApiKey key = ctx.attribute(Authenticator.API_KEY_ATTRIBUTE);
        return key == null ? "anonymous" : key.name();
    }

    /** The body of {@code POST .../analysis/examples/{id}/fix}: the right label. */
    record FixRequest(String label) {
        FixRequest {
            if (label == null || label.isBlank()) {
                throw new InvalidRequestException("missing_field", "field 'label' is required: the right label of"
                        + " the example, usually the 'suggested_label' of the list");
            }
        }
    }
}
