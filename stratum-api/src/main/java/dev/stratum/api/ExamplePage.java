package dev.stratum.api;

import java.util.List;

/** A page of a task's examples, in insertion order, with the total count. */
public record ExamplePage(List<Example> items, int offset, int limit, long total) {}
