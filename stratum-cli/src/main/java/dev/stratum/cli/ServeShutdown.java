package dev.stratum.cli;

import dev.stratum.server.StratumServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * How {@code serve} ends: on SIGTERM (what Kubernetes and service managers send) or SIGINT (Ctrl-C) it makes readiness
 * fail, keeps serving for the drain delay so that load balancers notice, stops the HTTP server gracefully (no new
 * connections, requests in flight finish within the timeout), closes the engine (store and index) and telemetry, and
 * the process exits 0.
 *
 * <p>It handles the signals itself rather than in a shutdown hook alone, because a JVM that ends through the default
 * SIGTERM handling exits with status 143, which supervisors report as a failure. A shutdown hook still does the same
 * work when the JVM ends in any other way.
 */
final class ServeShutdown {
    /** The environment variable that sets the default of {@code --shutdown-timeout}. */
    static final String TIMEOUT_ENV = "STRATUM_SHUTDOWN_TIMEOUT";
    /** The environment variable that sets the default of {@code --shutdown-delay}. */
    static final String DELAY_ENV = "STRATUM_SHUTDOWN_DELAY";
    private static final Logger LOG = LoggerFactory.getLogger(ServeShutdown.class);
    private final StratumServer server;
    private final Duration delay;
    private final Duration timeout;
    private final List<AutoCloseable> afterServer;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /**
     * Drains {@code server} for {@code delay}, stops it waiting up to {@code timeout} for requests in flight, then
     * closes {@code afterServer} in order.
     */
    ServeShutdown(StratumServer server, Duration delay, Duration timeout, List<AutoCloseable> afterServer) {
        this.server = server;
        this.delay = delay;
        this.timeout = timeout;
        this.afterServer = List.copyOf(afterServer);
    }

    /** Blocks until SIGTERM or SIGINT arrives, then stops everything and returns. */
    void awaitSignalThenStop() throws InterruptedException {
        CountDownLatch signalled = new CountDownLatch(1);
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("received SIG{}; stopping", signal.getName());
                    signalled.countDown();
                });
            } catch (IllegalArgumentException e) {
                // The JVM keeps this signal to itself (-Xrs, or it is ignored): the shutdown hook handles it.
                LOG.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
        Thread hook = new Thread(this::stop, "stratum-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        signalled.await();
        drain();
        stop();
        Runtime.getRuntime().removeShutdownHook(hook);
    }

    private void drain() throws InterruptedException {
        server.drain();
        if (delay.isPositive()) {
            LOG.info("readiness now answers 503; still serving for {} s so that load balancers notice",
                    delay.toSeconds());
            Thread.sleep(delay);
        }
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            server.stop(timeout);
        } finally {
            for (AutoCloseable resource : afterServer) {
                close(resource);
            }
        }
    }

    private static void close(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.error("could not close {} cleanly", resource.getClass().getSimpleName(), e);
        }
    }
}
