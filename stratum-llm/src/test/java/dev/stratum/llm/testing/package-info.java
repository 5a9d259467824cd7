/**
 * Test support published in stratum-llm's test-jar: a scripted server that speaks OpenAI's chat-completions
 * protocol, standing in for an external LLM provider in this module's tests and the server module's.
 */
package dev.stratum.llm.testing;
