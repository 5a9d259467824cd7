package dev.stratum.telemetry.anomaly;

/** Mean and standard deviation of the last {@code capacity} values, in O(1) per value. */
final class RollingMoments {
    private final double[] ring;
    private int size;
    private int next;
    private double sum;
    private double sumSquares;
    private long added;

    RollingMoments(int capacity) {
        this.ring = new double[capacity];
    }

    void add(double value) {
        if (size == ring.length) {
            double old = ring[next];
            sum -= old;
            sumSquares -= old * old;
        } else {
            size++;
        }
        ring[next] = value;
        next = (next + 1) % ring.length;
        sum += value;
        sumSquares += value * value;
        if (++added % ring.length == 0) {
            recompute();
        }
    }

    /** Running sums drift with rounding; summing afresh once per window keeps them exact enough for good. */
    private void recompute() {
        sum = 0;
        sumSquares = 0;
        for (int i = 0; i < size; i++) {
            sum += ring[i];
            sumSquares += ring[i] * ring[i];
        }
    }

    int size() {
        return size;
    }

    double mean() {
        return sum / size;
    }

    double std() {
        double mean = mean();
        return Math.sqrt(Math.max(0, sumSquares / size - mean * mean));
    }
}
