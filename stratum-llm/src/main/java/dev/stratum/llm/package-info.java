/** Generative models behind an OpenAI-compatible chat API, kept inside each task's operational design domain. */
package dev.stratum.llm;
