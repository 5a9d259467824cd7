/**
 * What may leave the machine on a call to an external LLM provider, and in what form.
 *
 * <ul>
 *   <li>{@link dev.stratum.llm.privacy.EgressAllowList}: the hosts that calls may reach; a client for any other is
 *       refused when it is created.
 *   <li>{@link dev.stratum.llm.privacy.PrivacyMode}: per task, redact (the default), block or allow.
 *   <li>{@link dev.stratum.llm.privacy.PiiRedactor} and {@link dev.stratum.llm.privacy.Redaction}: finds the
 *       identifiers of {@link dev.stratum.llm.privacy.PiiKind} (check digits where they exist, names from a
 *       configured list), replaces them by placeholders, and restores the answer.
 *   <li>{@link dev.stratum.llm.privacy.PrivacySettings}: the default mode and the names, from the environment.
 * </ul>
 *
 * {@link dev.stratum.llm.OpenAiChatClient} applies both on every call it makes; nothing else in Stratum talks to a
 * provider.
 */
package dev.stratum.llm.privacy;
