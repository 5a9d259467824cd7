package dev.stratum.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A unit of work Stratum serves: classifying texts into a taxonomy of labels, or generating an output for each input.
 *
 * @param labels the taxonomy of a classification task (at least one label); empty for a generation task
 * @param instructions what a generation task produces, as the language model is told; null for classification
 */
public record Task(
        String id,
        String name,
        TaskKind kind,
        List<Label> labels,
        TaskSettings settings,
        Instant createdAt,
        Instant updatedAt,
        String instructions) {
    /** The longest instructions a generation task may have, in characters. */
    public static final int MAX_INSTRUCTIONS = 20_000;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public Task {
        validateId(id);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        name = name == null || name.isBlank() ? id : name.strip();
        labels = List.copyOf(labels == null ? List.of() : labels);
        instructions = instructions == null || instructions.isBlank() ? null : instructions.strip();
        if (kind == TaskKind.CLASSIFICATION && labels.isEmpty()) {
            throw new InvalidRequestException("invalid_taxonomy", "task '" + id + "' needs at least one label");
        }
        if (kind == TaskKind.GENERATION && instructions == null) {
            throw new InvalidRequestException("missing_instructions", "generation task '" + id + "' needs"
                    + " instructions: what to produce for each input, as you would tell a person");
        }
        if (instructions != null && instructions.length() > MAX_INSTRUCTIONS) {
            throw new InvalidRequestException("invalid_instructions", "the instructions of task '" + id + "' are "
                    + instructions.length() + " characters long; at most " + MAX_INSTRUCTIONS + " are allowed");
        }
        long distinct = labels.stream().map(Label::name).distinct().count();
        if (distinct != labels.size()) {
            throw new InvalidRequestException("invalid_taxonomy",
                    "task '" + id + "' lists a label twice; label names must be unique");
        }
    }

    /** A classification task. */
    public Task(String id, String name, TaskKind kind, List<Label> labels, TaskSettings settings, Instant createdAt,
            Instant updatedAt) {
        this(id, name, kind, labels, settings, createdAt, updatedAt, null);
    }

    /** Checks a task id: 1 to 64 characters of lower-case letters, digits, '-' and '_'. */
    public static void validateId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidRequestException("invalid_task_id", "task id '" + id
                    + "' is not valid; use 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
    }

    public List<String> labelNames() {
        return labels.stream().map(Label::name).toList();
    }

    public boolean hasLabel(String label) {
        return labels.stream().anyMatch(l -> l.name().equals(label));
    }

    /** Throws a helpful error unless {@code label} is in this task's taxonomy. */
    public void requireLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new InvalidRequestException("missing_label", "a label is required; known labels of task '" + id
                    + "': " + summary(labelNames()));
        }
        if (!hasLabel(label)) {
            throw new InvalidRequestException("unknown_label", "label '" + label + "' is not in the taxonomy of task '"
                    + id + "'; known labels: " + summary(labelNames())
                    + ". Add it with PUT /v1/tasks/" + id + "/labels first.");
        }
    }

    private static String summary(List<String> names) {
        return names.size() <= 20
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 20)) + ", ... (" + names.size() + " in all)";
    }
}
