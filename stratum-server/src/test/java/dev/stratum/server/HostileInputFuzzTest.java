package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.server.TestServer.Reply;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile bodies at every /v1 route that takes one: invalid UTF-8, odd Unicode (lone surrogates, right-to-left and
 * zero-width marks, NUL, byte-order marks), huge and malformed numbers, and wrong types. Each answer is a client
 * error with a code and a message, or a success, never a 5xx; and a refused request leaves the store as it was.
 */
class HostileInputFuzzTest {
    private static final List<String> FIELDS = List.of("id", "labels", "text", "texts", "label", "action", "input",
            "share", "seed", "hyperlocal_threshold", "retrain_every", "to", "reason", "confidence", "coverage");
    private static String task;
    private static String prediction;

    private static synchronized TestServer server() {
        TestServer t = TestServer.shared();
        if (task == null) {
            task = t.createTask("hostile");
            prediction = t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"taxi to the airport\"}").json()
                    .path("id").asText();
        }
        return t;
    }

    @Property(tries = 300)
    void hostileBodies_getAClearClientError_orSucceed_andRefusalsLeaveTheStoreUnchanged(
            @ForAll("routes") String route, @ForAll("hostileBodies") byte[] body) {
        TestServer t = server();
        String[] methodAndPath = route.replace("{task}", task).replace("{id}", prediction).split(" ", 2);
        String before = storeState(t);

        Reply reply = t.send(t.request(methodAndPath[1]).header("Content-Type", "application/json")
                .method(methodAndPath[0], HttpRequest.BodyPublishers.ofByteArray(body)));

        String shown = new String(body, StandardCharsets.UTF_8);
        assertThat(reply.status()).as("%s with body %s: %s", route, shown, reply).isLessThan(500);
        if (reply.status() >= 400) {
            assertThat(reply.errorCode()).as("error code of %s", reply).isNotEmpty();
            assertThat(reply.errorMessage()).as("error message of %s", reply).hasSizeGreaterThan(20);
            assertThat(storeState(t)).as("the store after %s refused %s", route, shown).isEqualTo(before);
        }
    }

    @Property(tries = 60)
    void oddUnicodeText_isStoredExactlyAsSent_orRefusedWithACode(@ForAll("oddTexts") String text) {
        TestServer t = server();
        String before = storeState(t);

        Reply reply = t.post("/v1/tasks/" + task + "/examples", "{\"text\": " + jsonString(text)
                + ", \"label\": \"travel\"}");

        assertThat(reply.status()).as("%s", reply).isLessThan(500);
        if (reply.status() >= 400) {
            assertThat(reply.errorCode()).isIn("invalid_unicode", "invalid_text", "unsupported_character",
                    "text_too_long", "empty_text");
            assertThat(storeState(t)).isEqualTo(before);
            return;
        }
        String id = reply.json().path("id").asText();
        JsonNode stored = null;
        for (JsonNode item : t.get("/v1/tasks/" + task + "/examples?limit=1000").json().path("items")) {
            if (item.path("id").asText().equals(id)) {
                stored = item;
            }
        }
        assertThat(stored).as("example %s in the listing", id).isNotNull();
        assertThat(stored.path("text").asText()).as("stored text of %s", reply).isEqualTo(text.strip());
    }

    @Provide
    Arbitrary<String> oddTexts() {
        return Combinators.combine(oddStrings(), oddStrings()).as((a, b) -> a + "taxi" + b);
    }

    /** What a refused request must not change: the tasks, the task's examples, policy and settings, the feedback. */
    private static String storeState(TestServer t) {
        return String.join("\n",
                t.get("/v1/tasks").body(),
                t.get("/v1/tasks/" + task + "/examples?limit=1000").body(),
                t.get("/v1/tasks/" + task).body(),
                t.get("/v1/tasks/" + task + "/policy/history").body(),
                t.get("/v1/predictions/" + prediction).body());
    }

    @Provide
    Arbitrary<String> routes() {
        return Arbitraries.of("POST /v1/tasks", "PUT /v1/tasks/{task}/labels", "PATCH /v1/tasks/{task}/settings",
                "POST /v1/tasks/{task}/predict", "POST /v1/tasks/{task}/predict/batch",
                "POST /v1/tasks/{task}/generate", "POST /v1/predictions/{id}/feedback",
                "POST /v1/tasks/{task}/examples", "POST /v1/tasks/{task}/eval/holdout", "PUT /v1/tasks/{task}/policy",
                "POST /v1/tasks/{task}/models/v1/promote", "POST /v1/tasks/{task}/models/v1/rollback",
                "POST /v1/review/rv_1/resolve");
    }

    @Provide
    Arbitrary<byte[]> hostileBodies() {
        Arbitrary<String> field = Arbitraries.of(FIELDS);
        Arbitrary<String> value = Arbitraries.oneOf(oddStrings().map(HostileInputFuzzTest::jsonString), hugeNumbers(),
                wrongTypes());
        Arbitrary<byte[]> jsonWithOddValues = Combinators.combine(field, value, field, value)
                .as((f1, v1, f2, v2) -> ("{\"" + f1 + "\": " + v1 + ", \"" + f2 + "\": " + v2 + "}")
                        .getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> invalidUtf8 = Combinators.combine(field, invalidUtf8Sequences(), Arbitraries.integers()
                .between(0, 2)).as(HostileInputFuzzTest::withInvalidUtf8);
        Arbitrary<byte[]> malformed = Arbitraries.of("{", "{\"text\": }", "{\"text\": \"a\"", "[", "nul", "{'text': 1}",
                "{\"text\": \"a\"}}", "\u0000", "{\"text\": \"\\ud800\"}", "{\"text\": \"\\u12\"}", "1e999999",
                "{\"texts\": [" + "[".repeat(2000) + "]}").map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, jsonWithOddValues),
                net.jqwik.api.Tuple.of(3, invalidUtf8), net.jqwik.api.Tuple.of(2, malformed));
    }

    private static Arbitrary<String> oddStrings() {
        Arbitrary<String> odd = Arbitraries.of("\uD800", "\uDFFF", "\uDBFF\uDFFF", "\u202E", "\u200B", "\u200D",
                "\u0000", "\uFEFF", "\u0301", "\uFFFF", "\uFFFE", "\u2028", "\u001B[31m", "\uD83D\uDE00", "\u05D0",
                "travel", "meals", "accept", "correct", " ", "");
        return odd.list().ofMinSize(1).ofMaxSize(4).map(parts -> String.join("", parts));
    }

    private static Arbitrary<String> hugeNumbers() {
        return Arbitraries.of("1e309", "-1e309", "123456789012345678901234567890", "9223372036854775808",
                "-9223372036854775809", "1e-400", "0.00000000000000000000000000001", "4.9e-324", "-0", "1E+2147483648",
                "2147483648", "1" + "0".repeat(5000));
    }

    private static Arbitrary<String> wrongTypes() {
        return Arbitraries.of("null", "true", "[]", "{}", "[\"a\", 1, null]", "{\"name\": 1}", "\"\"", "[[[]]]");
    }

    private static Arbitrary<byte[]> invalidUtf8Sequences() {
        return Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                    (byte) 0x80}, new byte[] {(byte) 0xFE, (byte) 0xFF});
    }

    /** A JSON object whose field value (where 0), key (1) or body start (2) holds the invalid bytes. */
    private static byte[] withInvalidUtf8(String field, byte[] invalid, int where) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] open = ("{\"" + (where == 1 ? "" : field)).getBytes(StandardCharsets.UTF_8);
        if (where == 2) {
            out.writeBytes(invalid);
        }
        out.writeBytes(open);
        if (where == 1) {
            out.writeBytes(invalid);
        }
        out.writeBytes("\": \"taxi ".getBytes(StandardCharsets.UTF_8));
        if (where == 0) {
            out.writeBytes(invalid);
        }
        out.writeBytes(" airport\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A JSON string literal; lone surrogates, which UTF-8 cannot carry, are sent as \\u escapes. */
    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
