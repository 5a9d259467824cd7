package dev.stratum.store.postgres;

import static dev.stratum.store.postgres.PostgresColumns.getInstant;
import static dev.stratum.store.postgres.PostgresColumns.setInstant;

import dev.stratum.api.NotFoundException;
import dev.stratum.api.ReviewItem;
import dev.stratum.api.store.PoolStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The pool of imported unlabelled texts in {@code pool_items}, and the ranking of {@code review_items}. */
final class PostgresPoolStore implements PoolStore {
    private static final String RESOLVED = ReviewItem.Status.RESOLVED.name();

    private final PostgresDatabase db;

    PostgresPoolStore(PostgresDatabase db) {
        this.db = db;
    }

    /** The id of a text in a task's pool: the same text always gets the same id, so it is stored once. */
    static String poolItemId(String taskId, String text) {
        return "pi_" + PostgresColumns.sha256(taskId + "\n" + text).substring(0, 40);
    }

    @Override
    public int add(String taskId, List<String> texts, Instant at) {
        if (texts.isEmpty()) {
            return 0;
        }
        return db.write("add " + texts.size() + " unlabelled texts to the pool of task '" + taskId + "'", c -> {
            int added = 0;
            try (PreparedStatement insert = c.prepareStatement("insert into pool_items (id, task_id, text, created_at)"
                    + " values (?, ?, ?, ?) on conflict do nothing")) {
                for (String text : texts) {
                    insert.setString(1, poolItemId(taskId, text));
                    insert.setString(2, taskId);
                    insert.setString(3, text);
                    setInstant(insert, 4, at);
                    added += insert.executeUpdate();
                }
            } catch (SQLException e) {
                if (PostgresDatabase.FOREIGN_KEY_VIOLATION.equals(PostgresDatabase.sqlState(e))) {
                    throw new NotFoundException("task_not_found", "task '" + taskId + "' does not exist");
                }
                throw e;
            }
            return added;
        });
    }

    @Override
    public long countImported(String taskId) {
        return db.read("count the pool of task '" + taskId + "'", c -> {
            try (PreparedStatement count = c.prepareStatement("select count(*) from pool_items i where i.task_id = ?"
                    + " and not exists (select 1 from review_items r where r.pool_item_id = i.id and r.status = ?)")) {
                count.setString(1, taskId);
                count.setString(2, RESOLVED);
                try (ResultSet rows = count.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public List<PoolCandidate> unvalidated(String taskId, int limit) {
        return db.read("read the pool of task '" + taskId + "'", c -> {
            List<PoolCandidate> queued = select(c, "select id as review_id, prediction_id, pool_item_id, text,"
                    + " created_at from review_items where task_id = ? and status <> ? order by created_at desc, id collate \"C\""
                    + " limit ?", taskId, limit, true);
            List<PoolCandidate> rest = new ArrayList<>(select(c, "select null as review_id, p.id as prediction_id,"
                    + " null as pool_item_id, p.text, p.created_at from predictions p where p.task_id = ?"
                    + " and p.feedback_action is null and not exists (select 1 from review_items r where"
                    + " r.prediction_id = p.id) order by p.created_at desc, p.id collate \"C\" limit ?", taskId, limit, false));
            rest.addAll(select(c, "select null as review_id, null as prediction_id, i.id as pool_item_id, i.text,"
                    + " i.created_at from pool_items i where i.task_id = ? and not exists (select 1 from review_items r"
                    + " where r.pool_item_id = i.id) order by i.created_at desc, i.id collate \"C\" limit ?", taskId, limit, false));
            rest.sort(Comparator.comparing(PoolCandidate::createdAt).reversed());
            List<PoolCandidate> all = new ArrayList<>(queued);
            all.addAll(rest);
            return List.copyOf(all.subList(0, Math.min(limit, all.size())));
        });
    }

    private static List<PoolCandidate> select(Connection c, String sql, String taskId, int limit, boolean unresolved)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            int i = 1;
            select.setString(i++, taskId);
            if (unresolved) {
                select.setString(i++, RESOLVED);
            }
            select.setInt(i, limit);
            List<PoolCandidate> found = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(new PoolCandidate(rows.getString("review_id"), rows.getString("prediction_id"),
                            rows.getString("pool_item_id"), rows.getString("text"), getInstant(rows, "created_at")));
                }
            }
            return found;
        }
    }

    @Override
    public void applyRanking(String taskId, List<ReviewItem> ranked) {
        db.write("rank the review queue of task '" + taskId + "'", c -> {
            Set<String> chosen = new HashSet<>();
            ranked.forEach(item -> chosen.add(item.id()));
            try (PreparedStatement clear = c.prepareStatement("update review_items set queue_rank = null,"
                    + " rank_strategy = null, rank_score = null, rank_model = null, ranked_at = null"
                    + " where task_id = ? and status <> ?")) {
                clear.setString(1, taskId);
                clear.setString(2, RESOLVED);
                clear.executeUpdate();
            }
            List<String> stale = new ArrayList<>();
            // Locked, so that a reviewer on another replica cannot claim an item this ranking is removing.
            try (PreparedStatement select = c.prepareStatement("select id from review_items where task_id = ?"
                    + " and status = ? and origin <> ? for update")) {
                select.setString(1, taskId);
                select.setString(2, ReviewItem.Status.OPEN.name());
                select.setString(3, ReviewItem.Origin.ODD.name());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        if (!chosen.contains(rows.getString(1))) {
                            stale.add(rows.getString(1));
                        }
                    }
                }
            }
            try (PreparedStatement delete = c.prepareStatement("delete from review_items where id = ? and status = 'OPEN'")) {
                for (String id : stale) {
                    delete.setString(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            for (ReviewItem item : ranked) {
                if (!rank(c, item) && !exists(c, item.id())) {
                    PostgresReviewStore.insertRow(c, item);
                }
            }
            return null;
        });
    }

    /** Sets an unresolved item's ranking; false when there is no such unresolved item. */
    private static boolean rank(Connection c, ReviewItem item) throws SQLException {
        ReviewItem.Ranking ranking = item.ranking();
        try (PreparedStatement update = c.prepareStatement("update review_items set queue_rank = ?,"
                + " rank_strategy = ?, rank_score = ?, rank_model = ?, ranked_at = ? where id = ? and status <> ?")) {
            update.setInt(1, ranking.rank());
            update.setString(2, ranking.strategy());
            PostgresReviewStore.setScore(update, 3, ranking.score());
            update.setString(4, ranking.modelVersion());
            setInstant(update, 5, ranking.rankedAt());
            update.setString(6, item.id());
            update.setString(7, RESOLVED);
            return update.executeUpdate() > 0;
        }
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select 1 from review_items where id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }
}
