package dev.stratum.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.api.Example;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Prediction;
import dev.stratum.api.StratumService;
import dev.stratum.api.store.ApiKey;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** Predictions: one text, a batch of texts, reading a stored prediction, and feedback on it. */
final class PredictionRoutes {
    static final int MAX_COMMENT_LENGTH = 2_000;
    private final StratumService service;
    private final JsonBodies bodies;
    private final int maxBatchTexts;

    PredictionRoutes(StratumService service, JsonBodies bodies, int maxBatchTexts) {
        this.service = service;
        this.bodies = bodies;
        this.maxBatchTexts = maxBatchTexts;
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/tasks/{task}/predict", this::predict);
        routes.post("/v1/tasks/{task}/predict/batch", this::predictBatch);
        routes.post("/v1/tasks/{task}/generate", this::generate);
        routes.get("/v1/predictions/{id}", ctx -> ctx.json(service.prediction(ctx.pathParam("id"))));
        routes.post("/v1/predictions/{id}/feedback", this::feedback);
    }

    private void predict(Context ctx) {
        PredictRequest request = bodies.read(ctx, PredictRequest.class);
        ctx.json(service.predict(ctx.pathParam("task"), request.text(), callerKeyId(ctx)));
    }

    private void predictBatch(Context ctx) {
        BatchRequest request = bodies.read(ctx, BatchRequest.class);
        if (request.texts().size() > maxBatchTexts) {
            throw new InvalidRequestException("batch_too_large", "field 'texts' holds " + request.texts().size()
                    + " texts; the limit per request is " + maxBatchTexts + ". Split them into several requests.");
        }
        ctx.json(new BatchResponse(service.predictBatch(ctx.pathParam("task"), request.texts(), callerKeyId(ctx))));
    }

    /** The id of the API key the request was authenticated with (null on a public route), for canary stickiness. */
    private static String callerKeyId(Context ctx) {
        ApiKey key = ctx.attribute(Authenticator.API_KEY_ATTRIBUTE);
        return key == null ? null : key.id();
    }

    private void generate(Context ctx) {
        GenerateRequest request = bodies.read(ctx, GenerateRequest.class);
        ctx.json(service.generate(ctx.pathParam("task"), request.input(),
                request.candidates() == null ? 1 : request.candidates()));
    }

    private void feedback(Context ctx) {
        FeedbackRequest request = bodies.read(ctx, FeedbackRequest.class);
        ctx.json(service.feedback(ctx.pathParam("id"), request.parsedAction(), request.labelOrOutput(),
                request.comment()));
    }

    /** The body of {@code POST /v1/tasks/{task}/generate}. */
    record GenerateRequest(String input, Integer candidates) {
        static final int MAX_CANDIDATES = 10;

        GenerateRequest {
            Example.requireText(input);
            if (candidates != null && (candidates < 1 || candidates > MAX_CANDIDATES)) {
                throw new InvalidRequestException("invalid_candidates", "field 'candidates' is " + candidates
                        + "; ask for 1 to " + MAX_CANDIDATES + " candidate outputs");
            }
        }
    }

    /** The body of {@code POST /v1/tasks/{task}/predict}. */
    record PredictRequest(String text) {
        PredictRequest {
            Example.requireText(text);
        }
    }

    /** The body of {@code POST /v1/tasks/{task}/predict/batch}. */
    record BatchRequest(List<String> texts) {
        BatchRequest {
            if (texts == null || texts.isEmpty()) {
                throw new InvalidRequestException("missing_field",
                        "field 'texts' needs at least one text, for example {\"texts\": [\"taxi to the airport\"]}");
            }
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                if (text == null || text.isBlank()) {
                    throw new InvalidRequestException("empty_text", "texts[" + i + "] is empty; every text needs content");
                }
                if (text.length() > Example.MAX_TEXT_LENGTH) {
                    throw new InvalidRequestException("text_too_long", "texts[" + i + "] is " + text.length()
                            + " characters long; the limit is " + Example.MAX_TEXT_LENGTH + ". Shorten or split it.");
                }
            }
        }
    }

    /** The answer of {@code POST /v1/tasks/{task}/predict/batch}, in the order of the texts. */
    record BatchResponse(List<Prediction> predictions) {}

    /** The body of {@code POST /v1/predictions/{id}/feedback}. */
    record FeedbackRequest(String action, String label, JsonNode output, String comment) {
        FeedbackRequest {
            if (action == null || action.isBlank()) {
                throw new InvalidRequestException("missing_field",
                        "field 'action' is required; use accept, correct (with 'label') or reject");
            }
            if (FeedbackAction.parse(action) == FeedbackAction.CORRECT && (label == null || label.isBlank())
                    && (output == null || output.isNull())) {
                throw new InvalidRequestException("missing_field", "action 'correct' needs field 'label': the right"
                        + " label for this text (or, for a generation task, field 'output': the right output)");
            }
            if (comment != null && comment.length() > MAX_COMMENT_LENGTH) {
                throw new InvalidRequestException("comment_too_long", "field 'comment' is " + comment.length()
                        + " characters long; the limit is " + MAX_COMMENT_LENGTH);
            }
        }

        FeedbackAction parsedAction() {
            return FeedbackAction.parse(action);
        }

        /** The label, or a generation task's output as JSON text. */
        String labelOrOutput() {
            return output == null || output.isNull() ? label : JsonBodies.text(output);
        }
    }
}
