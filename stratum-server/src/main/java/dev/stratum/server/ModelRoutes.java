package dev.stratum.server;

import dev.stratum.api.ModelVersion;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.StratumService;
import dev.stratum.api.lifecycle.ExternalModel;
import dev.stratum.api.lifecycle.ModelState;
import dev.stratum.api.store.ApiKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * A task's trained model versions, with their provenance, metrics, state and history, and the moves a person makes:
 * register a model fine-tuned elsewhere as the next version, promote a candidate (to shadow, canary or production),
 * retire a version, roll back to an earlier production version. Each move takes effect from the next prediction on and is recorded with the caller's key name.
 */
final class ModelRoutes {
    private final StratumService service;
    private final JsonBodies bodies;

    ModelRoutes(StratumService service, JsonBodies bodies) {
        this.service = service;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/tasks/{task}/models", ctx -> ctx.json(new ModelList(service.models(ctx.pathParam("task")))));
        routes.get("/v1/tasks/{task}/models/current", this::current);
        routes.post("/v1/tasks/{task}/models/external", ctx -> ctx.json(service.registerExternalModel(
                ctx.pathParam("task"), bodies.read(ctx, ExternalModel.class), actor(ctx))));
        routes.get("/v1/tasks/{task}/models/{version}",
                ctx -> ctx.json(service.model(ctx.pathParam("task"), ctx.pathParam("version"))));
        routes.post("/v1/tasks/{task}/models/{version}/promote", this::promote);
        routes.post("/v1/tasks/{task}/models/{version}/retire", ctx -> move(ctx, ModelState.RETIRED));
        routes.post("/v1/tasks/{task}/models/{version}/rollback", this::rollback);
    }

    private void current(Context ctx) {
        String taskId = ctx.pathParam("task");
        ctx.json(service.currentModel(taskId).orElseThrow(() -> new NotFoundException("no_current_model",
                "task '" + taskId + "' has no trained model yet; train one with POST /v1/tasks/" + taskId + "/train")));
    }

    private void promote(Context ctx) {
        StateRequest request = bodies.readOptional(ctx, StateRequest.class).orElse(StateRequest.EMPTY);
        ModelState to = request.to() == null ? ModelState.PRODUCTION : request.to();
        ctx.json(service.changeModelState(ctx.pathParam("task"), ctx.pathParam("version"), to, actor(ctx),
                request.reason()));
    }

    private void move(Context ctx, ModelState to) {
        StateRequest request = bodies.readOptional(ctx, StateRequest.class).orElse(StateRequest.EMPTY);
        ctx.json(service.changeModelState(ctx.pathParam("task"), ctx.pathParam("version"), to, actor(ctx),
                request.reason()));
    }

    private void rollback(Context ctx) {
        StateRequest request = bodies.readOptional(ctx, StateRequest.class).orElse(StateRequest.EMPTY);
        ctx.json(service.rollback(ctx.pathParam("task"), ctx.pathParam("version"), actor(ctx), request.reason()));
    }

    static String actor(Context ctx) {
        ApiKey key = ctx.attribute(Authenticator.API_KEY_ATTRIBUTE);
        return key == null ? "anonymous" : "key: " + key.name();
    }

    /**
     * The body of a move: where to (promote only; production when left out) and why.
     *
     * @param to shadow, canary or production
     */
    record StateRequest(ModelState to, String reason) {
        static final StateRequest EMPTY = new StateRequest(null, null);
    }

    /** The answer of {@code GET /v1/tasks/{task}/models}, newest first. */
    record ModelList(List<ModelVersion> models) {}
}
