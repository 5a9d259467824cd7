package dev.stratum.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.api.models.HeadTrainer;
import dev.stratum.api.models.TrainedHead;
import dev.stratum.learning.training.HyperlocalTraining.OddArtifacts;
import dev.stratum.odd.OddJson;
import dev.stratum.odd.uncertainty.HeadEnsemble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The stored form of a version's {@link OddArtifacts}: {@code {"calibration": {...}, "ensemble": ["<head>", ...]}},
 * each ensemble head in its own byte form, Base64-encoded.
 */
final class OddArtifactsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OddArtifactsJson() {}

    static String write(OddArtifacts artifacts) {
        ObjectNode root = JSON.createObjectNode();
        try {
            root.set("calibration", JSON.readTree(OddJson.write(artifacts.calibration())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArrayNode heads = root.putArray("ensemble");
        for (TrainedHead head : artifacts.ensemble().members()) {
            heads.add(Base64.getEncoder().encodeToString(head.toBytes()));
        }
        return root.toString();
    }

    static OddArtifacts read(String json, HeadTrainer trainer) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("a stored ODD calibration is not JSON: " + e.getMessage(), e);
        }
        List<TrainedHead> heads = new ArrayList<>();
        root.path("ensemble").forEach(h -> heads.add(trainer.load(Base64.getDecoder().decode(h.asText()))));
        return new OddArtifacts(OddJson.calibration(root.path("calibration").toString()),
                heads.isEmpty() ? null : HeadEnsemble.of(heads));
    }
}
