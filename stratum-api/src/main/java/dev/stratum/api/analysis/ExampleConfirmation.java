package dev.stratum.api.analysis;

import java.time.Instant;

/** A person's word that an example's label is right: it stops being listed as a suspected label error. */
public record ExampleConfirmation(String taskId, long exampleId, String label, String confirmedBy,
        Instant confirmedAt) {}
