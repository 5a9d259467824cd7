package dev.stratum.server;

import dev.stratum.api.NotFoundException;
import dev.stratum.api.StratumService;
import dev.stratum.api.odd.OddPolicy;
import dev.stratum.api.store.ApiKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * Each task's operational design domain policy: read the one in force, put a new version in force, list the
 * versions. A task without a policy answers unchecked; once it has one, every prediction is checked against it.
 */
final class PolicyRoutes {
    private final StratumService service;
    private final JsonBodies bodies;

    PolicyRoutes(StratumService service, JsonBodies bodies) {
        this.service = service;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/tasks/{task}/policy", this::current);
        routes.put("/v1/tasks/{task}/policy", this::put);
        routes.get("/v1/tasks/{task}/policy/history",
                ctx -> ctx.json(new PolicyHistory(service.policyHistory(ctx.pathParam("task")))));
    }

    private void current(Context ctx) {
        String task = ctx.pathParam("task");
        ctx.json(service.policy(task).orElseThrow(() -> new NotFoundException("policy_not_found", "task '" + task
                + "' has no ODD policy, so its predictions are not checked; put one with PUT /v1/tasks/" + task
                + "/policy ({} puts every default in force)")));
    }

    private void put(Context ctx) {
        OddPolicy policy = bodies.read(ctx, OddPolicy.class);
        ApiKey key = ctx.attribute(Authenticator.API_KEY_ATTRIBUTE);
        ctx.json(service.setPolicy(ctx.pathParam("task"), policy, key == null ? "anonymous" : key.name()));
    }

    /** The answer of {@code GET /v1/tasks/{task}/policy/history}: newest first. */
    record PolicyHistory(List<OddPolicy> versions) {}
}
