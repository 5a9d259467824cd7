package dev.stratum.cli;

import dev.stratum.api.Task;
import dev.stratum.api.store.ApiKeyStore;
import dev.stratum.demo.DemoTask;
import dev.stratum.orchestration.EngineTelemetry;
import dev.stratum.orchestration.StratumEngine;
import dev.stratum.server.AdminKeys;
import dev.stratum.server.RateLimit;
import dev.stratum.server.ServerConfig;
import dev.stratum.server.StratumServer;
import dev.stratum.telemetry.Telemetry;
import dev.stratum.telemetry.TelemetryConfig;
import dev.stratum.telemetry.logs.LogTemplateWatch;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stratum serve}: opens the engine on a data directory, makes sure an admin key exists, optionally loads the
 * demo task, and serves the HTTP API until the process is told to stop (Ctrl-C or SIGTERM), when it stops the
 * server gracefully and then closes the engine (see {@link ServeShutdown}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API.",
            "The admin API key is taken from the STRATUM_ADMIN_KEY environment variable when it is set; otherwise",
            "one is generated at the first start and printed once. Each API key may send STRATUM_RATE_LIMIT",
            "requests per second (default 100; 0 or off: no limit) in bursts of STRATUM_RATE_BURST (default 200)."})
final class ServeCommand implements Callable<Integer> {
    static final String ADMIN_KEY_ENV = "STRATUM_ADMIN_KEY";
    static final String NO_TRAIN_ENV = "STRATUM_NO_TRAIN";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on; 0.0.0.0 for all. Default: ${DEFAULT-VALUE}")
    String host;

    @Mixin
    DataOptions data;

    @Option(names = "--no-train",
            description = {"Never train in the background (after a task's retrain_every new examples, or after an",
                "encoder change): for replicas on a shared database, whose versions a training job (stratum train)",
                "makes and which they pick up within seconds. A POST .../train request still trains. Default: on",
                "when $" + NO_TRAIN_ENV + " is 1 or true."})
    boolean noTrain;

    @Option(names = "--demo", description = "Create, fill and train the demo task 'expenses' unless it exists.")
    boolean demo;

    @Option(names = "--metrics", defaultValue = "public", paramLabel = "public|key|off",
            description = "Who may read GET /metrics: anyone, API keys only, or nobody. Default: ${DEFAULT-VALUE}")
    ServerConfig.MetricsAccess metrics;

    @Option(names = "--otlp-endpoint", paramLabel = "URL",
            description = {"Also send spans to this OTLP/HTTP collector, e.g. http://localhost:4318. Default:",
                "OTEL_EXPORTER_OTLP_ENDPOINT, else spans stay in process (GET /v1/traces)."})
    String otlpEndpoint;

    @Option(names = "--shutdown-timeout", paramLabel = "SECONDS",
            defaultValue = "${env:" + ServeShutdown.TIMEOUT_ENV + ":-20}",
            description = {"On SIGTERM, how long requests in flight may take to finish before they are cut off.",
                "Keep it below the orchestrator's grace period. Default: $" + ServeShutdown.TIMEOUT_ENV + ", else 20."})
    int shutdownTimeoutSeconds;

    @Option(names = "--shutdown-delay", paramLabel = "SECONDS", defaultValue = "${env:" + ServeShutdown.DELAY_ENV + ":-0}",
            description = {"On SIGTERM, how long to keep serving with readiness answering 503 before the port closes,",
                "so that load balancers stop sending requests first. Default: $" + ServeShutdown.DELAY_ENV + ", else 0."})
    int shutdownDelaySeconds;

    /** Whether background training is off: by the option, or by the environment variable. */
    boolean noTrain(String environment) {
        if (noTrain || environment == null || environment.isBlank()) {
            return noTrain;
        }
        return switch (environment.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), NO_TRAIN_ENV + " is '"
                    + environment + "'; set it to 1 (or true) to turn background training off, 0 (or false, or leave"
                    + " it unset) to keep it on");
        };
    }

    @Override
    public Integer call() throws InterruptedException {
        boolean backgroundTraining = !noTrain(System.getenv(NO_TRAIN_ENV));
        Logging.configure(data.verbose ? "debug" : "info");
        if (shutdownTimeoutSeconds < 0 || shutdownDelaySeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--shutdown-timeout " + shutdownTimeoutSeconds
                    + " and --shutdown-delay " + shutdownDelaySeconds + " must not be negative; give seconds, 0 for none");
        }
        ServerConfig config = ServerConfig.defaults().withHost(host).withPort(port).withMetrics(metrics)
                .withRateLimit(RateLimit.fromEnvironment(System.getenv(), RateLimit.SERVE_DEFAULT));
        PrintWriter out = spec.commandLine().getOut();
        String envKey = System.getenv(ADMIN_KEY_ENV);
        TelemetryConfig telemetryConfig = TelemetryConfig.fromEnvironment(System.getenv());
        Telemetry telemetry = Telemetry.start(otlpEndpoint == null || otlpEndpoint.isBlank() ? telemetryConfig
                : telemetryConfig.withOtlpEndpoint(otlpEndpoint.strip()));
        LogTemplateWatch.attach(telemetry.meterRegistry());
        StratumEngine engine;
        try {
            engine = StratumEngine.open(data.engineConfig().withAutoTrain(backgroundTraining),
                    EngineTelemetry.of(telemetry.openTelemetry(), telemetry.meterRegistry()));
        } catch (RuntimeException e) {
            telemetry.close();
            throw e;
        }
        StratumServer server;
        Optional<String> generatedKey;
        try {
            ApiKeyStore keys = engine.store().apiKeys();
            generatedKey = AdminKeys.bootstrap(keys, envKey, Clock.systemUTC());
            if (demo) {
                out.println("preparing the demo task '" + DemoTask.TASK_ID + "' (the first start trains a model)...");
                out.flush();
                Task task = DemoTask.load(engine);
                out.printf("demo task '%s' ready: %d labels, %d examples%n", task.id(), task.labels().size(),
                        engine.examples(task.id(), 0, 1).total());
            }
            server = StratumServer.start(config, engine, keys, telemetry);
        } catch (RuntimeException e) {
            engine.close();
            telemetry.close();
            throw e;
        }
        boolean keyFromEnv = envKey != null && !envKey.isBlank();
        new ServeBanner(host, server.port(), data.dataDir, generatedKey.orElse(null), keyFromEnv, demo).print(out);
        out.flush();
        awaitShutdown(server, engine, telemetry);
        return 0;
    }

    /** Serves until SIGTERM or SIGINT, then drains and stops the server and closes the engine and telemetry. */
    private void awaitShutdown(StratumServer server, StratumEngine engine, Telemetry telemetry)
            throws InterruptedException {
        new ServeShutdown(server, Duration.ofSeconds(shutdownDelaySeconds), Duration.ofSeconds(shutdownTimeoutSeconds),
                List.of(engine, telemetry)).awaitSignalThenStop();
    }
}
