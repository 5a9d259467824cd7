package dev.stratum.server;

import dev.stratum.api.StratumService;
import dev.stratum.api.UnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Wraps the real engine so that two reserved task ids fail the way a broken dependency would, which the real engine
 * cannot be made to do on demand: {@value #EXPLODING_TASK} throws an unexpected exception whose message holds the
 * request's text, {@value #UNAVAILABLE_TASK} throws {@link UnavailableException}. Every other call goes to the engine.
 */
final class FaultInjection {
    static final String EXPLODING_TASK = "fault-exploding";
    static final String UNAVAILABLE_TASK = "fault-unavailable";

    private FaultInjection() {}

    /** The engine, except that it reports not being ready, as while its store is unreachable. */
    static StratumService notReady(StratumService engine) {
        return (StratumService) Proxy.newProxyInstance(FaultInjection.class.getClassLoader(),
                new Class<?>[] {StratumService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("isReady")) {
                        return false;
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static StratumService wrap(StratumService engine) {
        return (StratumService) Proxy.newProxyInstance(FaultInjection.class.getClassLoader(),
                new Class<?>[] {StratumService.class}, (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String taskId) {
                        if (taskId.equals(EXPLODING_TASK)) {
                            String text = args.length > 1 ? String.valueOf(args[1]) : "";
                            throw new IllegalStateException("simulated bug while handling '" + text + "'");
                        }
                        if (taskId.equals(UNAVAILABLE_TASK)) {
                            throw new UnavailableException("store_unavailable", "the store is not answering", null);
                        }
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
