package dev.stratum.api.models;

import java.util.Map;

/** A classifier head trained on a task's examples, which can be saved and loaded back bit for bit. */
public interface TrainedHead extends EmbeddingClassifier {
    /** The algorithm's name, for example {@code softmax-regression}. */
    String kind();

    Map<String, Object> hyperparameters();

    /** A self-describing byte form; {@link HeadTrainer#load(byte[])} of the same kind restores an equal head. */
    byte[] toBytes();
}
