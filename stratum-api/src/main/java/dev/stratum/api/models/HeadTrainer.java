package dev.stratum.api.models;

/** Trains one kind of {@link TrainedHead}. Same data and seed give the same head, bit for bit. */
public interface HeadTrainer {
    String kind();

    TrainedHead train(TrainingSet data, long seed);

    TrainedHead load(byte[] bytes);
}
