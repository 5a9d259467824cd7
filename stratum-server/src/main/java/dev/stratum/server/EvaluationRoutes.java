package dev.stratum.server;

import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.StratumService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Evaluation of a task's cascade: on an uploaded labelled file, or on a held-out share of its own examples. */
final class EvaluationRoutes {
    static final double DEFAULT_SHARE = 0.2;
    static final long DEFAULT_SEED = 1;
    private final StratumService service;
    private final JsonBodies bodies;
    private final LabelledFiles files;

    EvaluationRoutes(StratumService service, JsonBodies bodies, LabelledFiles files) {
        this.service = service;
        this.bodies = bodies;
        this.files = files;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/tasks/{task}/eval", this::evaluateFile);
        routes.post("/v1/tasks/{task}/eval/holdout", this::evaluateHoldout);
    }

    private void evaluateFile(Context ctx) {
        String taskId = ctx.pathParam("task");
        ctx.json(files.stream(ctx, (data, options) -> service.evaluate(taskId, data, options)));
    }

    private void evaluateHoldout(Context ctx) {
        HoldoutRequest request = bodies.readOptional(ctx, HoldoutRequest.class).orElse(new HoldoutRequest(null, null));
        ctx.json(service.evaluateHoldout(ctx.pathParam("task"), request.shareOrDefault(), request.seedOrDefault()));
    }

    /** The optional body of {@code POST /v1/tasks/{task}/eval/holdout}. */
    record HoldoutRequest(Double share, Long seed) {
        HoldoutRequest {
            if (share != null && !(share > 0 && share < 1)) {
                throw new InvalidRequestException("invalid_field", "field 'share' is " + share
                        + "; use a fraction strictly between 0 and 1, for example 0.2 to hold out a fifth");
            }
        }

        double shareOrDefault() {
            return share == null ? DEFAULT_SHARE : share;
        }

        long seedOrDefault() {
            return seed == null ? DEFAULT_SEED : seed;
        }
    }
}
