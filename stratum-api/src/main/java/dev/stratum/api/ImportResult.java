package dev.stratum.api;

import java.util.List;

/**
 * What a bulk import did. Rows that could not be used are skipped and listed (the first few) with their line
 * numbers and reasons; everything counted as imported is committed.
 */
public record ImportResult(long imported, long skipped, List<RowError> errors, List<String> labelsAdded) {
    public ImportResult {
        errors = List.copyOf(errors);
        labelsAdded = List.copyOf(labelsAdded);
    }

    /** Why one input row was skipped. {@code line} counts from 1, the header included. */
    public record RowError(long line, String message) {}
}
