package dev.stratum.server;

import dev.stratum.api.Example;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.StratumService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Validated examples: add one, import a file of them (or of unlabelled texts for the review pool), page through them,
 * delete one.
 */
final class ExampleRoutes {
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;
    private final StratumService service;
    private final JsonBodies bodies;
    private final LabelledFiles files;

    ExampleRoutes(StratumService service, JsonBodies bodies, LabelledFiles files) {
        this.service = service;
        this.bodies = bodies;
        this.files = files;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/tasks/{task}/examples", this::add);
        routes.post("/v1/tasks/{task}/examples/import", this::importFile);
        routes.get("/v1/tasks/{task}/examples", this::page);
        routes.delete("/v1/tasks/{task}/examples/{id}", this::delete);
    }

    private void add(Context ctx) {
        ExampleRequest request = bodies.read(ctx, ExampleRequest.class);
        ctx.status(201).json(service.addExample(ctx.pathParam("task"), request.text(), request.label()));
    }

    /** Labelled examples, or with {@code ?unlabelled=true} texts for the review pool. */
    private void importFile(Context ctx) {
        String taskId = ctx.pathParam("task");
        boolean unlabelled = QueryParams.bool(ctx, "unlabelled", false);
        ctx.json(files.stream(ctx, (data, options) -> unlabelled
                ? service.importUnlabelled(taskId, data, options)
                : service.importExamples(taskId, data, options)));
    }

    private void page(Context ctx) {
        int offset = QueryParams.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = QueryParams.integer(ctx, "limit", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        ctx.json(service.examples(ctx.pathParam("task"), offset, limit));
    }

    private void delete(Context ctx) {
        service.deleteExample(ctx.pathParam("task"), exampleId(ctx));
        ctx.status(204);
    }

    /** The example id of the path's {@code {id}}. */
    static long exampleId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("invalid_example_id", "example id '" + JsonBodies.shorten(raw)
                    + "' is not a number; use the 'id' of an example from GET /v1/tasks/{task}/examples", e);
        }
    }

    /** The body of {@code POST /v1/tasks/{task}/examples}. */
    record ExampleRequest(String text, String label) {
        ExampleRequest {
            Example.requireText(text);
            if (label == null || label.isBlank()) {
                throw new InvalidRequestException("missing_field", "field 'label' is required: the right label of the text");
            }
        }
    }
}
