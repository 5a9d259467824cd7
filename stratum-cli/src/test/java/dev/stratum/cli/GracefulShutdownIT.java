package dev.stratum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance test of graceful shutdown, on the runnable jar as a real process: after SIGTERM readiness answers
 * 503 during the drain delay, then the port closes, the requests that were in flight are still answered with 200,
 * and the process exits 0.
 *
 * <p>The requests in flight are predictions whose bodies the test uploads slowly: the server holds each one in its
 * handler, reading the body, for as long as the test wants, so that nothing depends on how slow the machine is.
 */
class GracefulShutdownIT {
    private static final String ADMIN_KEY = "sk_graceful_shutdown_test_0123456789";
    private static final String TASK = "drain";
    private static final int IN_FLIGHT = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern IN_FLIGHT_METRIC = Pattern.compile("(?m)^stratum_http_requests_in_flight (\\S+)$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void sigterm_answersRequestsInFlight_refusesNewOnes_andExitsZero(@TempDir Path tmp) throws Exception {
        try (ServerProcess server = ServerProcess.start(tmp.resolve("data"), ADMIN_KEY, tmp.resolve("serve.log"),
                "--shutdown-delay", "5", "--shutdown-timeout", "30")) {
            createTask(server);
            List<SlowUpload> inFlight = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                inFlight.add(SlowUpload.open(server.port(), "/v1/tasks/" + TASK + "/predict",
                        "taxi from the airport to the hotel, ride " + i));
            }
            // The scrape that reads the gauge is a request in flight too.
            awaitTrue(() -> inFlightRequests(server) >= IN_FLIGHT + 1, "the server handles the slow uploads", server);

            server.sigterm();

            awaitTrue(() -> status(server, "/v1/ready") == 503, "readiness answers 503 while draining", server);
            assertThat(status(server, "/v1/health")).as("other routes are served during the drain delay").isEqualTo(200);
            awaitTrue(() -> refusesConnections(server), "the port stops accepting connections", server);
            for (SlowUpload request : inFlight) {
                String response = request.finish();
                assertThat(response).as("a request in flight at SIGTERM").startsWith("HTTP/1.1 200").contains("\"label\"");
            }
            assertThat(server.awaitExit(WAIT)).as("exit status after SIGTERM; log:%n%s", server.log()).isZero();
            assertThat(refusesConnections(server)).as("connections after exit are refused").isTrue();
            assertThat(server.log()).contains("every request in flight was answered");
        }
    }

    /**
     * A request whose client uploads its body slowly: the headers and the JSON up to its closing brace at once, then
     * one byte of white space every 100 ms (so that the connection is never silent long enough for Jetty to close it
     * as idle), until {@link #finish} sends the rest at once.
     */
    private static final class SlowUpload {
        private static final int PADDING = 3_000;
        private final Socket socket;
        private final OutputStream out;
        private final Thread trickle;
        private int sent;
        private boolean finishing;

        private SlowUpload(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.trickle = Thread.ofPlatform().daemon().name("slow-upload").start(this::trickle);
        }

        static SlowUpload open(int port, String path, String text) throws IOException {
            String json = "{\"text\": \"" + text + "\"";
            int length = json.getBytes(StandardCharsets.UTF_8).length + PADDING + 1;
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) WAIT.toMillis());
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                    + ADMIN_KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + length
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write((head + json).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new SlowUpload(socket);
        }

        private void trickle() {
            try {
                while (true) {
                    synchronized (this) {
                        if (finishing || sent >= PADDING - 1) {
                            return;
                        }
                        out.write(' ');
                        out.flush();
                        sent++;
                    }
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
            } catch (IOException e) {
                // finish() reports what the server answered, or that it closed the connection.
            }
        }

        /** Sends the rest of the body and returns the whole response, read until the server closes. */
        String finish() throws IOException, InterruptedException {
            synchronized (this) {
                finishing = true;
                out.write((" ".repeat(PADDING - sent) + "}").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            trickle.join();
            try (socket) {
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static boolean refusesConnections(ServerProcess server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }

    private long inFlightRequests(ServerProcess server) {
        String metrics = get(server, "/metrics").body();
        Matcher m = IN_FLIGHT_METRIC.matcher(metrics);
        return m.find() ? Math.round(Double.parseDouble(m.group(1))) : -1;
    }

    private int status(ServerProcess server, String path) {
        return get(server, path).statusCode();
    }

    private HttpResponse<String> get(ServerProcess server, String path) {
        try {
            return http.send(HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void createTask(ServerProcess server) throws IOException, InterruptedException {
        String body = "{\"id\": \"" + TASK + "\", \"labels\": [{\"name\": \"travel\", \"description\": \"taxis, "
                + "flights and hotels\"}, {\"name\": \"meals\", \"description\": \"restaurants and food\"}]}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.uri("/v1/tasks"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static void awaitTrue(BooleanSupplier condition, String what, ServerProcess server) throws IOException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        fail("not within " + WAIT.toSeconds() + " s: " + what + "; server log:\n" + server.log());
    }
}
