package dev.stratum.store.sqlite;

import static dev.stratum.store.sqlite.ColumnCodec.fromJson;
import static dev.stratum.store.sqlite.ColumnCodec.getInstant;
import static dev.stratum.store.sqlite.ColumnCodec.setInstant;
import static dev.stratum.store.sqlite.ColumnCodec.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stratum.api.ConflictException;
import dev.stratum.api.Example;
import dev.stratum.api.LabelScore;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.ReviewItem;
import dev.stratum.api.store.ReviewStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The review queue in the {@code review_items} table. */
final class SqliteReviewStore implements ReviewStore {
    private static final TypeReference<List<LabelScore>> SCORES = new TypeReference<>() {};
    private static final String COLUMNS = "id, task_id, prediction_id, text, reason, candidates, priority, status,"
            + " claimed_by, claimed_at, resolved_label, out_of_scope, resolved_by, resolved_at, created_at, origin,"
            + " pool_item_id, queue_rank, rank_strategy, rank_score, rank_model, ranked_at";
    /** Ranked items first, in rank order; then the rest by priority, oldest first. */
    static final String QUEUE_ORDER = "case when queue_rank is null then 1 else 0 end, queue_rank, priority desc,"
            + " created_at, id";

    private final SqliteDatabase db;
    private final Clock clock;

