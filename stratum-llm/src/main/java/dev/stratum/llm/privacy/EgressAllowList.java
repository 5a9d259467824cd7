package dev.stratum.llm.privacy;

import dev.stratum.api.InvalidRequestException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The hosts that calls to external providers may reach. An entry is a host name or IP address, matched exactly in
 * any case, or {@code *.} and a domain, which matches every host below that domain but not the domain itself.
 *
 * @param hosts the entries, lower-case, IPv6 addresses without brackets
 */
public record EgressAllowList(Set<String> hosts) {
    /** Comma-separated hosts; by default only the host of the configured base URL. */
    public static final String ENV_ALLOWED_HOSTS = "STRATUM_LLM_ALLOWED_HOSTS";

    public EgressAllowList {
        Set<String> clean = new LinkedHashSet<>();
        for (String host : hosts) {
            String h = normalize(host);
            if (!h.matches("(\\*\\.)?[a-z0-9](?:[a-z0-9.\\-]*[a-z0-9])?|[0-9a-f:.]*:[0-9a-f:.]*")) {
                throw new InvalidRequestException("invalid_llm_config", ENV_ALLOWED_HOSTS + " entry '" + host
                        + "' is not a host name; list host names or addresses only, without scheme, port or path,"
                        + " for example api.openai.com,*.openai.azure.com");
            }
            clean.add(h);
        }
        if (clean.isEmpty()) {
            throw new InvalidRequestException("invalid_llm_config", ENV_ALLOWED_HOSTS
                    + " lists no host; list at least the provider's host, or leave it unset to allow only that one");
        }
        hosts = Set.copyOf(clean);
    }

    /** Only {@code host}. */
    public static EgressAllowList only(String host) {
        return new EgressAllowList(Set.of(host));
    }

    /** Reads a comma-separated list such as {@code api.openai.com, *.openai.azure.com}. */
    public static EgressAllowList parse(String commaSeparated) {
        Set<String> hosts = new LinkedHashSet<>();
        for (String entry : commaSeparated.split(",")) {
            if (!entry.isBlank()) {
                hosts.add(entry);
            }
        }
        return new EgressAllowList(hosts);
    }

    public boolean permits(String host) {
        if (host == null) {
            return false;
        }
        String h = normalize(host);
        for (String allowed : hosts) {
            if (allowed.equals(h) || (allowed.startsWith("*.") && h.endsWith(allowed.substring(1)))) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    @Override
    public String toString() {
        return String.join(",", hosts.stream().sorted().toList());
    }
}
