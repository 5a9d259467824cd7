package dev.stratum.api.analysis;

/** A validated example named in an analysis: its id, text and label. */
public record AnalysedExample(long id, String text, String label) {}
