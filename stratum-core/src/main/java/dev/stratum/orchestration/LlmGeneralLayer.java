package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.GenerationAttempt;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.LabelScore;
import dev.stratum.api.Task;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.store.Neighbour;
import dev.stratum.api.store.Store;
import dev.stratum.llm.ChatClient;
import dev.stratum.llm.LlmClassification;
import dev.stratum.llm.LlmClassifier;
import dev.stratum.llm.privacy.PiiRedactor;
import java.util.List;

/**
 * A language model as the general layer of classification tasks whose settings ask for it: the taxonomy and the
 * most similar validated examples are in the prompt, and the answer must name a label of the taxonomy (asked again
 * otherwise). A chat model gives a label, not a probability, so its answer is reported with confidence 1 and its
 * attempts; when it abstains or cannot be reached, the local zero-shot layer answers and the attempts say why.
 */
final class LlmGeneralLayer {
    private final Store store;
    private final LlmClassifier classifier;
    private final String modelName;

    LlmGeneralLayer(Store store, ChatClient chat, String modelName) {
        this.store = store;
        this.classifier = new LlmClassifier(chat);
        this.modelName = modelName;
    }

    /** The model's answer, or an answer without a distribution when the local layer must answer instead. */
    record Answer(Distribution distribution, String modelVersion, List<GenerationAttempt> attempts) {}

    Answer classify(Task task, String text, List<Neighbour> near) {
        // An example whose label left the taxonomy would be refused by the classifier: leave it out.
        List<Example> examples = Generations.nearestExamples(store, task, near).stream()
                .filter(e -> task.hasLabel(e.label())).toList();
        LlmClassification result;
        try {
            result = classifier.classify(text, task.labels(), examples);
        } catch (InvalidRequestException e) {
            if (!PiiRedactor.BLOCKED.equals(e.code())) {
                throw e;
            }
            // The privacy mode keeps this text from the provider; the local layer answers, and the attempt says why.
            return new Answer(null, modelName, List.of(new GenerationAttempt(1, 1, null, e.getMessage(), 0)));
        }
        List<GenerationAttempt> attempts = result.attempts().stream().map(Generations::attempt).toList();
        String version = modelName + "/" + result.promptId();
        if (result instanceof LlmClassification.Labelled labelled) {
            return new Answer(new Distribution(List.of(new LabelScore(labelled.label(), 1.0))), version, attempts);
        }
        return new Answer(null, version, attempts);
    }
}
