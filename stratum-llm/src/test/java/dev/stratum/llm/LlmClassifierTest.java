package dev.stratum.llm;

import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.content;
import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.llm.testing.ScriptedOpenAiServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmClassifierTest {
    private static final List<Label> TAXONOMY = List.of(
            new Label("travel", "flights, hotels, taxis and train tickets"),
            new Label("meals", "restaurants and food while working"),
            new Label("office", null));

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    private final OpenAiChatClient chat = OpenAiChatClient.create(
            LlmConfig.of(server.baseUrl(), "test-model", null).withRetries(0, Duration.ofMillis(1)));
    private final LlmClassifier classifier = new LlmClassifier(chat);

    @AfterEach
    void stop() {
        chat.close();
        server.close();
    }

    private static Example example(String text, String label) {
        return new Example(0, "expenses", text, label, ExampleSource.FEEDBACK, null, Instant.EPOCH);
    }

    @Test
    void should_answer_with_a_label_of_the_taxonomy() {
        server.enqueue(content("{\"label\": \"travel\"}"));

        LlmClassification answer = classifier.classify("Taxi to the airport, 32 EUR", TAXONOMY, List.of());

        assertThat(answer).isInstanceOfSatisfying(LlmClassification.Labelled.class,
                l -> assertThat(l.label()).isEqualTo("travel"));
        assertThat(answer.attempts()).hasSize(1);
        assertThat(answer.promptId()).isEqualTo("classify/v1");
    }

    @Test
    void should_put_the_taxonomy_and_the_examples_in_the_prompt() {
        server.enqueue(content("{\"label\": \"meals\"}"));

        classifier.classify("Lunch with a client", TAXONOMY, List.of(example("Printer paper", "office")));

        ScriptedOpenAiServer.Received sent = server.requests().get(0);
        assertThat(sent.message(0))
                .contains("- travel: flights, hotels, taxis and train tickets\n")
                .contains("- meals: restaurants and food while working\n")
                .contains("- office\n")
                .contains("The field /label must be one of: travel, meals, office.");
        assertThat(sent.message(1)).isEqualTo("Printer paper");
        assertThat(sent.message(2)).isEqualTo("{\"label\":\"office\"}");
        assertThat(sent.message(3)).isEqualTo("Lunch with a client");
    }

    @Test
    void should_ask_again_when_the_label_is_outside_the_taxonomy() {
        server.enqueue(content("{\"label\": \"transport\"}"), content("{\"label\": \"travel\"}"));

        LlmClassification answer = classifier.classify("Train to Lyon", TAXONOMY, List.of());

        assertThat(answer).isInstanceOfSatisfying(LlmClassification.Labelled.class,
                l -> assertThat(l.label()).isEqualTo("travel"));
        assertThat(answer.attempts().get(0).error())
                .contains("at /label: 'transport' is not allowed; allowed values: travel, meals, office");
        assertThat(server.requests().get(1).message(-1)).contains("'transport' is not allowed");
    }

    @Test
    void should_abstain_when_no_answer_names_a_label_of_the_taxonomy() {
        server.otherwise(content("travel"));

        LlmClassification answer = classifier.classify("Train to Lyon", TAXONOMY, List.of(), 1);

        assertThat(answer).isInstanceOfSatisfying(LlmClassification.Abstained.class,
                a -> assertThat(a.reason()).contains("not valid JSON"));
        assertThat(answer.attempts()).hasSize(2);
    }

    @Test
    void should_report_unavailable_when_the_provider_is_down() {
        server.otherwise(serverError());

        assertThat(classifier.classify("Train to Lyon", TAXONOMY, List.of()))
                .isInstanceOf(LlmClassification.Unavailable.class);
    }

    @Test
    void should_refuse_an_example_whose_label_is_not_in_the_taxonomy() {
        assertThatThrownBy(() -> classifier.classify("x", TAXONOMY, List.of(example("Coffee", "drinks"))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("example label 'drinks' is not in the taxonomy; known labels: travel, meals, office");
        assertThat(server.requestCount()).isZero();
    }
}
