package dev.stratum.store.postgres;

import dev.stratum.api.store.HistoryStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A task's traffic per interval, grouped by PostgreSQL over the epoch milliseconds of {@code predictions}
 * (the grouping of the SQLite store, on timestamps). */
final class PostgresHistoryStore implements HistoryStore {
    private final PostgresDatabase db;

    PostgresHistoryStore(PostgresDatabase db) {
        this.db = db;
    }

    @Override
    public List<Bucket> history(String taskId, Instant from, Instant to, Duration bucket) {
        long start = from.toEpochMilli();
        long width = bucket.toMillis();
        return db.read("read the history of task '" + taskId + "'", c -> {
            try (PreparedStatement select = c.prepareStatement("select"
                    + " floor((extract(epoch from created_at) * 1000 - ?) / ?)::bigint as bucket, source,"
                    + " count(*) as predictions, sum(case when label is null then 1 else 0 end) as withheld,"
                    + " sum(case when label is not null and feedback_label is not null then 1 else 0 end) as judged,"
                    + " sum(case when feedback_label = label then 1 else 0 end) as correct"
                    + " from predictions where task_id = ? and created_at >= ? and created_at < ?"
                    + " group by bucket, source order by bucket, source")) {
                select.setLong(1, start);
                select.setLong(2, width);
                select.setString(3, taskId);
                PostgresColumns.setInstant(select, 4, from);
                PostgresColumns.setInstant(select, 5, to);
                List<BucketRow> rows = new ArrayList<>();
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new BucketRow(result.getLong("bucket"), result.getString("source"),
                                result.getLong("predictions"), result.getLong("withheld"), result.getLong("judged"),
                                result.getLong("correct")));
                    }
                }
                return BucketRow.merge(rows, from, bucket);
            }
        });
    }

    /** One group of the query: a bucket's predictions from one layer. */
    record BucketRow(long bucket, String source, long predictions, long withheld, long judged, long correct) {
        /** The groups of each bucket summed into one {@link Bucket}, in time order. */
        static List<Bucket> merge(List<BucketRow> rows, Instant from, Duration width) {
            Map<Long, List<BucketRow>> byBucket = new LinkedHashMap<>();
            rows.forEach(r -> byBucket.computeIfAbsent(r.bucket(), b -> new ArrayList<>()).add(r));
            List<Bucket> buckets = new ArrayList<>(byBucket.size());
            byBucket.forEach((index, group) -> {
                Map<String, Long> layers = new LinkedHashMap<>();
                long predictions = 0;
                long withheld = 0;
                long judged = 0;
                long correct = 0;
                for (BucketRow r : group) {
                    predictions += r.predictions();
                    withheld += r.withheld();
                    judged += r.judged();
                    correct += r.correct();
                    if (r.predictions() > r.withheld()) {
                        layers.merge(r.source().toLowerCase(Locale.ROOT), r.predictions() - r.withheld(), Long::sum);
                    }
                }
                buckets.add(new Bucket(from.plus(width.multipliedBy(index)), predictions, layers, withheld, judged,
                        correct));
            });
            return buckets;
        }
    }
}
