package dev.stratum.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratum.server.TestServer.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
    private final TestServer t = TestServer.shared();

    @Test
    void openApi_isVersion31Json() {
        Reply reply = t.get("/openapi.json");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.json().path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void everyRegisteredRoute_isDocumentedWithItsMethod() {
        JsonNode paths = t.get("/openapi.json").json().path("paths");

        assertThat(t.server.routes()).isNotEmpty();
        for (StratumServer.Route route : t.server.routes()) {
            assertThat(paths.path(route.path()).has(route.method().toLowerCase(Locale.ROOT)))
                    .as("%s %s is served but missing from openapi.json", route.method(), route.path())
                    .isTrue();
        }
    }

    @Test
    void everyDocumentedOperation_isRegistered() {
        JsonNode paths = t.get("/openapi.json").json().path("paths");
        Set<StratumServer.Route> registered = new HashSet<>(t.server.routes());

        for (Iterator<Map.Entry<String, JsonNode>> it = paths.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (HTTP_METHODS.contains(method)) {
                    assertThat(registered)
                            .as("openapi.json documents %s %s, which the server does not serve", method, path.getKey())
                            .contains(new StratumServer.Route(method.toUpperCase(Locale.ROOT), path.getKey()));
                }
            }
        }
    }

    @Test
    void everyReference_resolvesInsideTheDocument() {
        JsonNode doc = t.get("/openapi.json").json();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as("unresolved %s", ref).isFalse();
        }
    }

    @Test
    void everyPathParameter_isDeclaredOnItsOperations() {
        JsonNode doc = t.get("/openapi.json").json();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            List<String> templated = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            while (m.find()) {
                templated.add(m.group(1));
            }
            path.getValue().properties().forEach(operation -> {
                Set<String> declared = new HashSet<>();
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    JsonNode resolved = parameter.has("$ref") ? doc.at(parameter.get("$ref").asText().substring(1)) : parameter;
                    if (resolved.path("in").asText().equals("path")) {
                        declared.add(resolved.path("name").asText());
                    }
                }
                assertThat(declared).as("%s %s", operation.getKey(), path.getKey()).containsExactlyInAnyOrderElementsOf(templated);
            });
        }
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, out));
        }
    }
}
