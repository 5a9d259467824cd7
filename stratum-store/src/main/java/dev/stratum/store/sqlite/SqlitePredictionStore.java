package dev.stratum.store.sqlite;

import static dev.stratum.store.sqlite.ColumnCodec.fromJson;
import static dev.stratum.store.sqlite.ColumnCodec.getInstant;
import static dev.stratum.store.sqlite.ColumnCodec.setInstant;
import static dev.stratum.store.sqlite.ColumnCodec.toJson;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.stratum.api.ConflictException;
import dev.stratum.api.Example;
import dev.stratum.api.ExampleSource;
import dev.stratum.api.Feedback;
import dev.stratum.api.FeedbackAction;
import dev.stratum.api.GenerationAttempt;
import dev.stratum.api.LabelScore;
import dev.stratum.api.Layer;
import dev.stratum.api.NotFoundException;
import dev.stratum.api.Prediction;
import dev.stratum.api.odd.OddCheck;
import dev.stratum.api.store.FeedbackOutcome;
import dev.stratum.api.store.PredictionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;

/**
 * Predictions in the {@code predictions} table, with the latest feedback on each in its own columns. The example that
 * feedback creates is stored with the prediction's id (and source FEEDBACK unless it says otherwise), whatever the
 * given example carried.
 */
final class SqlitePredictionStore implements PredictionStore {
    private static final TypeReference<List<LabelScore>> SCORES = new TypeReference<>() {};
    private static final TypeReference<List<GenerationAttempt>> ATTEMPTS = new TypeReference<>() {};
    private static final String COLUMNS = "id, task_id, text, label, confidence, source, model_version, scores,"
            + " latency_ms, created_at, feedback_action, feedback_label, feedback_comment, feedback_at, odd, attempts";

    private final SqliteDatabase db;
    private final Clock clock;

    SqlitePredictionStore(SqliteDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void insertAll(List<Prediction> predictions) {
        if (predictions.isEmpty()) {
            return;
        }
        db.write("store " + predictions.size() + " predictions", c -> {
            try (PreparedStatement insert = c.prepareStatement("insert into predictions (" + COLUMNS + ")"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Prediction p : predictions) {
                    bind(insert, p);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw translate(e, predictions);
            }
            return null;
        });
    }

    private void bind(PreparedStatement insert, Prediction p) throws SQLException {
        insert.setString(1, p.id());
        insert.setString(2, p.taskId());
        insert.setString(3, p.text());
        insert.setString(4, p.label());
        insert.setDouble(5, p.confidence());
        insert.setString(6, Objects.requireNonNull(p.source(), "a prediction needs the layer that made it").name());
        insert.setString(7, p.modelVersion());
        insert.setString(8, toJson(p.scores()));
        insert.setDouble(9, p.latencyMs());
        setInstant(insert, 10, p.createdAt() == null ? clock.instant() : p.createdAt());
        Feedback f = p.feedback();
        insert.setString(11, f == null ? null : f.action().name());
        insert.setString(12, f == null ? null : f.label());
        insert.setString(13, f == null ? null : f.comment());
        setInstant(insert, 14, f == null ? null : f.at());
        insert.setString(15, p.odd() == null ? null : toJson(p.odd()));
        insert.setString(16, p.attempts().isEmpty() ? null : toJson(p.attempts()));
    }

    /** Throws the Stratum error for a constraint the batch violated; returns {@code e} when it is anything else. */
    private static SQLException translate(SQLException e, List<Prediction> predictions) {
        if (SqliteDatabase.violates(e, SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY)) {
            throw SqliteTaskStore.notFound(predictions.getFirst().taskId());
        }
        if (SqliteDatabase.violates(e, SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
            throw new ConflictException("prediction_exists", "a prediction with one of the ids "
                    + predictions.stream().map(Prediction::id).limit(5).toList()
                    + " is already stored; prediction ids must be unique");
        }
        return e;
    }

    @Override
    public Optional<Prediction> find(String id) {
        return db.read("read prediction '" + id + "'", c -> {
            try (PreparedStatement select =
                    c.prepareStatement("select " + COLUMNS + " from predictions where id = ?")) {
                select.setString(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(prediction(rows)) : Optional.<Prediction>empty();
                }
            }
        });
    }

    @Override
    public FeedbackOutcome recordFeedback(String predictionId, Feedback feedback, Example example) {
        return db.write("store feedback on prediction '" + predictionId + "'", c -> {
            try (PreparedStatement update = c.prepareStatement("update predictions set feedback_action = ?,"
                    + " feedback_label = ?, feedback_comment = ?, feedback_at = ? where id = ?")) {
                update.setString(1, feedback.action().name());
                update.setString(2, feedback.label());
                update.setString(3, feedback.comment());
                setInstant(update, 4, feedback.at());
                update.setString(5, predictionId);
                if (update.executeUpdate() == 0) {
                    throw new NotFoundException("prediction_not_found", "prediction '" + predictionId
                            + "' does not exist; send feedback with the id that the prediction's response carried");
                }
            }
            Long replaced = deleteExampleOf(c, predictionId);
            Example added = null;
            if (example != null) {
                // Linking the example to the prediction is what lets later feedback on it find and replace it.
                Example linked = new Example(0, example.taskId(), example.text(), example.label(),
                        example.source() == null ? ExampleSource.FEEDBACK : example.source(), predictionId,
                        example.createdAt());
                added = ExampleRows.insert(c, List.of(linked), clock).getFirst();
            }
            return new FeedbackOutcome(added, replaced);
        });
    }

    /** Deletes the example earlier feedback on the prediction created, returning its id, or null if none. */
    private static Long deleteExampleOf(Connection c, String predictionId) throws SQLException {
        try (PreparedStatement delete =
                c.prepareStatement("delete from examples where prediction_id = ? returning id")) {
            delete.setString(1, predictionId);
            Long replaced = null;
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    replaced = rows.getLong(1);
                }
            }
            return replaced;
        }
    }

    @Override
    public long count(String taskId) {
        return db.read("count predictions of task '" + taskId + "'", c -> {
            try (PreparedStatement count = c.prepareStatement("select count(*) from predictions where task_id = ?")) {
                count.setString(1, taskId);
                try (ResultSet rows = count.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public List<Prediction> recent(String taskId, int limit) {
        return db.read("read the newest predictions of task '" + taskId + "'", c -> {
            try (PreparedStatement select = c.prepareStatement("select " + COLUMNS + " from predictions"
                    + " where task_id = ? order by created_at desc, id desc limit ?")) {
                select.setString(1, taskId);
                select.setInt(2, Math.max(0, limit));
                List<Prediction> predictions = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        predictions.add(prediction(rows));
                    }
                }
                return predictions;
            }
        });
    }

    private static Prediction prediction(ResultSet rows) throws SQLException {
        String action = rows.getString("feedback_action");
        String odd = rows.getString("odd");
        String attempts = rows.getString("attempts");
        Feedback feedback = action == null ? null : new Feedback(FeedbackAction.valueOf(action),
                rows.getString("feedback_label"), rows.getString("feedback_comment"), getInstant(rows, "feedback_at"));
        return new Prediction(rows.getString("id"), rows.getString("task_id"), rows.getString("text"),
                rows.getString("label"), rows.getDouble("confidence"), Layer.valueOf(rows.getString("source")),
                rows.getString("model_version"), fromJson(rows.getString("scores"), SCORES),
                rows.getDouble("latency_ms"), getInstant(rows, "created_at"), feedback,
                odd == null ? null : fromJson(odd, OddCheck.class),
                attempts == null ? List.of() : fromJson(attempts, ATTEMPTS));
    }
}
