package dev.stratum.llm.privacy;

import dev.stratum.api.InvalidRequestException;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Applies a {@link PrivacyMode} to the texts of one request before they go to an external provider. In
 * {@link PrivacyMode#REDACT redact} mode each identifier becomes a placeholder such as {@code [EMAIL_1]}: one per
 * distinct value, numbered in order of first appearance across the texts, so the same value gets the same
 * placeholder everywhere in the request, and a conversation that only grows keeps its numbering from call to call.
 * Messages never contain the texts or the identifiers, only their kinds and counts.
 */
public final class PiiRedactor {
    /** The error code of a text refused in {@link PrivacyMode#BLOCK block} mode. */
    public static final String BLOCKED = "pii_blocked";

    private final PiiDetector detector;

    /**
     * A redactor that finds, besides the structured identifiers, the person names in {@code names}; they are checked
     * as {@link PrivacySettings} checks them.
     */
    public PiiRedactor(Collection<String> names) {
        this.detector = new PiiDetector(new PrivacySettings(PrivacyMode.REDACT, List.copyOf(names)).names());
    }

    /**
     * The texts to send in place of {@code texts}, and how to restore an answer.
     *
     * @throws InvalidRequestException with code {@link #BLOCKED} in block mode when any text holds an identifier
     */
    public Redaction redact(List<String> texts, PrivacyMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (mode == PrivacyMode.ALLOW) {
            return new Redaction(texts, Map.of(), Map.of());
        }
        Map<String, PiiKind> kinds = new LinkedHashMap<>();
        for (String text : texts) {
            detector.find(text).forEach(f -> kinds.putIfAbsent(f.value(), f.kind()));
        }
        Map<PiiKind, Integer> counts = new EnumMap<>(PiiKind.class);
        kinds.values().forEach(kind -> counts.merge(kind, 1, Integer::sum));
        if (mode == PrivacyMode.BLOCK && !counts.isEmpty()) {
            throw new InvalidRequestException(BLOCKED, "nothing was sent to the LLM provider: the text holds "
                    + describe(counts) + ", and this task's privacy mode is block; remove them from the text,"
                    + " or set the task's privacy mode to redact to send placeholders in their place");
        }
        if (kinds.isEmpty()) {
            return new Redaction(texts, Map.of(), Map.of());
        }
        Map<String, String> placeholders = placeholders(kinds, texts);
        Pattern anyValue = anyOf(kinds);
        List<String> redacted = texts.stream()
                .map(text -> anyValue.matcher(text).replaceAll(m -> Matcher.quoteReplacement(placeholders.get(m.group()))))
                .toList();
        Map<String, String> originals = placeholders.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        return new Redaction(redacted, originals, counts);
    }

    /**
     * Value to placeholder, in order of first appearance, skipping any placeholder that a text already holds
     * literally, so that restoring gives back exactly the original.
     */
    private static Map<String, String> placeholders(Map<String, PiiKind> kinds, List<String> texts) {
        Map<String, String> placeholders = new LinkedHashMap<>();
        Map<PiiKind, Integer> last = new EnumMap<>(PiiKind.class);
        kinds.forEach((value, kind) -> {
            String placeholder;
            do {
                placeholder = "[" + kind.tag() + "_" + last.merge(kind, 1, Integer::sum) + "]";
            } while (containsLiterally(texts, placeholder));
            placeholders.put(value, placeholder);
        });
        return placeholders;
    }

    private static boolean containsLiterally(List<String> texts, String placeholder) {
        return texts.stream().anyMatch(t -> t.contains(placeholder));
    }

    /**
     * Every occurrence of a found value, longest first, so that a value is replaced also where the detector would not
     * see it again: a card number that the model's answer glued to a digit still goes out as a placeholder on the
     * next call. Names stay whole words, as they were found.
     */
    private static Pattern anyOf(Map<String, PiiKind> kinds) {
        return Pattern.compile(kinds.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(v -> kinds.get(v) == PiiKind.PERSON_NAME
                        ? "(?<![\\p{L}\\p{M}\\p{N}])" + Pattern.quote(v) + "(?![\\p{L}\\p{M}\\p{N}])"
                        : Pattern.quote(v))
                .collect(Collectors.joining("|")));
    }

    /** "1 e-mail address and 2 IBANs": kinds and counts, never values. */
    static String describe(Map<PiiKind, Integer> counts) {
        List<String> parts = counts.entrySet().stream().map(e -> e.getKey().count(e.getValue())).toList();
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
