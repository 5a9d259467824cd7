package dev.stratum.learning.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and line breaks. Tracks the line on
 * which each record starts so errors can point at it.
 */
final class CsvParser {
    private final Reader in;
    private long line = 1;
    private long recordLine = 1;
    private int peeked = -2;

    CsvParser(Reader in) {
        this.in = in;
    }

    /** The 1-based line on which the last record returned by {@link #next()} started. */
    long recordLine() {
        return recordLine;
    }

    /** The next record's fields, or null at the end of input. Blank lines are skipped. */
    List<String> next() throws IOException {
        int c = read();
        while (c == '\r' || c == '\n') {
            c = read();
        }
        if (c == -1) {
            return null;
        }
        recordLine = line - (c == '\n' ? 1 : 0);
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (quoted) {
                if (c == -1) {
                    throw new IOException("a quoted field opened on line " + recordLine + " is never closed");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = n;
                        continue;
                    }
                } else {
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r' || c == -1) {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        unread(n);
                    }
                }
                fields.add(field.toString());
                return fields;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        int c;
        if (peeked != -2) {
            c = peeked;
            peeked = -2;
        } else {
            c = in.read();
        }
        if (c == '\n') {
            line++;
        }
        return c;
    }

    private void unread(int c) {
        if (c == '\n') {
            line--;
        }
        peeked = c;
    }
}
