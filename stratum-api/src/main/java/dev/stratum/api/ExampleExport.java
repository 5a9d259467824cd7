package dev.stratum.api;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A task's validated examples, ready to be written for fine-tuning elsewhere, with what identifies them: the count
 * and the fingerprint (SHA-256 over each text and label, in order, as a model version's provenance computes it).
 */
public interface ExampleExport {
    ExportFormat format();

    int count();

    String dataFingerprint();

    /** The model version whose training examples these are, or null for all of the task's validated examples. */
    String modelVersion();

    /**
     * In a curated export, how many examples were left out as suspected label errors that no person confirmed; 0
     * otherwise.
     */
    int suspectsExcluded();

    /** Writes the examples in the export's format and flushes. */
    void writeTo(OutputStream out) throws IOException;
}
