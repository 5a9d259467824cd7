package dev.stratum.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stratum.demo.DemoTask;
import dev.stratum.orchestration.EngineConfig;
import dev.stratum.orchestration.StratumEngine;
import dev.stratum.server.AdminKeys;
import dev.stratum.server.ServerConfig;
import dev.stratum.server.StratumServer;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code stratum bench http}: predict latency through HTTP on loopback, warm, one client sending one request at a
 * time. By default it starts its own server on a temporary data directory with the demo task; with {@code --url} it
 * measures a server that is already running.
 */
@Command(name = "http", mixinStandardHelpOptions = true,
        description = "Measure predict latency through HTTP on loopback: one client, one request at a time, warm.")
final class HttpLatencyBenchCommand implements Callable<Integer> {
    private static final List<String> TEXTS = List.of(
            "UBER *TRIP 4411 SAN FRANCISCO", "Team lunch at the noodle bar", "Hotel two nights Berlin",
            "Annual renewal - design tool, 5 seats", "printer paper and toner", "Flight LHR-JFK return",
            "coffee with a prospect", "electricity bill March", "taxi to the airport", "cloud hosting invoice");

    @Spec
    CommandSpec spec;

    @Option(names = "--requests", defaultValue = "2000", description = "Measured requests. Default: ${DEFAULT-VALUE}")
    int requests;

    @Option(names = "--warmup", defaultValue = "500", description = "Unmeasured requests first. Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--url", description = "Measure this running server (e.g. http://127.0.0.1:8080) instead of "
            + "starting one; needs --key and --task.")
    String url;

    @Option(names = "--key", description = "API key for --url.")
    String key;

    @Option(names = "--task", defaultValue = DemoTask.TASK_ID, description = "Task to predict. Default: ${DEFAULT-VALUE}")
    String task;

    @Option(names = "--out", description = "Also write the results as JSON to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (url != null) {
            if (key == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--url needs --key");
            }
            return measure(URI.create(url), key, err);
        }
        Logging.configure("warn");
        Path dir = Files.createTempDirectory("stratum-bench-http");
        String secret = AdminKeys.newSecret();
        try (StratumEngine engine = StratumEngine.open(EngineConfig.defaults(dir))) {
            AdminKeys.bootstrap(engine.store().apiKeys(), secret, Clock.systemUTC());
            err.println("loading and training the demo task in " + dir + " ...");
            err.flush();
            DemoTask.load(engine);
            try (StratumServer server = StratumServer.start(ServerConfig.defaults().withPort(0), engine,
                    engine.store().apiKeys())) {
                return measure(URI.create("http://127.0.0.1:" + server.port()), secret, err);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private int measure(URI base, String apiKey, PrintWriter err) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI predict = base.resolve("/v1/tasks/" + task + "/predict");
        err.printf("warming up with %d requests, then measuring %d against %s%n", warmup, requests, predict);
        err.flush();
        double[] millis = new double[requests];
        for (int i = 0; i < warmup + requests; i++) {
            String body = "{\"text\": \"" + TEXTS.get(i % TEXTS.size()) + "\"}";
            HttpRequest request = HttpRequest.newBuilder(predict).header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("predict answered " + response.statusCode() + ": " + response.body());
            }
            if (i >= warmup) {
                millis[i - warmup] = elapsed / 1e6;
            }
        }
        Arrays.sort(millis);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "http-predict-latency");
        result.put("date", Instant.now().toString());
        result.put("requests", requests);
        result.put("warmup", warmup);
        result.put("p50_ms", round(percentile(millis, 0.50)));
        result.put("p90_ms", round(percentile(millis, 0.90)));
        result.put("p99_ms", round(percentile(millis, 0.99)));
        result.put("max_ms", round(millis[millis.length - 1]));
        result.put("mean_ms", round(Arrays.stream(millis).average().orElse(0)));
        result.put("java", Runtime.version().toString());
        result.put("cores", Runtime.getRuntime().availableProcessors());
        PrintWriter printer = spec.commandLine().getOut();
        printer.printf("%-10s %8s %8s %8s %8s %8s%n", "requests", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms");
        printer.printf("%-10d %8.2f %8.2f %8.2f %8.2f %8.2f%n", requests, result.get("p50_ms"), result.get("p90_ms"),
                result.get("p99_ms"), result.get("max_ms"), result.get("mean_ms"));
        printer.flush();
        if (out != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        }
        return 0;
    }

    private static double percentile(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
