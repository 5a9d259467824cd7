package dev.stratum.learning.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.ImportFormat;
import dev.stratum.api.ImportOptions;
import dev.stratum.api.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Streams rows out of a labelled file: CSV with a header row, or JSON lines (or, for unlabelled texts, plain lines). The text column is {@code text} and the
 * label column the first of {@code label}, {@code category}, {@code intent} that exists, unless the options name
 * others. Rows that cannot be used are returned with an error rather than thrown, so an import can skip and report
 * them; a file that cannot be read at all (no text column, say) fails at once.
 */
public final class LabelledFileReader implements Iterator<LabelledRow>, AutoCloseable {
    static final List<String> LABEL_COLUMNS = List.of("label", "category", "intent");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader reader;
    private final ImportOptions options;
    private final boolean labelRequired;
    private CsvParser csv;
    private int textIndex = -1;
    private int labelIndex = -1;
    private long jsonLine;
    private LabelledRow next;

    private LabelledFileReader(InputStream in, ImportOptions options, boolean labelRequired) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.options = options;
        this.labelRequired = labelRequired;
        try {
            if (options.format() == ImportFormat.LINES && labelRequired) {
                throw new InvalidRequestException("unlabelled_format", "a file of plain lines has no labels; import"
                        + " labelled examples as CSV or JSON lines, or import these texts as unlabelled ones for"
                        + " review (POST /v1/tasks/{task}/examples/import?unlabelled=true, stratum import"
                        + " --unlabelled)");
            }
            skipByteOrderMark();
            if (options.format() == ImportFormat.CSV) {
                readCsvHeader();
            }
        } catch (IOException e) {
            throw new InvalidRequestException("unreadable_file", "could not read the file: " + e.getMessage(), e);
        }
    }

    /** Opens a stream of labelled rows; the caller closes it. */
    public static LabelledFileReader open(InputStream in, ImportOptions options) {
        return new LabelledFileReader(in, options, true);
    }

    /** Opens a stream where the label column is optional (text-only files). */
    public static LabelledFileReader openTexts(InputStream in, ImportOptions options) {
        return new LabelledFileReader(in, options, false);
    }

    /** Reads a whole file, format guessed from its name unless given; rows with errors are dropped. */
    public static List<LabelledRow> readAll(Path file, ImportOptions options) throws IOException {
        ImportOptions effective = options != null ? options : ImportOptions.of(ImportFormat.guess(file.toString()));
        List<LabelledRow> rows = new ArrayList<>();
        try (LabelledFileReader r = open(Files.newInputStream(file), effective)) {
            r.forEachRemaining(row -> {
                if (row.ok()) {
                    rows.add(row);
                }
            });
        }
        return rows;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = switch (options.format()) {
                    case CSV -> nextCsv();
                    case JSONL -> nextJson();
                    case LINES -> nextLine();
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public LabelledRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        LabelledRow row = next;
        next = null;
        return row;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void skipByteOrderMark() throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    private void readCsvHeader() throws IOException {
        csv = new CsvParser(reader);
        List<String> header = csv.next();
        if (header == null) {
            throw new InvalidRequestException("empty_file", "the CSV file is empty; it needs a header row such as "
                    + "'text,label' and one row per example");
        }
        List<String> names = header.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        String textColumn = options.textColumn() == null ? "text" : options.textColumn().toLowerCase(Locale.ROOT);
        textIndex = names.indexOf(textColumn);
        if (textIndex < 0) {
            throw new InvalidRequestException("missing_column", "the CSV header " + header + " has no '" + textColumn
                    + "' column; name the text column 'text' or pass the text column's name (text_col)");
        }
        if (options.labelColumn() != null) {
            labelIndex = names.indexOf(options.labelColumn().toLowerCase(Locale.ROOT));
        } else {
            labelIndex = LABEL_COLUMNS.stream().mapToInt(names::indexOf).filter(i -> i >= 0).findFirst().orElse(-1);
        }
        if (labelIndex < 0 && labelRequired) {
            throw new InvalidRequestException("missing_column", "the CSV header " + header + " has no label column; "
                    + "name it one of " + LABEL_COLUMNS + " or pass the label column's name (label_col)");
        }
    }

    private LabelledRow nextCsv() throws IOException {
        List<String> fields = csv.next();
        if (fields == null) {
            return null;
        }
        long line = csv.recordLine();
        int needed = Math.max(textIndex, labelIndex) + 1;
        if (fields.size() < needed) {
            return new LabelledRow(line, null, null, "has " + fields.size() + " field(s) but the header needs "
                    + needed + "; quote texts that contain commas");
        }
        return row(line, fields.get(textIndex), labelIndex < 0 ? null : fields.get(labelIndex));
    }

    /** The next non-blank line as a text without a label. */
    private LabelledRow nextLine() throws IOException {
        String line;
        do {
            line = reader.readLine();
            jsonLine++;
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        return row(jsonLine, line, null);
    }

    private LabelledRow nextJson() throws IOException {
        String line;
        do {
            line = reader.readLine();
            jsonLine++;
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new LabelledRow(jsonLine, null, null, "is not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            return new LabelledRow(jsonLine, null, null, "is not a JSON object");
        }
        String textField = options.textColumn() == null ? "text" : options.textColumn();
        JsonNode text = node.get(textField);
        JsonNode label = null;
        if (options.labelColumn() != null) {
            label = node.get(options.labelColumn());
        } else {
            for (String name : LABEL_COLUMNS) {
                if (node.hasNonNull(name)) {
                    label = node.get(name);
                    break;
                }
            }
        }
        return row(jsonLine, text == null || text.isNull() ? null : text.asText(),
                label == null || label.isNull() ? null : label.asText());
    }

    private LabelledRow row(long line, String text, String label) {
        if (text == null || text.isBlank()) {
            return new LabelledRow(line, null, label, "has an empty text");
        }
        String cleanLabel = label == null ? null : label.strip();
        if (labelRequired && (cleanLabel == null || cleanLabel.isEmpty())) {
            return new LabelledRow(line, text, null, "has no label");
        }
        return new LabelledRow(line, text.strip(), cleanLabel, null);
    }
}
