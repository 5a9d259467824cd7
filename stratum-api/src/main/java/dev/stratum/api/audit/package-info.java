/**
 * The tamper-evident audit log: what was changed, by whom and when, appended to a hash chain ({@link
 * dev.stratum.api.audit.AuditChain}) that a verifier can check entry by entry.
 */
package dev.stratum.api.audit;
