package dev.stratum.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.Example;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A chat model as the general layer of a classification task. The taxonomy, names and descriptions, is in the
 * prompt; the answer must be {@code {"label": "<name>"}} with a name of the taxonomy. An answer outside it is sent
 * back with the list of labels, and when no answer fits within the re-asks allowed, the classifier abstains.
 */
public final class LlmClassifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"type": "object", "properties": {"label": {"type": "string"}}, "required": ["label"]}""";

    private final LlmGenerator generator;

    public LlmClassifier(ChatClient chat) {
        this.generator = new LlmGenerator(chat);
    }

    /** A classifier whose answers, re-asks included, take at most {@code budget}. */
    public LlmClassifier(ChatClient chat, Duration budget) {
        this.generator = new LlmGenerator(chat, budget);
    }

    /** Classifies with {@value GenerationRequest#DEFAULT_MAX_REASKS} re-asks. */
    public LlmClassification classify(String text, List<Label> taxonomy, List<Example> examples) {
        return classify(text, taxonomy, examples, GenerationRequest.DEFAULT_MAX_REASKS);
    }

    /**
     * Classifies {@code text} into one label of {@code taxonomy}.
     *
     * @param examples validated examples shown to the model first, most similar first; their labels must be in the
     *     taxonomy
     * @throws dev.stratum.api.InvalidRequestException with code {@link dev.stratum.llm.privacy.PiiRedactor#BLOCKED}
     *     when the chat client's privacy mode is block and the text, an example or the taxonomy holds an identifier
     */
    public LlmClassification classify(String text, List<Label> taxonomy, List<Example> examples, int maxReasks) {
        if (taxonomy.isEmpty()) {
            throw new InvalidRequestException("invalid_taxonomy", "the taxonomy is empty; a classifier needs labels");
        }
        List<String> names = taxonomy.stream().map(Label::name).toList();
        List<FewShot> shots = examples.stream().map(e -> {
            if (!names.contains(e.label())) {
                throw new InvalidRequestException("unknown_label", "example label '" + e.label()
                        + "' is not in the taxonomy; known labels: " + String.join(", ", names));
            }
            return new FewShot(e.text(), JSON.createObjectNode().put("label", e.label()).toString());
        }).toList();
        OutputSpec output = new OutputSpec(SCHEMA, Map.of("label", names), Map.of());
        GenerationRequest request = new GenerationRequest(text, instructions(taxonomy), output, shots, 1, maxReasks,
                PromptTemplate.CLASSIFY);
        return switch (generator.generate(request)) {
            case Generation.Generated g -> new LlmClassification.Labelled(
                    g.best().get("label").asText(), g.attempts(), g.promptId());
            case Generation.Invalid i -> new LlmClassification.Abstained(i.reason(), i.attempts(), i.promptId());
            case Generation.Unavailable u -> new LlmClassification.Unavailable(u.error(), u.attempts(), u.promptId());
        };
    }

    private static String instructions(List<Label> taxonomy) {
        StringBuilder text = new StringBuilder("Classify the text the user sends into exactly one label of this"
                + " taxonomy. Each line gives a label's name and, after a colon, what it covers:\n");
        for (Label label : taxonomy) {
            text.append("- ").append(label.name());
            if (label.description() != null) {
                text.append(": ").append(label.description());
            }
            text.append('\n');
        }
        return text.append("Choose the label that fits the text best, and write its name exactly as listed.")
                .toString();
    }
}
