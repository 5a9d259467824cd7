package dev.stratum.telemetry.anomaly.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads NAB's files: a series as {@code timestamp,value} CSV, and the windows JSON keyed by relative path. */
final class NabFiles {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private NabFiles() {}

    /** One series: timestamps (epoch millis, UTC as NAB means them) and values, in file order. */
    record Series(long[] times, double[] values) {
        int size() {
            return times.length;
        }
    }

    /** A labelled window, both ends included. */
    record Window(Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && !t.isAfter(end);
        }
    }

    static Map<String, List<Window>> windows(Path file) {
        Map<String, List<List<String>>> raw;
        try {
            raw = new ObjectMapper().readValue(file.toFile(), new TypeReference<>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("windows file " + file + " is not NAB windows JSON ({\"dir/series.csv\": "
                    + "[[\"start\", \"end\"], ...]}): " + e.getMessage(), e);
        }
        Map<String, List<Window>> windows = new LinkedHashMap<>();
        raw.forEach((key, list) -> windows.put(key, list.stream().map(pair -> {
            if (pair.size() != 2) {
                throw new IllegalArgumentException("window " + pair + " of '" + key + "' in " + file
                        + " needs exactly a start and an end");
            }
            return new Window(instant(pair.get(0), file), instant(pair.get(1), file));
        }).toList()));
        return windows;
    }

    static Series series(Path file) {
        List<Long> times = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().equalsIgnoreCase("timestamp,value")) {
                throw new IllegalArgumentException(file + " does not start with the header 'timestamp,value'");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                int comma = line.indexOf(',');
                try {
                    times.add(instant(line.substring(0, Math.max(0, comma)), file).toEpochMilli());
                    values.add(Double.parseDouble(line.substring(comma + 1).strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + " line " + number + " is not 'timestamp,value': "
                            + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Series(times.stream().mapToLong(Long::longValue).toArray(),
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Instant instant(String text, Path file) {
        try {
            return LocalDateTime.parse(text.strip(), TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + text + "' in " + file
                    + " is not 'yyyy-MM-dd HH:mm:ss' (optionally with .ffffff)", e);
        }
    }
}
