package dev.stratum.orchestration;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/** Prediction ids: {@code pr_}, the creation time in base 36 (so ids sort by time), and 64 random bits. */
final class PredictionIds {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PredictionIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return "pr_" + Long.toString(clock.millis(), 36) + HexFormat.of().formatHex(bytes);
    }
}
