package dev.stratum.orchestration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratum.api.InvalidRequestException;
import dev.stratum.api.Label;
import dev.stratum.api.LabelScore;
import dev.stratum.api.ModelVersion;
import dev.stratum.api.Task;
import dev.stratum.api.UnavailableException;
import dev.stratum.api.lifecycle.ExternalModel;
import dev.stratum.api.models.Distribution;
import dev.stratum.api.store.Store;
import dev.stratum.llm.ChatTurn;
import dev.stratum.llm.LlmConfig;
import dev.stratum.llm.OpenAiChatClient;
import dev.stratum.llm.privacy.EgressAllowList;
import dev.stratum.llm.privacy.PrivacySettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clients of the externally fine-tuned models registered as hyperlocal versions ({@link ExternalModel}), one per
 * version, made from the endpoint stored as the version's artifact. Calls go through stratum-llm's client, so the
 * server's egress allow-list ({@code STRATUM_LLM_ALLOWED_HOSTS}; without it, only the endpoint's own host) and
 * privacy mode ({@code STRATUM_LLM_PRIVACY}, redaction by default) apply as they do to the general layer's model.
 */
final class ExternalModels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalModels.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Map<String, String> env;
    private final Map<String, OpenAiChatClient> clients = new ConcurrentHashMap<>();

    /** @param env the server's environment, where keys, the allow-list and the privacy mode are read */
    ExternalModels(Store store, Map<String, String> env) {
        this.store = store;
        this.env = env;
    }

    static boolean isExternal(ModelVersion version) {
        return version != null && ExternalModel.KIND.equals(version.kind());
    }

    /** The artifact stored for an external version: its endpoint, never its key. */
    static byte[] artifact(ExternalModel model) {
        try {
            return JSON.writeValueAsBytes(new ExternalModel(model.baseUrl(), model.model(), model.apiKeyEnv(), null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an external model's endpoint cannot be written as JSON", e);
        }
    }

    /**
     * A client for the endpoint, checked as the server will use it: the URL, the allow-list and the key's variable.
     *
     * @throws InvalidRequestException when any of them is wrong, saying which and what to do
     */
    OpenAiChatClient connect(ExternalModel model) {
        String key = null;
        if (model.apiKeyEnv() != null) {
            key = env.get(model.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new InvalidRequestException("invalid_external_model", "external model: the environment variable"
                        + " " + model.apiKeyEnv() + " is not set on this server; set it to the endpoint's key and"
                        + " restart the server, or leave api_key_env out if the endpoint needs no key");
            }
        }
        String hosts = env.get(EgressAllowList.ENV_ALLOWED_HOSTS);
        LlmConfig config = LlmConfig.of(model.baseUrl(), model.model(), key)
                .withAllowedHosts(hosts == null || hosts.isBlank() ? null : EgressAllowList.parse(hosts))
                .withPrivacy(PrivacySettings.fromEnvironment(env));
        return OpenAiChatClient.create(config);
    }

    /**
     * Connects the version's client ahead of its first answer: a candidate is judged by the gate before its endpoint
     * is stored.
     */
    void prepare(String versionId, ExternalModel model) {
        OpenAiChatClient previous = clients.put(versionId, connect(model));
        if (previous != null) {
            previous.close();
        }
    }

    /**
     * The external version's answer for {@code text}: its label with probability 1 (a chat model gives no
     * probability), which may lie outside the taxonomy, for the cascade and the ODD policy to refuse; null when the
     * endpoint cannot be reached or the privacy mode keeps the text from it, so that the general layer answers.
     */
    Distribution classify(ModelVersion version, Task task, String text) {
        OpenAiChatClient client;
        try {
            client = clients.computeIfAbsent(version.id(), id -> connect(read(version)));
        } catch (InvalidRequestException e) {
            LOG.warn("external model {} cannot be reached as configured: {}", version.id(), e.getMessage());
            return null;
        }
        String answer;
        try {
            answer = client.complete(List.of(ChatTurn.system(ExampleExports.systemMessage(task)), ChatTurn.user(text)));
        } catch (UnavailableException | InvalidRequestException e) {
            LOG.debug("external model {} gave no answer: {}", version.id(), e.getMessage());
            return null;
        }
        return new Distribution(List.of(new LabelScore(label(task, answer), 1.0)));
    }

    /** The label an answer names: exactly, else ignoring case, quotes and a final full stop; else the answer. */
    static String label(Task task, String answer) {
        String trimmed = answer == null ? "" : answer.strip();
        String loose = trimmed.replaceAll("^[\"'`]+|[\"'`.]+$", "").strip();
        for (Label label : task.labels()) {
            if (label.name().equals(trimmed) || label.name().equalsIgnoreCase(loose)) {
                return label.name();
            }
        }
        return trimmed.isEmpty() ? "(no answer)" : trimmed;
    }

    private ExternalModel read(ModelVersion version) {
        try {
            return JSON.readValue(new String(store.models().artifact(version.id()), StandardCharsets.UTF_8),
                    ExternalModel.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the endpoint of external model version " + version.id() + " cannot be"
                    + " read back from the store", e);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(OpenAiChatClient::close);
        clients.clear();
    }
}