    SqliteReviewStore(SqliteDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void insert(ReviewItem item) {
        db.write("queue review item '" + item.id() + "'", c -> {
            try {
                insertRow(c, item);
            } catch (SQLException e) {
                if (SqliteDatabase.violates(e, org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY)) {
                    throw new NotFoundException("task_not_found", "task '" + item.taskId() + "' does not exist");
                }
                throw e;
            }
            return null;
        });
    }

    /** Inserts one item in the caller's transaction. */
    static void insertRow(Connection c, ReviewItem item) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into review_items (" + COLUMNS + ") values"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, item.id());
            insert.setString(2, item.taskId());
            insert.setString(3, item.predictionId());
            insert.setString(4, item.text());
            insert.setString(5, item.reason());
            insert.setString(6, toJson(item.candidates()));
            insert.setDouble(7, item.priority());
            insert.setString(8, item.status().name());
            insert.setString(9, item.claimedBy());
            setInstant(insert, 10, item.claimedAt());
            insert.setString(11, item.resolvedLabel());
            insert.setInt(12, item.outOfScope() ? 1 : 0);
            insert.setString(13, item.resolvedBy());
            setInstant(insert, 14, item.resolvedAt());
            setInstant(insert, 15, item.createdAt());
            insert.setString(16, item.origin().name());
            insert.setString(17, item.poolItemId());
            ReviewItem.Ranking ranking = item.ranking();
            if (ranking == null) {
                insert.setNull(18, Types.INTEGER);
                insert.setNull(19, Types.VARCHAR);
                insert.setNull(20, Types.DOUBLE);
                insert.setNull(21, Types.VARCHAR);
                setInstant(insert, 22, null);
            } else {
                insert.setInt(18, ranking.rank());
                insert.setString(19, ranking.strategy());
                setScore(insert, 20, ranking.score());
                insert.setString(21, ranking.modelVersion());
                setInstant(insert, 22, ranking.rankedAt());
            }
            insert.executeUpdate();
        }
    }

    static void setScore(PreparedStatement statement, int index, Double score) throws SQLException {
        if (score == null || !Double.isFinite(score)) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, score);
        }
    }

    @Override
    public Optional<ReviewItem> find(String id) {
        return db.read("read review item '" + id + "'", c -> find(c, id));
    }

    @Override
    public List<ReviewItem> list(String taskId, ReviewItem.Status status, int offset, int limit) {
        return db.read("list the review queue of task '" + taskId + "'", c -> {
            String where = status == null ? "task_id = ?" : "task_id = ? and status = ?";
            try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from review_items where "
                    + where + " order by " + QUEUE_ORDER + " limit ? offset ?")) {
                int i = 1;
                select.setString(i++, taskId);
                if (status != null) {
                    select.setString(i++, status.name());
                }
                select.setInt(i++, limit);
                select.setInt(i, offset);
                List<ReviewItem> items = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        items.add(item(rows));
                    }
                }
                return items;
            }
        });
    }

    @Override
    public long count(String taskId, ReviewItem.Status status) {
        return db.read("count the review queue of task '" + taskId + "'", c -> {
            String where = status == null ? "task_id = ?" : "task_id = ? and status = ?";
            try (PreparedStatement count = c.prepareStatement("select count(*) from review_items where " + where)) {
                count.setString(1, taskId);
                if (status != null) {
                    count.setString(2, status.name());
                }
                try (ResultSet rows = count.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public ReviewItem claim(String id, String reviewer, Instant at) {
        return db.write("claim review item '" + id + "'", c -> {
            ReviewItem item = find(c, id).orElseThrow(() -> notFound(id));
            if (item.status() == ReviewItem.Status.RESOLVED) {
                throw new ConflictException("review_item_resolved", "review item '" + id + "' was already resolved by "
                        + item.resolvedBy() + "; take the next open item");
            }
            if (item.status() == ReviewItem.Status.CLAIMED && !reviewer.equals(item.claimedBy())) {
                throw new ConflictException("review_item_claimed", "review item '" + id + "' is claimed by "
                        + item.claimedBy() + " since " + item.claimedAt() + "; take another open item");
            }
            try (PreparedStatement update = c.prepareStatement(
                    "update review_items set status = ?, claimed_by = ?, claimed_at = ? where id = ?")) {
                update.setString(1, ReviewItem.Status.CLAIMED.name());
                update.setString(2, reviewer);
                setInstant(update, 3, at);
                update.setString(4, id);
                update.executeUpdate();
            }
            return find(c, id).orElseThrow();
        });
    }

    @Override
    public Example resolve(String id, String label, boolean outOfScope, String reviewer, Instant at, Example example) {
        return db.write("resolve review item '" + id + "'", c -> {
            ReviewItem item = find(c, id).orElseThrow(() -> notFound(id));
            if (item.status() == ReviewItem.Status.RESOLVED) {
                throw new ConflictException("review_item_resolved", "review item '" + id + "' was already resolved by "
                        + item.resolvedBy() + " at " + item.resolvedAt());
            }
            try (PreparedStatement update = c.prepareStatement("update review_items set status = ?,"
                    + " resolved_label = ?, out_of_scope = ?, resolved_by = ?, resolved_at = ? where id = ?")) {
                update.setString(1, ReviewItem.Status.RESOLVED.name());
                update.setString(2, label);
                update.setInt(3, outOfScope ? 1 : 0);
                update.setString(4, reviewer);
                setInstant(update, 5, at);
                update.setString(6, id);
                update.executeUpdate();
            }
            return example == null ? null : ExampleRows.insert(c, List.of(example), clock).getFirst();
        });
    }

    @Override
    public List<String> outOfScopeTexts(String taskId, int limit) {
        return db.read("read out-of-scope texts of task '" + taskId + "'", c -> {
            try (PreparedStatement select = c.prepareStatement("select text from review_items where task_id = ?"
                    + " and out_of_scope = 1 order by resolved_at desc, id limit ?")) {
                select.setString(1, taskId);
                select.setInt(2, limit);
                List<String> texts = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        texts.add(rows.getString(1));
                    }
                }
                return texts;
            }
        });
    }

    @Override
    public void reprioritise(String taskId, Map<String, Double> priorityById) {
        db.write("re-rank the review queue of task '" + taskId + "'", c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "update review_items set priority = ? where id = ? and task_id = ? and status <> ?")) {
                for (Map.Entry<String, Double> entry : priorityById.entrySet()) {
                    update.setDouble(1, entry.getValue());
                    update.setString(2, entry.getKey());
                    update.setString(3, taskId);
                    update.setString(4, ReviewItem.Status.RESOLVED.name());
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    private static Optional<ReviewItem> find(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from review_items where id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(item(rows)) : Optional.empty();
            }
        }
    }

    private static ReviewItem item(ResultSet rows) throws SQLException {
        return new ReviewItem(rows.getString("id"), rows.getString("task_id"), rows.getString("prediction_id"),
                rows.getString("text"), rows.getString("reason"), fromJson(rows.getString("candidates"), SCORES),
                rows.getDouble("priority"), ReviewItem.Status.valueOf(rows.getString("status")),
                rows.getString("claimed_by"), getInstant(rows, "claimed_at"), rows.getString("resolved_label"),
                rows.getInt("out_of_scope") == 1, rows.getString("resolved_by"), getInstant(rows, "resolved_at"),
                getInstant(rows, "created_at"), ReviewItem.Origin.valueOf(rows.getString("origin")),
                rows.getString("pool_item_id"), ranking(rows));
    }

    private static ReviewItem.Ranking ranking(ResultSet rows) throws SQLException {
        int rank = rows.getInt("queue_rank");
        if (rows.wasNull()) {
            return null;
        }
        double score = rows.getDouble("rank_score");
        return new ReviewItem.Ranking(rows.getString("rank_strategy"), rows.wasNull() ? null : score, rank,
                rows.getString("rank_model"), getInstant(rows, "ranked_at"));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("review_item_not_found", "review item '" + id + "' does not exist; list the "
                + "queue with GET /v1/tasks/{task}/review");
    }
}
