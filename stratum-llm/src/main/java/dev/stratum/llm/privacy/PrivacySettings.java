package dev.stratum.llm.privacy;

import dev.stratum.api.InvalidRequestException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The privacy settings of one LLM provider: the mode for tasks that set none, and the person names to redact. The
 * names are personal data themselves, so {@link #toString()} and every message give only their count and position.
 *
 * @param mode applied to tasks without a mode of their own
 * @param names person names, whole words in any case; none may hold a quote, a backslash or a control character
 */
public record PrivacySettings(PrivacyMode mode, List<String> names) {
    /** {@code redact}, {@code block} or {@code allow}; default {@code redact}. */
    public static final String ENV_MODE = "STRATUM_LLM_PRIVACY";
    /** Person names to redact, separated by commas. */
    public static final String ENV_NAMES = "STRATUM_LLM_PII_NAMES";
    /** A UTF-8 file of person names to redact, one per line; blank lines and lines starting with # are skipped. */
    public static final String ENV_NAMES_FILE = "STRATUM_LLM_PII_NAMES_FILE";

    /** Redact, with no names listed. */
    public static final PrivacySettings DEFAULT = new PrivacySettings(PrivacyMode.REDACT, List.of());

    private static final int MAX_NAME_LENGTH = 200;

    public PrivacySettings {
        Objects.requireNonNull(mode, "mode");
        List<String> clean = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).strip();
            if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || !name.codePoints().anyMatch(Character::isLetter)
                    || name.chars().anyMatch(c -> c == '"' || c == '\\' || Character.isISOControl(c))) {
                throw new InvalidRequestException("invalid_llm_config", "person name number " + (i + 1)
                        + " of the privacy list is not usable: a name needs a letter, at most " + MAX_NAME_LENGTH
                        + " characters, and no quotes, backslashes or control characters");
            }
            clean.add(name);
        }
        names = List.copyOf(clean);
    }

    /** Reads {@value #ENV_MODE}, {@value #ENV_NAMES} and {@value #ENV_NAMES_FILE}. */
    public static PrivacySettings fromEnvironment(Map<String, String> env) {
        String modeValue = env.get(ENV_MODE);
        PrivacyMode mode = modeValue == null || modeValue.isBlank()
                ? PrivacyMode.REDACT
                : PrivacyMode.parse(modeValue, ENV_MODE);
        List<String> names = new ArrayList<>();
        String listed = env.get(ENV_NAMES);
        if (listed != null) {
            for (String name : listed.split(",")) {
                if (!name.isBlank()) {
                    names.add(name);
                }
            }
        }
        String file = env.get(ENV_NAMES_FILE);
        if (file != null && !file.isBlank()) {
            names.addAll(readNames(Path.of(file.strip())));
        }
        return new PrivacySettings(mode, names);
    }

    private static List<String> readNames(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new InvalidRequestException("invalid_llm_config", ENV_NAMES_FILE + " '" + file
                    + "' cannot be read (" + e.getClass().getSimpleName() + "); give a UTF-8 file with one name per line",
                    e);
        }
    }

    public PrivacySettings withMode(PrivacyMode value) {
        return new PrivacySettings(value, names);
    }

    @Override
    public String toString() {
        return "PrivacySettings[mode=" + mode.id() + ", names=" + names.size() + "]";
    }
}
