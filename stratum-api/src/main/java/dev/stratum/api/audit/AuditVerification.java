package dev.stratum.api.audit;

/**
 * What checking the audit log found.
 *
 * @param intact whether every entry checked out
 * @param verifiedEntries how many entries, from the first, are intact
 * @param headHash the hash of the last intact entry ({@link AuditChain#GENESIS} when there is none): compare it with
 *     a copy kept outside the database to detect a rewritten or truncated log
 * @param brokenAt the sequence number of the first entry that failed, or null
 * @param problem what failed, in words, or null
 */
public record AuditVerification(boolean intact, long verifiedEntries, String headHash, Long brokenAt,
        String problem) {
    static AuditVerification intact(long entries, String headHash) {
        return new AuditVerification(true, entries, headHash, null, null);
    }

    static AuditVerification broken(long verified, String headHash, long at, String problem) {
        return new AuditVerification(false, verified, headHash, at, problem);
    }
}
