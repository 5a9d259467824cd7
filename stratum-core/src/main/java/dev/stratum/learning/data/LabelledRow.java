package dev.stratum.learning.data;

/**
 * One row of a labelled file: either usable ({@code error == null}) or skipped with the reason.
 *
 * @param line the 1-based line on which the row starts, the header counted
 * @param label the label, or null in a text-only file
 */
public record LabelledRow(long line, String text, String label, String error) {
    public boolean ok() {
        return error == null;
    }
}
