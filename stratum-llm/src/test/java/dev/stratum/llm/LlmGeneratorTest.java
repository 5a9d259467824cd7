package dev.stratum.llm;

import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.content;
import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.serverError;
import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.slow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.llm.testing.ScriptedOpenAiServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmGeneratorTest {
    private static final String SCHEMA = """
            {"type": "object", "properties": {"city": {"type": "string"}, "country": {"type": "string"}},
             "required": ["city", "country"]}""";
    private static final OutputSpec CITY = new OutputSpec(SCHEMA, java.util.Map.of("country", List.of("FR", "DE")),
            java.util.Map.of("city", "[A-Z][a-z]+"));

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    private final OpenAiChatClient chat = OpenAiChatClient.create(
            LlmConfig.of(server.baseUrl(), "test-model", "sk-test").withRetries(0, Duration.ofMillis(1)));
    private final LlmGenerator generator = new LlmGenerator(chat);

    @AfterEach
    void stop() {
        chat.close();
        server.close();
    }

    private static GenerationRequest request() {
        return GenerationRequest.of("Where is the Louvre?", "Name the city and country of the landmark.", CITY);
    }

    @Test
    void should_return_a_valid_answer_with_its_attempt() {
        server.enqueue(content("{\"city\": \"Paris\", \"country\": \"FR\"}"));

        Generation generation = generator.generate(request());

        assertThat(generation).isInstanceOfSatisfying(Generation.Generated.class, g -> {
            assertThat(g.best().get("city").asText()).isEqualTo("Paris");
            assertThat(g.attempts()).singleElement().satisfies(a -> {
                assertThat(a.valid()).isTrue();
                assertThat(a.answer()).contains("Paris");
                assertThat(a.latency()).isPositive();
            });
        });
        assertThat(generation.promptId()).isEqualTo("generate/v1");
    }

    @Test
    void should_put_instructions_output_format_and_examples_in_the_prompt() {
        server.enqueue(content("{\"city\": \"Paris\", \"country\": \"FR\"}"));

        generator.generate(request().withExamples(List.of(
                new FewShot("Where is the Brandenburg Gate?", "{\"city\": \"Berlin\", \"country\": \"DE\"}"))));

        ScriptedOpenAiServer.Received sent = server.requests().get(0);
        assertThat(sent.messages()).extracting(m -> m.path("role").asText())
                .containsExactly("system", "user", "assistant", "user");
        assertThat(sent.message(0)).startsWith("Name the city and country of the landmark.")
                .contains("\"required\": [\"city\", \"country\"]")
                .contains("The field /country must be one of: ")
                .contains("The field /city must match the regular expression [A-Z][a-z]+.");
        assertThat(sent.message(1)).isEqualTo("Where is the Brandenburg Gate?");
        assertThat(sent.message(2)).contains("Berlin");
        assertThat(sent.message(3)).isEqualTo("Where is the Louvre?");
    }

    @Test
    void should_ask_again_with_the_error_after_malformed_json() {
        server.enqueue(content("{\"city\": \"Paris\", \"country\": "), content("{\"city\": \"Paris\", \"country\": \"FR\"}"));

        Generation generation = generator.generate(request());

        assertThat(generation).isInstanceOf(Generation.Generated.class);
        assertThat(generation.attempts()).extracting(Attempt::valid).containsExactly(false, true);
        assertThat(generation.attempts().get(0).error()).startsWith("the answer is not valid JSON");
        ScriptedOpenAiServer.Received reask = server.requests().get(1);
        assertThat(reask.message(-2)).isEqualTo("{\"city\": \"Paris\", \"country\": ");
        assertThat(reask.message(-1)).startsWith("Your answer cannot be used: the answer is not valid JSON");
    }

    @Test
    void should_report_invalid_with_every_attempt_when_the_re_asks_run_out() {
        server.otherwise(content("{\"city\": \"Paris\", \"country\": \"France\"}"));

        Generation generation = generator.generate(request().withMaxReasks(2));

        assertThat(generation).isInstanceOfSatisfying(Generation.Invalid.class,
                i -> assertThat(i.reason()).contains("at /country: 'France' is not allowed; allowed values: "));
        assertThat(generation.attempts()).hasSize(3).allSatisfy(a -> assertThat(a.valid()).isFalse());
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void should_not_re_ask_when_re_asks_are_off() {
        server.otherwise(content("not json"));

        assertThat(generator.generate(request().withMaxReasks(0))).isInstanceOf(Generation.Invalid.class);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void should_return_k_distinct_candidates_rejecting_a_repeat() {
        server.enqueue(
                content("{\"city\": \"Paris\", \"country\": \"FR\"}"),
                content("```json\n{\"country\": \"FR\", \"city\": \"Paris\"}\n```"),
                content("{\"city\": \"Lyon\", \"country\": \"FR\"}"));

        Generation generation = generator.generate(request().withCandidates(2));

        assertThat(generation).isInstanceOfSatisfying(Generation.Generated.class, g -> {
            assertThat(g.candidates()).extracting(c -> c.get("city").asText()).containsExactly("Paris", "Lyon");
            assertThat(g.requested()).isEqualTo(2);
        });
        assertThat(generation.attempts()).extracting(Attempt::candidate).containsExactly(1, 2, 2);
        assertThat(generation.attempts().get(1).error()).isEqualTo("it repeats candidate 1; give a different valid answer");
        assertThat(server.requests().get(1).message(-1)).startsWith("Give another answer to the same input");
    }

    @Test
    void should_return_fewer_candidates_when_the_model_runs_out_of_distinct_ones() {
        server.otherwise(content("{\"city\": \"Paris\", \"country\": \"FR\"}"));

        Generation generation = generator.generate(request().withCandidates(3).withMaxReasks(1));

        assertThat(generation).isInstanceOfSatisfying(Generation.Generated.class,
                g -> assertThat(g.candidates()).hasSize(1));
        assertThat(generation.attempts()).hasSize(3);
    }

    @Test
    void should_report_unavailable_with_the_failed_attempt_when_the_provider_is_down() {
        server.otherwise(serverError());

        Generation generation = generator.generate(request());

        assertThat(generation).isInstanceOfSatisfying(Generation.Unavailable.class,
                u -> assertThat(u.error().code()).isEqualTo(ChatClient.UNAVAILABLE));
        assertThat(generation.attempts()).singleElement().satisfies(a -> {
            assertThat(a.answer()).isNull();
            assertThat(a.error()).contains("HTTP 500");
        });
    }

    @Test
    void should_keep_the_candidates_it_has_when_the_provider_fails_later() {
        server.enqueue(content("{\"city\": \"Paris\", \"country\": \"FR\"}"), serverError());

        Generation generation = generator.generate(request().withCandidates(2));

        assertThat(generation).isInstanceOfSatisfying(Generation.Generated.class,
                g -> assertThat(g.candidates()).hasSize(1));
        assertThat(generation.attempts()).extracting(Attempt::valid).containsExactly(true, false);
    }

    @Test
    void should_keep_the_whole_generation_within_its_budget() {
        server.enqueue(content("not json"), slow(Duration.ofSeconds(30), content("{}")));
        LlmGenerator hurried = new LlmGenerator(chat, Duration.ofSeconds(2));

        long start = System.nanoTime();
        Generation generation = hurried.generate(request());

        assertThat(generation).isInstanceOfSatisfying(Generation.Unavailable.class, u -> {
            assertThat(u.error().code()).isEqualTo(ChatClient.DEADLINE_EXCEEDED);
            assertThat(u.error()).hasMessageContaining("left for this request");
        });
        assertThat(generation.attempts()).allSatisfy(a -> assertThat(a.valid()).isFalse())
                .last().satisfies(a -> assertThat(a.answer()).isNull());
        // The provider's own deadline is 30 s; the budget cut the re-ask well before it.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
}
