package dev.stratum.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** {@code java -jar stratum.jar serve} as a real child process, its output going to a log file. */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the server on a free port over {@code dataDir} and returns once {@code /v1/health} answers 200. */
    static ServerProcess start(Path dataDir, String adminKey, Path log) throws IOException, InterruptedException {
        return start(dataDir, adminKey, log, Map.of(), List.of());
    }

    /** Starts the server as {@link #start(Path, String, Path)} does, with {@code serveOptions} after {@code serve}. */
    static ServerProcess start(Path dataDir, String adminKey, Path log, String... serveOptions)
            throws IOException, InterruptedException {
        return start(dataDir, adminKey, log, Map.of(), List.of(serveOptions));
    }

    /**
     * Starts the server as {@link #start(Path, String, Path)} does, with more environment variables (a database URL,
     * say) and options after {@code serve}.
     */
    static ServerProcess start(Path dataDir, String adminKey, Path log, Map<String, String> environment,
            List<String> options) throws IOException, InterruptedException {
        int port = freePort();
        List<String> arguments = new ArrayList<>(List.of("serve", "--port", Integer.toString(port), "--data",
                dataDir.toString()));
        arguments.addAll(options);
        ProcessBuilder builder = java(arguments);
        builder.environment().putAll(environment);
        builder.environment().put(ServeCommand.ADMIN_KEY_ENV, adminKey);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        ServerProcess server = new ServerProcess(builder.start(), log, port);
        server.awaitHealthy();
        return server;
    }

    /** What a one-shot command printed (standard output and error together) and its exit status. */
    record Finished(int exitStatus, String output) {}

    /** Runs a one-shot command of the jar ({@code train ...}) to its end, within {@code deadline}. */
    static Finished run(Map<String, String> environment, Duration deadline, String... arguments)
            throws IOException, InterruptedException {
        ProcessBuilder builder = java(List.of(arguments));
        builder.environment().putAll(environment);
        Path output = Files.createTempFile("stratum-command", ".log");
        try {
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
            Process process = builder.start();
            if (!process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("stratum " + String.join(" ", arguments) + " did not finish within " + deadline.toSeconds()
                        + " s; its output:\n" + Files.readString(output));
            }
            return new Finished(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static ProcessBuilder java(List<String> arguments) {
        String jar = System.getProperty("stratum.jar", "target/stratum.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            fail("the runnable jar " + jar + " is missing; run this test with: ./mvnw -pl stratum-cli verify");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "-jar", jar));
        command.addAll(arguments);
        return new ProcessBuilder(command);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Sends SIGKILL (what {@link Process#destroyForcibly()} does on Linux) and returns the exit status. */
    int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            fail("the server did not die within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    /** Sends SIGTERM (what {@link Process#destroy()} does on Linux) and returns at once. */
    void sigterm() {
        process.destroy();
    }

    /** Waits up to {@code timeout} for the process to end and returns its exit status. */
    int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the server did not exit within " + timeout.toSeconds() + " s; its output:\n" + log());
        }
        return process.exitValue();
    }

    int port() {
        return port;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(uri("/v1/health")).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("the server exited with status " + process.exitValue() + " before it was healthy; its output:\n"
                        + log());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Keep polling until the deadline.
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        process.destroyForcibly();
        fail("the server was not healthy within " + START_DEADLINE.toSeconds() + " s; its output:\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server gracefully (SIGTERM), or forcibly when it does not stop within 30 s or we are interrupted. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
