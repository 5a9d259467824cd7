package dev.stratum.llm.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A real HTTP server on a random local port that speaks OpenAI's chat-completions protocol
 * ({@code POST /v1/chat/completions}, its JSON shapes and its error bodies) and answers from a script: the fake for
 * an external LLM provider, for this module's tests and other modules'. Replies are used in order; when the script
 * runs out, every request gets {@link #otherwise(Reply)} (by default a 500 that says so).
 */
public final class ScriptedOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong ids = new AtomicLong();
    private Reply otherwise = Reply.error(500, "server_error", null, "the test script has no more replies");

    /** What the server answers to one request. */
    public sealed interface Reply {
        /** A 200 completion whose assistant message is {@code text}. */
        record Content(String text) implements Reply {}

        /** An error status with OpenAI's body: {@code {"error": {"message", "type", "param", "code"}}}. */
        record Failure(int status, String type, String code, String message) implements Reply {}

        /** {@code reply}, sent after {@code delay} (or never, if the server closes first). */
        record Delayed(Duration delay, Reply reply) implements Reply {}

        /** A reply made from the request, for answers that must echo what was sent. */
        record Computed(Function<Received, Reply> reply) implements Reply {}

        static Reply content(String text) {
            return new Content(text);
        }

        static Reply error(int status, String type, String code, String message) {
            return new Failure(status, type, code, message);
        }

        static Reply serverError() {
            return error(500, "server_error", null, "The server had an error while processing your request.");
        }

        static Reply rateLimited() {
            return error(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests. Retry shortly.");
        }

        static Reply unauthorized() {
            return error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.");
        }

        static Reply slow(Duration delay, Reply then) {
            return new Delayed(delay, then);
        }

        /** A 200 completion whose assistant message {@code answer} makes from the request. */
        static Reply answering(Function<Received, String> answer) {
            return new Computed(request -> content(answer.apply(request)));
        }
    }

    /** A request the server received: its Authorization header (null when absent) and its JSON body. */
    public record Received(String authorization, JsonNode body) {
        public String model() {
            return body.path("model").asText();
        }

        /** The messages' roles and contents, in order. */
        public List<JsonNode> messages() {
            return body.path("messages").valueStream().toList();
        }

        /** The content of the message at {@code index}; a negative index counts from the end. */
        public String message(int index) {
            List<JsonNode> all = messages();
            return all.get(index < 0 ? all.size() + index : index).path("content").asText();
        }
    }

    private ScriptedOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static ScriptedOpenAiServer start() {
        try {
            return new ScriptedOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the scripted OpenAI server", e);
        }
    }

    /** The API root to configure as the base URL: {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/v1";
    }

    /** Adds replies to the end of the script. */
    public synchronized ScriptedOpenAiServer enqueue(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** What every request gets once the script is used up. */
    public synchronized ScriptedOpenAiServer otherwise(Reply reply) {
        otherwise = reply;
        return this;
    }

    public List<Received> requests() {
        return List.copyOf(received);
    }

    public int requestCount() {
        return received.size();
    }

    private synchronized Reply next() {
        return script.isEmpty() ? otherwise : script.removeFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath()
                    .equals("/v1/chat/completions")) {
                send(exchange, Reply.error(404, "invalid_request_error", "unknown_url", "Unknown request URL: "
                        + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()));
                return;
            }
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            Received request = new Received(exchange.getRequestHeaders().getFirst("Authorization"), body);
            received.add(request);
            if (!body.path("model").isTextual() || !body.path("messages").isArray()) {
                send(exchange, Reply.error(400, "invalid_request_error", null,
                        "'model' and 'messages' are required properties"));
                return;
            }
            send(exchange, next(), body.path("model").asText(), request);
        }
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        send(exchange, reply, "unknown", null);
    }

    private void send(HttpExchange exchange, Reply reply, String model, Received request) throws IOException {
        switch (reply) {
            case Reply.Delayed delayed -> {
                try {
                    if (closing.await(delayed.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                send(exchange, delayed.reply(), model, request);
            }
            case Reply.Computed computed -> send(exchange, computed.reply().apply(request), model, request);
            case Reply.Content content -> write(exchange, 200, completion(model, content.text()));
            case Reply.Failure f -> {
                ObjectNode error = JSON.createObjectNode();
                error.putObject("error").put("message", f.message()).put("type", f.type()).putNull("param")
                        .put("code", f.code());
                write(exchange, f.status(), error);
            }
        }
    }

    private ObjectNode completion(String model, String text) {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-" + ids.incrementAndGet())
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model);
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
        choice.putNull("logprobs").put("finish_reason", "stop");
        int completionTokens = Math.max(1, text.length() / 4);
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", completionTokens)
                .put("total_tokens", 10 + completionTokens);
        return root;
    }

    private static void write(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (its deadline passed); nothing is waiting for this reply
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
