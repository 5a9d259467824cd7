package dev.stratum.api;

import java.util.List;

/** What a caller gives to create a classification task; settings may be null for the defaults. */
public record NewTask(String id, String name, List<Label> labels, TaskSettings settings) {}
