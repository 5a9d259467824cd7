package dev.stratum.llm;

import dev.stratum.api.InvalidRequestException;
import java.util.List;
import java.util.Objects;

/**
 * One generative request.
 *
 * @param input the text to answer
 * @param instructions what the task asks of the model, in words
 * @param output what a valid answer is
 * @param examples few-shot examples, most useful first (the engine passes the most similar validated examples)
 * @param candidates how many distinct valid answers are wanted, 1 to {@value #MAX_CANDIDATES}
 * @param maxReasks how many times one candidate is asked again after an invalid answer, 0 to {@value #MAX_REASKS}
 * @param template the conversation shape
 */
public record GenerationRequest(
        String input,
        String instructions,
        OutputSpec output,
        List<FewShot> examples,
        int candidates,
        int maxReasks,
        PromptTemplate template) {
    public static final int MAX_CANDIDATES = 10;
    public static final int MAX_REASKS = 5;
    public static final int DEFAULT_MAX_REASKS = 2;

    public GenerationRequest {
        if (input == null || input.isBlank()) {
            throw new InvalidRequestException("empty_text", "the input is empty; send the text to answer");
        }
        Objects.requireNonNull(output, "output");
        examples = List.copyOf(examples == null ? List.of() : examples);
        if (candidates < 1 || candidates > MAX_CANDIDATES) {
            throw new InvalidRequestException("invalid_candidates", "candidates is " + candidates
                    + "; ask for 1 to " + MAX_CANDIDATES + " candidates");
        }
        if (maxReasks < 0 || maxReasks > MAX_REASKS) {
            throw new InvalidRequestException("invalid_max_reasks", "max re-asks is " + maxReasks + "; use 0 to "
                    + MAX_REASKS + " (default " + DEFAULT_MAX_REASKS + ")");
        }
        Objects.requireNonNull(template, "template");
    }

    /** One candidate, no examples, {@value #DEFAULT_MAX_REASKS} re-asks, the {@link PromptTemplate#GENERATE} template. */
    public static GenerationRequest of(String input, String instructions, OutputSpec output) {
        return new GenerationRequest(input, instructions, output, List.of(), 1, DEFAULT_MAX_REASKS,
                PromptTemplate.GENERATE);
    }

    public GenerationRequest withExamples(List<FewShot> value) {
        return new GenerationRequest(input, instructions, output, value, candidates, maxReasks, template);
    }

    public GenerationRequest withCandidates(int value) {
        return new GenerationRequest(input, instructions, output, examples, value, maxReasks, template);
    }

    public GenerationRequest withMaxReasks(int value) {
        return new GenerationRequest(input, instructions, output, examples, candidates, value, template);
    }

    public GenerationRequest withTemplate(PromptTemplate value) {
        return new GenerationRequest(input, instructions, output, examples, candidates, maxReasks, value);
    }
}
