package dev.stratum.api.audit;

import java.util.function.Supplier;

/**
 * Who the current thread acts for, for the audit log: set by the HTTP server for each authenticated request (the API
 * key's name) and by the command line ({@code cli:<user>}); threads that set nothing act as {@link #SYSTEM}, as
 * background training and the lifecycle's own promotions and rollbacks do.
 */
public final class Actor {
    /** The actor of what Stratum does by itself. */
    public static final String SYSTEM = "stratum";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Actor() {}

    public static String current() {
        String name = CURRENT.get();
        return name == null ? SYSTEM : name;
    }

    /** Sets the current thread's actor until {@link #clear()}: for a server thread at the start of a request. */
    public static void set(String name) {
        if (name == null || name.isBlank()) {
            CURRENT.remove();
        } else {
            CURRENT.set(name);
        }
    }

    public static void clear() {
        CURRENT.remove();
    }

    /** Runs {@code work} as {@code name}, then restores the actor before it. */
    public static <T> T as(String name, Supplier<T> work) {
        String before = CURRENT.get();
        set(name);
        try {
            return work.get();
        } finally {
            set(before);
        }
    }
}
