package dev.stratum.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console's files over HTTP: public, typed, locked to this server, and nothing else reachable through them. */
class ConsoleRoutesTest {
    private static final Pattern IMPORT = Pattern.compile("(?:import\\s[^'\"]*?from\\s*|import\\s*\\(\\s*)['\"]([^'\"]+)['\"]");
    private static final Pattern LINKED = Pattern.compile("(?:src|href)=\"([^\"#]+)\"");
    private final ConsoleServer server = ConsoleServer.shared();

    @Test
    void console_isServedWithoutAKey_asHtmlThatMayLoadOnlyFromThisServer() {
        HttpResponse<String> page = server.sendUnauthenticated("/console");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(header(page, "Content-Type")).startsWith("text/html");
        assertThat(header(page, "Content-Security-Policy")).contains("default-src 'none'").contains("script-src 'self'")
                .contains("connect-src 'self'").doesNotContain("unsafe-inline").doesNotContain("http");
        assertThat(header(page, "X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/console/app.js\">");
    }

    @Test
    void everyFileThePageLinksOrImports_isServedFromThisServer_withItsContentType() {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        Matcher links = LINKED.matcher(server.sendUnauthenticated("/console").body());
        while (links.find()) {
            pending.add(links.group(1));
        }
        while (!pending.isEmpty()) {
            String path = pending.poll();
            assertThat(path).as("loaded from this server only").startsWith("/console/");
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<String> file = server.sendUnauthenticated(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            if (path.endsWith(".js")) {
                assertThat(header(file, "Content-Type")).as(path).startsWith("text/javascript");
                Matcher imports = IMPORT.matcher(file.body());
                while (imports.find()) {
                    assertThat(imports.group(1)).as("import in %s", path).startsWith("./");
                    pending.add("/console/" + imports.group(1).substring(2));
                }
            } else {
                assertThat(header(file, "Content-Type")).as(path).startsWith("text/css");
            }
        }
        assertThat(seen).contains("/console/app.js", "/console/console.css", "/console/review.js", "/console/api.js");
    }

    @Test
    void unknownOrUnsafeNames_areRefusedInTheApisErrorFormat() throws IOException {
        for (String path : new String[] {"/console/nope.js", "/console/..%2Fopenapi.json", "/console/.%2e",
                "/console/ConsoleRoutes.class", "/console/app.js%00.html", "/console/a/app.js"}) {
            HttpResponse<String> reply = server.sendUnauthenticated(path);

            // Jetty itself refuses some (a NUL in the path) with 400 before any route runs.
            assertThat(reply.statusCode()).as(path).isIn(400, 404);
            JsonNode error = ConsoleServer.JSON.readTree(reply.body()).path("error");
            assertThat(error.path("code").asText()).as(path)
                    .isIn("console_asset_not_found", "route_not_found", "bad_http_request");
        }
    }

    @Test
    void theApiBehindTheConsole_stillNeedsAKey() {
        assertThat(server.sendUnauthenticated("/v1/tasks").statusCode()).isEqualTo(401);
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }
}
