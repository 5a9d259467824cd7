package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP to one server process, with its admin key. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ServerProcess server;
    private final String key;

    ApiClient(ServerProcess server, String key) {
        this.server = server;
        this.key = key;
    }

    /** Sends a request with a JSON body (or none), waiting at most 30 s for the answer. */
    HttpResponse<String> send(String method, String path, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return send(method, path, "application/json", body == null ? null : body.toString());
    }

    /** The JSON answer of a request that must succeed (2xx). */
    JsonNode ok(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, body);
        assertThat(response.statusCode() / 100).as("%s %s: %s", method, path, response.body()).isEqualTo(2);
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return ok("GET", path, null);
    }
}
