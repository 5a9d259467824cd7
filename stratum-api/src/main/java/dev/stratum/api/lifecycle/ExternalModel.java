package dev.stratum.api.lifecycle;

import dev.stratum.api.InvalidRequestException;
import java.util.regex.Pattern;

/**
 * A model fine-tuned elsewhere, behind an OpenAI-compatible chat endpoint, to be registered as a version of a task's
 * hyperlocal layer. It is prompted as the task's OpenAI chat export teaches (the system message names the taxonomy,
 * the user message is the text) and must answer with a label. The key is never stored: only the name of the
 * environment variable that holds it on the server.
 *
 * @param baseUrl the API root that {@code /chat/completions} is appended to, for example {@code
 *     https://api.openai.com/v1}
 * @param model the model name the provider expects, for example {@code ft:gpt-4o-mini:acme:expenses:abc123}
 * @param apiKeyEnv the name of the server's environment variable holding the key, or null when none is needed
 * @param reason why it is registered, for the version's provenance and history (optional)
 */
public record ExternalModel(String baseUrl, String model, String apiKeyEnv, String reason) {
    /** The {@code kind} of a model version that is an external chat model. */
    public static final String KIND = "openai_chat";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public ExternalModel {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw invalid("base_url is missing; give the endpoint's API root, for example https://api.openai.com/v1");
        }
        baseUrl = baseUrl.strip();
        if (model == null || model.isBlank()) {
            throw invalid("model is missing; give the model name the endpoint expects, for example"
                    + " ft:gpt-4o-mini:acme:expenses:abc123");
        }
        model = model.strip();
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? null : apiKeyEnv.strip();
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            throw invalid("api_key_env '" + apiKeyEnv + "' is not an environment variable name; give the name of"
                    + " the variable that holds the key on the server (letters, digits and _), never the key itself");
        }
        reason = reason == null || reason.isBlank() ? null : reason.strip();
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException("invalid_external_model", "external model: " + message);
    }
}
