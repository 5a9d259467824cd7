package dev.stratum.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.demo.DemoTask;
import dev.stratum.orchestration.EngineConfig;
import dev.stratum.orchestration.EngineTelemetry;
import dev.stratum.orchestration.StratumEngine;
import dev.stratum.server.AdminKeys;
import dev.stratum.server.ServerConfig;
import dev.stratum.server.StratumServer;
import dev.stratum.telemetry.Telemetry;
import dev.stratum.telemetry.TelemetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Stratum server for the console's tests (SQLite file and index in a temp dir, the bundled encoder), started
 * once per JVM through the public API, with a small client that checks through {@code /v1} what the browser did.
 */
final class ConsoleServer {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TASKS = new AtomicInteger();
    private static ConsoleServer shared;

    final StratumServer server;
    final String adminKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ConsoleServer(StratumServer server, String adminKey) {
        this.server = server;
        this.adminKey = adminKey;
    }

    static synchronized ConsoleServer shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("stratum-console-test");
                Telemetry telemetry = Telemetry.start(TelemetryConfig.defaults());
                StratumEngine engine = StratumEngine.open(EngineConfig.defaults(dir),
                        EngineTelemetry.of(telemetry.openTelemetry(), telemetry.meterRegistry()));
                String key = AdminKeys.bootstrap(engine.store().apiKeys(), null, Clock.systemUTC()).orElseThrow();
                StratumServer server = StratumServer.start(ServerConfig.defaults().withPort(0), engine,
                        engine.store().apiKeys(), telemetry);
                shared = new ConsoleServer(server, key);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.close();
                    engine.close();
                    telemetry.close();
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Creates a task with the demo's taxonomy of 20 expense labels, no background retraining, and returns its id. */
    String createDemoTask(String prefix) {
        ObjectNode spec;
        try (InputStream in = DemoTask.taxonomyJson()) {
            spec = (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = prefix + "-" + TASKS.incrementAndGet();
        spec.put("id", id);
        spec.putObject("settings").put("retrain_every", 0);
        expect(201, send("POST", "/v1/tasks", spec.toString()));
        return id;
    }

    /** Imports the demo's labelled examples into a task and trains it, waiting for the run to end. */
    void importDemoExamplesAndTrain(String task) {
        byte[] csv;
        try (InputStream in = DemoTask.examplesCsv()) {
            csv = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        expect(200, send(authorized("/v1/tasks/" + task + "/examples/import").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv))));
        JsonNode run = expect(200, send("POST", "/v1/tasks/" + task + "/train?wait=true", ""));
        if (!run.path("status").asText().equals("succeeded")) {
            throw new IllegalStateException("training " + task + " did not succeed: " + run);
        }
    }

    JsonNode get(String path) {
        return expect(200, send("GET", path, null));
    }

    JsonNode post(String path, String json) {
        return expect(200, send("POST", path, json));
    }

    JsonNode put(String path, String json) {
        return expect(200, send("PUT", path, json));
    }

    HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = authorized(path);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> sendUnauthenticated(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET());
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(300))
                .header("Authorization", "Bearer " + adminKey);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " instead of " + status + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
