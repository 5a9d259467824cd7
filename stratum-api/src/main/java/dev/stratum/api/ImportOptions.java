package dev.stratum.api;

/**
 * How to read a labelled file.
 *
 * @param textColumn the text column or JSON field; null for {@code text}
 * @param labelColumn the label column or field; null for the first of {@code label}, {@code category}, {@code intent}
 * @param addUnknownLabels add labels that are not yet in the taxonomy instead of skipping their rows
 */
public record ImportOptions(ImportFormat format, String textColumn, String labelColumn, boolean addUnknownLabels) {
    public static ImportOptions of(ImportFormat format) {
        return new ImportOptions(format, null, null, false);
    }
}
