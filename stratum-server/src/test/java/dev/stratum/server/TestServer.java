package dev.stratum.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratum.api.StratumService;
import dev.stratum.llm.LlmConfig;
import dev.stratum.orchestration.EngineConfig;
import dev.stratum.orchestration.EngineTelemetry;
import dev.stratum.orchestration.StratumEngine;
import dev.stratum.telemetry.Telemetry;
import dev.stratum.telemetry.TelemetryConfig;
import java.io.IOException;
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
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A real server over a real engine (SQLite file and Lucene index in a temp dir, the bundled ONNX encoder), shared by
 * the test classes of one JVM because loading the encoder is the slow part. Tests isolate themselves by task id.
 */
final class TestServer {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TASK_COUNTER = new AtomicInteger();
    private static TestServer shared;

    final Path dataDir;
    final StratumEngine engine;
    final StratumService service;
    final StratumServer server;
    final Telemetry telemetry;
    final String adminKey;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private TestServer(Path dataDir, StratumEngine engine, StratumService service, StratumServer server,
            Telemetry telemetry, String key) {
        this.dataDir = dataDir;
        this.engine = engine;
        this.service = service;
        this.server = server;
        this.telemetry = telemetry;
        this.adminKey = key;
    }

    /** The JVM-wide server, started on first use and stopped when the JVM exits. */
    static synchronized TestServer shared() {
        if (shared == null) {
            shared = start(ServerConfig.defaults().withPort(0));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::closeQuietly));
        }
        return shared;
    }

    /**
     * A server of its own whose generation tasks use the OpenAI-compatible API at {@code llmBaseUrl}; the caller
     * closes it.
     */
    static TestServer withLanguageModel(String llmBaseUrl) {
        return start(ServerConfig.defaults().withPort(0),
                engine -> engine.withLlm(LlmConfig.of(llmBaseUrl, "scripted-model", "sk-test")));
    }

    private static TestServer start(ServerConfig config) {
        return start(config, engine -> engine);
    }

    private static TestServer start(ServerConfig config, UnaryOperator<EngineConfig> engineConfig) {
        try {
            Path dir = Files.createTempDirectory("stratum-server-test");
            Telemetry telemetry = Telemetry.start(TelemetryConfig.defaults());
            StratumEngine engine = StratumEngine.open(engineConfig.apply(EngineConfig.defaults(dir)),
                    EngineTelemetry.of(telemetry.openTelemetry(), telemetry.meterRegistry()));
            StratumService service = FaultInjection.wrap(engine);
            String key = AdminKeys.bootstrap(engine.store().apiKeys(), null, Clock.systemUTC()).orElseThrow();
            StratumServer server = StratumServer.start(config, service, engine.store().apiKeys(), telemetry);
            return new TestServer(dir, engine, service, server, telemetry, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second server with {@code config}'s limits over the shared engine; the caller closes it. */
    StratumServer startAnother(ServerConfig config) {
        return StratumServer.start(config.withPort(0), service, engine.store().apiKeys());
    }

    /** A task id no other test uses. */
    static String uniqueTaskId(String prefix) {
        return prefix + "-" + TASK_COUNTER.incrementAndGet();
    }

    /** Creates a small task with three labels and returns its id. */
    String createTask(String prefix) {
        String id = uniqueTaskId(prefix);
        Reply reply = post("/v1/tasks", "{\"id\":\"" + id + "\",\"labels\":["
                + "{\"name\":\"travel\",\"description\":\"flights, hotels, taxis and trains for business trips\"},"
                + "{\"name\":\"meals\",\"description\":\"restaurants, lunches, coffee and food\"},"
                + "{\"name\":\"software\",\"description\":\"software subscriptions, cloud hosting and licences\"}]}");
        if (reply.status() != 201) {
            throw new IllegalStateException("could not create task " + id + ": " + reply);
        }
        return id;
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply post(String path, ObjectNode json) {
        return post(path, json.toString());
    }

    Reply postRaw(String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    Reply method(String method, String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpRequest.Builder request(String path) {
        return unauthenticated(path).header("Authorization", "Bearer " + adminKey);
    }

    HttpRequest.Builder unauthenticated(String path) {
        return HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(120));
    }

    static URI uri(StratumServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    Reply send(HttpRequest.Builder builder) {
        return send(http, builder.build());
    }

    static Reply send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response);
        } catch (IOException e) {
            throw new UncheckedIOException("request " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        server.close();
        engine.close();
        telemetry.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is harmless
        }
    }

    /** A response: status, raw body, and the body as JSON when it is JSON. */
    record Reply(int status, String body, HttpResponse<byte[]> response) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("response is not JSON: " + body, e);
            }
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        String errorMessage() {
            return json().path("error").path("message").asText();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }
}
