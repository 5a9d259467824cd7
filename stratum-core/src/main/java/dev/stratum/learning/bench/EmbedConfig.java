package dev.stratum.learning.bench;

import dev.stratum.api.InvalidRequestException;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link EmbedBench} runs.
 *
 * @param rounds alternating rounds of LangChain4j's and Stratum's encoder over all the texts
 * @param batchTokens batch limits, in padded tokens, of Stratum's general encoder to time (1 runs every text alone)
 * @param peakGopsPerCore the peak int8 multiply-add throughput of one core, in billions of operations per second (a
 *     multiply-add counts as two), for the estimate of how close the encoder gets to the hardware
 */
public record EmbedConfig(Path file, String textColumn, String labelColumn, int rounds, List<Integer> batchTokens,
        double peakGopsPerCore) {
    /**
     * 2.1 GHz x 2 AVX-512 VNNI instructions per cycle x 64 int8 multiply-adds x 2 operations: the AMD EPYC (Zen 5)
     * cores of the machines this was written on, at their nominal clock.
     */
    public static final double DEFAULT_PEAK_GOPS_PER_CORE = 2.1 * 2 * 64 * 2;

    public EmbedConfig {
        BenchConfig.of(file, file, List.of("all"), 1); // validates the file the same way
        if (rounds < 1 || rounds > 100) {
            throw new InvalidRequestException("invalid_bench", "rounds must be between 1 and 100, got " + rounds);
        }
        for (int tokens : batchTokens) {
            if (tokens < 1 || tokens > 65_536) {
                throw new InvalidRequestException("invalid_bench",
                        "batch limits must be between 1 and 65536 tokens, got " + tokens);
            }
        }
        batchTokens = List.copyOf(batchTokens);
        if (!(peakGopsPerCore > 0)) {
            throw new InvalidRequestException("invalid_bench",
                    "the peak throughput per core must be positive, got " + peakGopsPerCore);
        }
    }
}
