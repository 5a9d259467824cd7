package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.server.TestServer.Reply;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Throws arbitrary bodies, content types, path and query values at every endpoint: a client error is never a 5xx. */
class EndpointFuzzTest {
    private static final List<String> FIELD_NAMES = List.of("id", "name", "labels", "settings", "text", "texts",
            "label", "action", "comment", "description", "hyperlocal_threshold", "retrain_every", "share", "seed");
    private static String task;
    private static String prediction;

    private static synchronized TestServer server() {
        TestServer t = TestServer.shared();
        if (task == null) {
            task = t.createTask("fuzz");
            prediction = t.post("/v1/tasks/" + task + "/predict", "{\"text\": \"taxi to the airport\"}").json()
                    .path("id").asText();
        }
        return t;
    }

    @Property(tries = 250)
    void jsonRoutes_anyBodyAndContentType_neverAnswer5xx(
            @ForAll("jsonRoutes") String route, @ForAll("bodies") String body, @ForAll("contentTypes") String contentType) {
        TestServer t = server();
        String[] methodAndPath = route.replace("{task}", task).replace("{id}", prediction).split(" ", 2);
        HttpRequest.Builder request = t.request(methodAndPath[1])
                .method(methodAndPath[0], HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }

        Reply reply = t.send(request);

        assertThat(reply.status()).as("%s with %s body %s", route, contentType, body).isLessThan(500);
        assertThat(reply.status() < 400 || !reply.errorCode().isEmpty()).as("error body of %s", reply).isTrue();
    }

    @Property(tries = 100)
    void fileRoutes_anyFileAndOptions_neverAnswer5xx(
            @ForAll("fileRoutes") String route, @ForAll("files") String file, @ForAll("fileQueries") String query,
            @ForAll("contentTypes") String contentType) {
        TestServer t = server();
        Reply reply = t.postRaw(route.replace("{task}", task) + query, contentType.isEmpty() ? null : contentType,
                file.getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).as("%s%s with %s file %s", route, query, contentType, file).isLessThan(500);
    }

    @Property(tries = 100)
    void anyPathSegmentOrQuery_neverAnswers5xx(
            @ForAll("readRoutes") String route, @ForAll("segments") String segment, @ForAll("segments") String query) {
        TestServer t = server();
        String encoded = URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
        String path = route.replace("{task}", encoded).replace("{id}", encoded)
                + "?offset=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&limit=" + URLEncoder.encode(query, StandardCharsets.UTF_8);

        Reply reply = t.send(t.request(path).GET());

        assertThat(reply.status()).as("GET %s", path).isLessThan(500);
    }

    @Provide
    Arbitrary<String> jsonRoutes() {
        return Arbitraries.of("POST /v1/tasks", "PUT /v1/tasks/{task}/labels", "PATCH /v1/tasks/{task}/settings",
                "POST /v1/tasks/{task}/predict", "POST /v1/tasks/{task}/predict/batch",
                "POST /v1/predictions/{id}/feedback", "POST /v1/tasks/{task}/examples",
                "POST /v1/tasks/{task}/eval/holdout");
    }

    @Provide
    Arbitrary<String> fileRoutes() {
        return Arbitraries.of("/v1/tasks/{task}/examples/import", "/v1/tasks/{task}/eval");
    }

    @Provide
    Arbitrary<String> readRoutes() {
        return Arbitraries.of("/v1/tasks/{task}", "/v1/tasks/{task}/examples", "/v1/predictions/{id}",
                "/v1/tasks/{task}/models", "/v1/tasks/{task}/models/current", "/v1/tasks/{task}/train", "/v1/traces");
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=utf-8", "application/problem+json",
                "text/csv", "application/x-ndjson", "text/plain", "multipart/form-data; boundary=x", ";;", "");
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(json(3).map(Object::toString), anyText(300), mutatedValidBodies());
    }

    @Provide
    Arbitrary<String> files() {
        Arbitrary<String> cell = Arbitraries.oneOf(anyText(30), Arbitraries.of("travel", "meals", "software", "\"", ",", ""));
        Arbitrary<String> csvLine = cell.list().ofMaxSize(4).map(cells -> String.join(",", cells));
        Arbitrary<String> csv = Combinators.combine(Arbitraries.of("text,label", "text", "label,text", "", "a,b,c"),
                csvLine.list().ofMaxSize(6)).as((header, lines) -> header + "\n" + String.join("\n", lines));
        Arbitrary<String> jsonl = json(2).map(Object::toString).list().ofMaxSize(5).map(lines -> String.join("\n", lines));
        return Arbitraries.oneOf(csv, jsonl, anyText(200));
    }

    @Provide
    Arbitrary<String> fileQueries() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("csv", "jsonl", "true", "false", "text", "label"),
                anyText(10));
        Arbitrary<String> name = Arbitraries.of("format", "text_col", "label_col", "add_labels", "other");
        return Combinators.combine(name, value).as((n, v) -> n + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))
                .list().ofMaxSize(3).map(params -> params.isEmpty() ? "" : "?" + String.join("&", params));
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.oneOf(anyText(40), Arbitraries.of("0", "-1", "99999999999999999999", "..", "%", ""));
    }

    private static Arbitrary<String> anyText(int maxLength) {
        return Arbitraries.strings().all().ofMaxLength(maxLength);
    }

    private static Arbitrary<String> mutatedValidBodies() {
        Arbitrary<String> valid = Arbitraries.of("{\"text\": \"taxi\"}", "{\"texts\": [\"a\", \"b\"]}",
                "{\"id\": \"x\", \"labels\": [\"a\"]}", "{\"action\": \"correct\", \"label\": \"meals\"}",
                "{\"labels\": [{\"name\": \"a\", \"description\": \"b\"}]}", "{\"hyperlocal_threshold\": 0.3}",
                "{\"share\": 0.2, \"seed\": 3}", "{\"text\": \"a\", \"label\": \"travel\"}");
        return Combinators.combine(valid, Arbitraries.integers().between(0, 60), anyText(3))
                .as((body, at, insert) -> {
                    int cut = Math.min(at, body.length());
                    return body.substring(0, cut) + insert + body.substring(Math.min(body.length(), cut + 1));
                });
    }

    /** Arbitrary JSON values, biased towards the field names the API knows so that they get past the first check. */
    private static Arbitrary<Object> json(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                anyText(20).map(EndpointFuzzTest::quote),
                Arbitraries.of("travel", "meals", "accept", "correct", "reject", "a").map(EndpointFuzzTest::quote),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "1e999", "-0", "0.5", "99999999999999999999999"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<Object> child = json(depth - 1);
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), anyText(8));
        Arbitrary<Object> object = Arbitraries.maps(key, child).ofMaxSize(4).map(EndpointFuzzTest::object);
        Arbitrary<Object> array = child.list().ofMaxSize(4)
                .map(items -> items.stream().map(Object::toString).collect(Collectors.joining(",", "[", "]")));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, scalar), net.jqwik.api.Tuple.of(4, object), net.jqwik.api.Tuple.of(2, array));
    }

    private static String object(Map<String, Object> fields) {
        return fields.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
