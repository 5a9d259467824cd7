package dev.stratum.api.odd;

import dev.stratum.api.Example;
import dev.stratum.api.InvalidRequestException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A task's operational design domain: the rules every answer must satisfy, and what happens when one fails. Versioned:
 * a changed policy gets the next {@link #version()}, and each checked prediction records the version it was checked
 * against. Any part left out (null, or absent from the JSON) takes its default; what is given is validated here, with
 * messages that name the field by its JSON name.
 *
 * @param version 1, 2, 3... per task
 */
public record OddPolicy(Integer version, InputRules input, OutputRules output, ConfidenceRule confidence) {
    /** Version 1 with every default: see {@link InputRules}, {@link OutputRules} and {@link ConfidenceRule}. */
    public static final OddPolicy DEFAULT = new OddPolicy(null, null, null, null);

    public OddPolicy {
        version = version == null ? 1 : version;
        if (version < 1) {
            throw invalid("version is " + version + "; versions count from 1");
        }
        input = input == null ? new InputRules(null, null, null, null) : input;
        output = output == null ? new OutputRules(null, null) : output;
        confidence = confidence == null ? new ConfidenceRule(null, null) : confidence;
    }

    /**
     * Rules on the input.
     *
     * @param maxLength the longest text, in characters, that is answered (default and upper limit 10,000)
     * @param inDomainAcceptance the share of in-domain inputs that the out-of-domain check accepts (default 0.95);
     *     the check refuses what looks less like the task's examples than the rest. 1 turns the check off
     * @param onTooLong what happens to a longer text (default {@code abstain})
     * @param onOutOfDomain what happens to an input that looks out of domain (default {@code review})
     * @param requiredFields for inputs that are JSON objects (for example an invoice line sent as
     *     {@code {"description": ..., "amount": ...}}): the fields each must have, non-empty (default none: any text)
     * @param onMissingFields what happens to an input without them (default {@code abstain})
     */
    public record InputRules(Integer maxLength, Double inDomainAcceptance, OddAction onTooLong,
            OddAction onOutOfDomain, List<String> requiredFields, OddAction onMissingFields) {
        public static final int DEFAULT_MAX_LENGTH = Example.MAX_TEXT_LENGTH;
        public static final double DEFAULT_ACCEPTANCE = 0.95;
        public static final int MAX_REQUIRED_FIELDS = 50;

        public InputRules {
            maxLength = maxLength == null ? DEFAULT_MAX_LENGTH : maxLength;
            if (maxLength < 1 || maxLength > Example.MAX_TEXT_LENGTH) {
                throw invalid("input.max_length is " + maxLength + "; use a number of characters from 1 to "
                        + Example.MAX_TEXT_LENGTH + ", or leave it out for " + DEFAULT_MAX_LENGTH);
            }
            inDomainAcceptance = inDomainAcceptance == null ? DEFAULT_ACCEPTANCE : inDomainAcceptance;
            if (!(inDomainAcceptance >= 0.5 && inDomainAcceptance <= 1)) {
                throw invalid("input.in_domain_acceptance is " + inDomainAcceptance + "; use the share of in-domain"
                        + " inputs to accept, from 0.5 to 1 (1 turns the out-of-domain check off), or leave it out"
                        + " for " + DEFAULT_ACCEPTANCE);
            }
            onTooLong = onTooLong == null ? OddAction.ABSTAIN : onTooLong;
            onOutOfDomain = onOutOfDomain == null ? OddAction.REVIEW : onOutOfDomain;
            requiredFields = List.copyOf(requiredFields == null ? List.of() : requiredFields);
            if (requiredFields.size() > MAX_REQUIRED_FIELDS
                    || requiredFields.stream().anyMatch(f -> f == null || f.isBlank())) {
                throw invalid("input.required_fields lists " + requiredFields.size() + " names; give at most "
                        + MAX_REQUIRED_FIELDS + " non-empty field names, or leave it out to accept any text");
            }
            onMissingFields = onMissingFields == null ? OddAction.ABSTAIN : onMissingFields;
        }

        public InputRules(Integer maxLength, Double inDomainAcceptance, OddAction onTooLong,
                OddAction onOutOfDomain) {
            this(maxLength, inDomainAcceptance, onTooLong, onOutOfDomain, null, null);
        }
    }

    /**
     * Rules on the answer.
     *
     * @param labelInTaxonomy answer only with a label of the task's current taxonomy (default true)
     * @param onViolation what happens to an answer that breaks these rules (default {@code fallback}: for
     *     classification the general layer, which knows the current taxonomy, answers instead; for generation the
     *     most similar validated example's output)
     * @param jsonSchema for generation: the JSON Schema every output must satisfy (null: any JSON value)
     * @param allowedValues for generation: per field (a top-level name or a JSON Pointer), the only values allowed
     * @param patterns for generation: per field, a regular expression its text must match
     * @param maxReasks for generation: how many times the model is asked again, with the validation error, before
     *     the violation applies (default 2, at most 5)
     */
    public record OutputRules(Boolean labelInTaxonomy, OddAction onViolation, Map<String, Object> jsonSchema,
            Map<String, List<String>> allowedValues, Map<String, String> patterns, Integer maxReasks) {
        public static final int DEFAULT_MAX_REASKS = 2;
        public static final int MAX_REASKS = 5;

        public OutputRules {
            labelInTaxonomy = labelInTaxonomy == null || labelInTaxonomy;
            onViolation = onViolation == null ? OddAction.FALLBACK : onViolation;
            jsonSchema = jsonSchema == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(jsonSchema));
            allowedValues = allowedValues == null ? Map.of() : Map.copyOf(allowedValues);
            patterns = patterns == null ? Map.of() : Map.copyOf(patterns);
            maxReasks = maxReasks == null ? DEFAULT_MAX_REASKS : maxReasks;
            if (maxReasks < 0 || maxReasks > MAX_REASKS) {
                throw invalid("output.max_reasks is " + maxReasks + "; use 0 to " + MAX_REASKS
                        + ", or leave it out for " + DEFAULT_MAX_REASKS);
            }
        }

        public OutputRules(Boolean labelInTaxonomy, OddAction onViolation) {
            this(labelInTaxonomy, onViolation, null, null, null, null);
        }
    }

    /**
     * The confidence rule: answer only when the conformal prediction set at {@code coverage} holds exactly one
     * label; otherwise abstain and return the set as candidates.
     *
     * @param coverage the probability that the prediction set holds the right label (default 0.95); higher means
     *     larger sets, so fewer answers and fewer wrong ones
     * @param onViolation what happens when the set holds several labels (default {@code review})
     */
    public record ConfidenceRule(Double coverage, OddAction onViolation) {
        public static final double DEFAULT_COVERAGE = 0.95;

        public ConfidenceRule {
            coverage = coverage == null ? DEFAULT_COVERAGE : coverage;
            if (!(coverage >= 0.5 && coverage <= 0.999)) {
                throw invalid("confidence.coverage is " + coverage + "; use the probability that the prediction set"
                        + " holds the right label, from 0.5 to 0.999, or leave it out for " + DEFAULT_COVERAGE);
            }
            onViolation = onViolation == null ? OddAction.REVIEW : onViolation;
        }
    }

    /** The same rules under another version number. */
    public OddPolicy withVersion(int value) {
        return new OddPolicy(value, input, output, confidence);
    }

    /** What the policy does when {@code rule} fails. */
    public OddAction actionFor(OddRule rule) {
        return switch (rule) {
            case INPUT_TOO_LONG -> input.onTooLong();
            case MISSING_FIELDS -> input.onMissingFields();
            case OUT_OF_DOMAIN -> input.onOutOfDomain();
            case LABEL_NOT_IN_TAXONOMY, OUTPUT_INVALID -> output.onViolation();
            case PROVIDER_UNAVAILABLE -> OddAction.FALLBACK;
            case LOW_CONFIDENCE -> confidence.onViolation();
        };
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("invalid_odd_policy", String.format(Locale.ROOT, "ODD policy: %s", message));
    }
}
