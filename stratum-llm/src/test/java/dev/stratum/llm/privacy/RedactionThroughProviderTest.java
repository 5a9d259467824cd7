package dev.stratum.llm.privacy;

import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.answering;
import static dev.stratum.llm.testing.ScriptedOpenAiServer.Reply.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.llm.ChatClient;
import dev.stratum.llm.FewShot;
import dev.stratum.llm.Generation;
import dev.stratum.llm.GenerationRequest;
import dev.stratum.llm.LlmClassification;
import dev.stratum.llm.LlmClassifier;
import dev.stratum.llm.LlmConfig;
import dev.stratum.llm.LlmGenerator;
import dev.stratum.llm.OpenAiChatClient;
import dev.stratum.llm.OutputSpec;
import dev.stratum.llm.testing.ScriptedOpenAiServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A corpus of texts with planted identifiers goes through the real client to the scripted OpenAI-compatible server:
 * no planted value may appear in any request the server received, and the caller must get them back.
 */
class RedactionThroughProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("Maria Oliveira", "Jan Kowalski", "Aiko Tanaka", "Oluwaseun Adeyemi");
    private static final OutputSpec ECHO = OutputSpec.schema("""
            {"type": "object", "properties": {"echo": {"type": "string"}, "first": {"type": "string"}},
             "required": ["echo", "first"]}""");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z]+_\\d+]");

    private final ScriptedOpenAiServer server = ScriptedOpenAiServer.start();
    private final OpenAiChatClient chat = OpenAiChatClient.create(
            LlmConfig.of(server.baseUrl(), "test-model", null)
                    .withRetries(0, Duration.ofMillis(1))
                    .withPrivacy(new PrivacySettings(PrivacyMode.REDACT, NAMES)));
    private final Planted planted = new Planted(2024);

    @AfterEach
    void stop() {
        chat.close();
        server.close();
    }

    private record Planting(String text, List<String> values) {}

    private Planting plant() {
        List<String> values = new ArrayList<>(List.of(planted.email(), planted.phone(), planted.card(),
                planted.iban(), planted.cpf(), planted.cnpj(), planted.ssn(), planted.ipv4(), planted.ipv6(),
                planted.pick(NAMES)));
        java.util.Collections.shuffle(values, new java.util.Random(planted.between(0, 1 << 20)));
        List<String> chosen = values.subList(0, planted.between(2, 5));
        String[] glue = {"; please check ", " and also ", "; see ", ", from ", " (ref. INV-2024-0042, 1,250.00 EUR) ",
            " on 2024-03-01 re: "};
        StringBuilder text = new StringBuilder("Expense claim: ");
        for (int i = 0; i < chosen.size(); i++) {
            text.append(glue[planted.between(0, glue.length - 1)]).append(chosen.get(i));
        }
        return new Planting(text.append(". Thanks!").toString(), List.copyOf(chosen));
    }

    /** The model echoes the input (placeholders and all) as JSON, after one answer that is not JSON. */
    private static ScriptedOpenAiServer.Reply echoAfterOneInvalidAnswer() {
        return answering(request -> {
            String input = request.message(-1);
            if (!input.startsWith("Your answer cannot be used")) {
                return "Sure! " + input;
            }
            String original = request.message(-3);
            Matcher m = PLACEHOLDER.matcher(original);
            return JSON.createObjectNode().put("echo", original).put("first", m.find() ? m.group() : "").toString();
        });
    }

    private void assertNoneReachedTheServer(List<String> values) {
        for (ScriptedOpenAiServer.Received request : server.requests()) {
            String body = request.body().toString();
            List<String> contents = request.messages().stream().map(m -> m.path("content").asText()).toList();
            for (String value : values) {
                // also without separators, unless that is too short to be told from the other numbers in the text
                String compact = value.replaceAll("[ ().\\-/:]", "");
                String alsoCompact = compact.length() >= 9 ? compact : value;
                assertThat(body).doesNotContain(value).doesNotContain(alsoCompact);
                assertThat(contents).noneMatch(c -> c.contains(value) || c.contains(alsoCompact));
            }
        }
    }

    @Test
    void should_send_no_planted_identifier_and_give_the_caller_the_answer_with_them_restored() {
        LlmGenerator generator = new LlmGenerator(chat);
        server.otherwise(echoAfterOneInvalidAnswer());
        List<String> everyValue = new ArrayList<>();
        int texts = 300;
        for (int i = 0; i < texts; i++) {
            Planting example = plant();
            Planting input = plant();
            everyValue.addAll(example.values());
            everyValue.addAll(input.values());
            GenerationRequest request = GenerationRequest.of(input.text(), "Echo the text.", ECHO).withExamples(
                    List.of(new FewShot(example.text(), JSON.createObjectNode().put("echo", example.text())
                            .put("first", example.values().get(0)).toString())));

            Generation generation = generator.generate(request);

            assertThat(generation).as(input.text()).isInstanceOfSatisfying(Generation.Generated.class, g -> {
                assertThat(g.best().get("echo").asText()).isEqualTo(input.text());
                assertThat(input.text()).contains(g.best().get("first").asText());
                assertThat(g.attempts()).hasSize(2);
            });
        }

        assertThat(server.requestCount()).isEqualTo(2 * texts);
        assertNoneReachedTheServer(everyValue);
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.body().toString()).containsPattern(PLACEHOLDER));
    }

    @Test
    void should_redact_the_texts_and_examples_of_a_classification() {
        List<Label> taxonomy = List.of(new Label("refund", "money back to a card or account"),
                new Label("contact", "change of e-mail or phone"));
        Planting input = plant();
        Planting example = plant();
        server.enqueue(content("{\"label\": \"refund\"}"));

        LlmClassification answer = new LlmClassifier(chat).classify(input.text(), taxonomy, List.of(
                new Example(0, "claims", example.text(), "contact", ExampleSource.FEEDBACK, null, Instant.EPOCH)));

        assertThat(answer).isInstanceOf(LlmClassification.Labelled.class);
        assertNoneReachedTheServer(concat(input.values(), example.values()));
        assertThat(server.requests().get(0).message(1)).containsPattern(PLACEHOLDER);
    }

    @Test
    void should_send_lookalikes_that_fail_their_checks_as_they_are() {
        List<String> lookalikes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String cpf = Planted.breakLastDigit(planted.cpfDigits());
            String cnpj = Planted.breakLastDigit(planted.cnpjDigits());
            // 16 digits at most: in a longer number with a broken check digit, the first 16 may pass Luhn, and
            // such a number is redacted on purpose (a card followed by its security code fails as a whole).
            lookalikes.add("Card " + Planted.breakLastDigit(planted.format(planted.cardDigits(16))) + ", IBAN "
                    + Planted.breakLastDigit(planted.iban()) + ", CPF " + cpf.substring(0, 3) + "." + cpf.substring(3, 6)
                    + "." + cpf.substring(6, 9) + "-" + cpf.substring(9) + ", CNPJ " + cnpj.substring(0, 2) + "."
                    + cnpj.substring(2, 5) + "." + cnpj.substring(5, 8) + "/" + cnpj.substring(8, 12) + "-"
                    + cnpj.substring(12) + ", SSN 666-" + planted.digits(2) + "-" + planted.digits(4) + ", total "
                    + planted.between(1, 99) + "," + planted.digits(3) + ".50 EUR on 2024-0" + planted.between(1, 9)
                    + "-1" + planted.between(0, 9) + ", invoice INV-" + planted.digits(8));
        }
        server.otherwise(answering(request -> "{\"echo\": \"ok\", \"first\": \"\"}"));
        LlmGenerator generator = new LlmGenerator(chat);

        for (String text : lookalikes) {
            generator.generate(GenerationRequest.of(text, "Echo the text.", ECHO));
        }

        assertThat(server.requests()).extracting(r -> r.message(-1)).containsExactlyElementsOf(lookalikes);
    }

    @Test
    void should_send_nothing_in_block_mode_and_everything_in_allow_mode() {
        Planting input = plant();
        ChatClient blocking = chat.withPrivacy(PrivacyMode.BLOCK);

        assertThatThrownBy(() -> new LlmGenerator(blocking).generate(GenerationRequest.of(input.text(), "Echo.", ECHO)))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.code()).isEqualTo(PiiRedactor.BLOCKED))
                .satisfies(e -> input.values().forEach(v -> assertThat(e.getMessage()).doesNotContain(v)));
        assertThat(server.requestCount()).isZero();

        server.enqueue(content("{\"echo\": \"ok\", \"first\": \"\"}"));
        new LlmGenerator(chat.withPrivacy(PrivacyMode.ALLOW)).generate(GenerationRequest.of(input.text(), "Echo.", ECHO));
        assertThat(server.requests().get(0).message(-1)).isEqualTo(input.text());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
