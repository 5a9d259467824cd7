package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.server.TestServer.Reply;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Arbitrary path segments, query values and bodies at the error-analysis routes: a client error is never a 5xx. */
class AnalysisRoutesFuzzTest {
    private static String task;

    private static synchronized TestServer server() {
        TestServer t = TestServer.shared();
        if (task == null) {
            task = t.createTask("analysis-fuzz");
        }
        return t;
    }

    @Property(tries = 150)
    void readRoutes_anySegmentOrQuery_neverAnswer5xx(@ForAll("reads") String route, @ForAll("segments") String segment,
            @ForAll("segments") String value, @ForAll("queries") String name) {
        TestServer t = server();
        String path = "/v1/tasks/" + (segment.isEmpty() ? task : URLEncoder.encode(segment, StandardCharsets.UTF_8)
                .replace("+", "%20")) + "/analysis/" + route + "?" + name + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8);

        Reply reply = t.send(t.request(path).GET());

        assertThat(reply.status()).as("GET %s: %s", path, reply).isLessThan(500);
        assertThat(reply.status() < 400 || !reply.errorCode().isEmpty()).as("error body of %s", reply).isTrue();
    }

    @Property(tries = 150)
    void actions_anyIdAndBody_neverAnswer5xx(@ForAll("actions") String action, @ForAll("segments") String id,
            @ForAll("bodies") String body) {
        TestServer t = server();
        String path = "/v1/tasks/" + task + "/analysis/examples/" + URLEncoder.encode(id.isEmpty() ? "1" : id,
                StandardCharsets.UTF_8).replace("+", "%20") + "/" + action;

        Reply reply = t.send(t.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));

        assertThat(reply.status()).as("POST %s %s: %s", path, body, reply).isLessThan(500);
    }

    @Provide
    Arbitrary<String> reads() {
        return Arbitraries.of("losses", "confusion", "duplicates", "confident", "new-labels");
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.of("offset", "limit", "include_confirmed", "pairs", "min_size", "other");
    }

    @Provide
    Arbitrary<String> actions() {
        return Arbitraries.of("fix", "confirm");
    }

    /**
     * Any text but NUL and the Unicode noncharacters U+FFFE and U+FFFF: with one of those in the path of a POST, Jetty
     * closes the connection without an answer before any route runs (a behaviour of the HTTP layer, for every POST
     * route, not of these routes).
     */
    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().excludeChars('\u0000', '\uFFFE', '\uFFFF').ofMaxLength(30),
                Arbitraries.of("0", "-1", "99999999999999999999", "1.5", "", "2147483648", "true"));
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.of("{}", "{\"label\": \"travel\"}", "{\"label\": null}", "{\"label\": 3}", "[]", "null",
                        "{\"label\": \"travel\", \"x\": 1}", "{\"label\": \"\"}"));
    }
}
