/**
 * Generative models behind an OpenAI-compatible chat API, kept inside each task's operational design domain.
 *
 * <ul>
 *   <li>{@link dev.stratum.llm.LlmConfig}: the provider, from {@code STRATUM_LLM_*} variables; absent means no LLM.
 *   <li>{@link dev.stratum.llm.ChatClient} and {@link dev.stratum.llm.OpenAiChatClient}: one call under a deadline,
 *       with retries of retriable errors and a circuit breaker per provider.
 *   <li>{@link dev.stratum.llm.OutputSpec} and {@link dev.stratum.llm.OutputParser}: what a valid answer is (JSON
 *       Schema, allowed values, patterns) and the check.
 *   <li>{@link dev.stratum.llm.PromptTemplate}, {@link dev.stratum.llm.LlmGenerator}: versioned prompts with
 *       few-shot examples, re-asks with the validation error, k distinct candidates.
 *   <li>{@link dev.stratum.llm.LlmClassifier}: the chat model as a classification task's general layer.
 * </ul>
 *
 * What may leave the machine, and in what form (allowed hosts, redaction of personal identifiers), is in
 * {@link dev.stratum.llm.privacy}; {@link dev.stratum.llm.OpenAiChatClient} applies it to every call.
 */
package dev.stratum.llm;
