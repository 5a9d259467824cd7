package dev.stratum.orchestration;

import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.ImportResult;
import dev.stratum.api.ImportResult.RowError;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.api.StratumException;
import dev.stratum.api.Task;
import dev.stratum.api.store.Store;
import dev.stratum.learning.data.LabelledFileReader;
import dev.stratum.learning.data.LabelledRow;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams a labelled file into a task's examples in committed batches, skipping and reporting rows it cannot use. The
 * nearest-neighbour memory catches up in the background; training waits for it.
 */
final class ExampleIngest {
    static final int BATCH = 1000;
    static final int MAX_REPORTED_ERRORS = 100;

    private final Store store;
    private final TaskRegistry tasks;
    private final Clock clock;

    ExampleIngest(Store store, TaskRegistry tasks, Clock clock) {
        this.store = store;
        this.tasks = tasks;
        this.clock = clock;
    }

    ImportResult importExamples(String taskId, InputStream data, ImportOptions options) {
        tasks.get(taskId);
        Progress progress = new Progress();
        List<LabelledRow> pending = new ArrayList<>(BATCH);
        try (LabelledFileReader reader = LabelledFileReader.open(data, options)) {
            while (reader.hasNext()) {
                LabelledRow row = reader.next();
                progress.lastLine = row.line();
                if (!row.ok()) {
                    progress.skip(row.line(), "line " + row.line() + " " + row.error());
                    continue;
                }
                pending.add(row);
                if (pending.size() == BATCH) {
                    commit(taskId, pending, options, progress);
                }
            }
            commit(taskId, pending, options, progress);
        } catch (UncheckedIOException e) {
            throw new InvalidRequestException("unreadable_file", "reading the file failed after line "
                    + progress.lastLine + " (" + e.getCause().getMessage() + "); " + progress.imported
                    + " rows before it were imported", e);
        } catch (StratumException e) {
            if (progress.imported > 0) {
                throw new InvalidRequestException(e.code(), e.getMessage() + " (" + progress.imported
                        + " rows before it were imported)", e);
            }
            throw e;
        }
        return new ImportResult(progress.imported, progress.skipped, progress.errors, progress.labelsAdded);
    }

    /**
     * Streams unlabelled texts into the task's pool in committed batches; a label column, if any, is ignored, and a
     * text the pool holds already is counted as skipped (without a line of its own in the errors).
     */
    ImportResult importUnlabelled(String taskId, InputStream data, ImportOptions options) {
        tasks.get(taskId);
        Progress progress = new Progress();
        List<String> pending = new ArrayList<>(BATCH);
        try (LabelledFileReader reader = LabelledFileReader.openTexts(data, options)) {
            while (reader.hasNext()) {
                LabelledRow row = reader.next();
                progress.lastLine = row.line();
                if (!row.ok()) {
                    progress.skip(row.line(), "line " + row.line() + " " + row.error());
                } else if (row.text().length() > Example.MAX_TEXT_LENGTH) {
                    progress.skip(row.line(), "line " + row.line() + " has a text of " + row.text().length()
                            + " characters; the limit is " + Example.MAX_TEXT_LENGTH);
                } else {
                    pending.add(row.text());
                    if (pending.size() == BATCH) {
                        addToPool(taskId, pending, progress);
                    }
                }
            }
            addToPool(taskId, pending, progress);
        } catch (UncheckedIOException e) {
            throw new InvalidRequestException("unreadable_file", "reading the file failed after line "
                    + progress.lastLine + " (" + e.getCause().getMessage() + "); " + progress.imported
                    + " texts before it were imported", e);
        }
        return new ImportResult(progress.imported, progress.skipped, progress.errors, List.of());
    }

    private void addToPool(String taskId, List<String> texts, Progress progress) {
        if (texts.isEmpty()) {
            return;
        }
        int added = store.pool().add(taskId, texts, clock.instant());
        progress.imported += added;
        progress.skipped += texts.size() - added;
        texts.clear();
    }

    /** Counts and reported errors of one import. */
    private static final class Progress {
        final List<RowError> errors = new ArrayList<>();
        final List<String> labelsAdded = new ArrayList<>();
        long imported;
        long skipped;
        long lastLine;

        void skip(long line, String problem) {
            skipped++;
            if (errors.size() < MAX_REPORTED_ERRORS) {
                errors.add(new RowError(line, problem));
            }
        }
    }

    private void commit(String taskId, List<LabelledRow> rows, ImportOptions options, Progress progress) {
        if (rows.isEmpty()) {
            return;
        }
        Task task = tasks.get(taskId).task();
        if (options.addUnknownLabels()) {
            Set<String> unknown = new LinkedHashSet<>();
            rows.stream().map(LabelledRow::label).filter(l -> !tasks.get(taskId).task().hasLabel(l))
                    .forEach(unknown::add);
            if (!unknown.isEmpty()) {
                task = addLabels(task, unknown);
                progress.labelsAdded.addAll(unknown);
            }
        }
        List<Example> batch = new ArrayList<>(rows.size());
        for (LabelledRow row : rows) {
            String problem = check(task, row);
            if (problem != null) {
                progress.skip(row.line(), problem);
            } else {
                batch.add(new Example(0, taskId, row.text(), row.label(), ExampleSource.IMPORT, null,
                        clock.instant()));
            }
        }
        rows.clear();
        if (!batch.isEmpty()) {
            progress.imported += store.examples().insertAll(batch).size();
        }
    }

    private static String check(Task task, LabelledRow row) {
        if (row.text().length() > Example.MAX_TEXT_LENGTH) {
            return "line " + row.line() + " has a text of " + row.text().length() + " characters; the limit is "
                    + Example.MAX_TEXT_LENGTH;
        }
        if (!task.hasLabel(row.label())) {
            return "line " + row.line() + " has label '" + row.label() + "', which is not in the taxonomy of task '"
                    + task.id() + "' (add it first, or import with add_labels=true)";
        }
        return null;
    }

    private Task addLabels(Task task, Set<String> names) {
        List<Label> labels = new ArrayList<>(task.labels());
        Set<String> fresh = new LinkedHashSet<>(names);
        fresh.removeAll(task.labelNames());
        fresh.forEach(name -> labels.add(new Label(name, null)));
        return tasks.updateLabels(task.id(), labels);
    }
}
