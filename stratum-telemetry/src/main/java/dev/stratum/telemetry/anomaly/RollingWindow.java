package dev.stratum.telemetry.anomaly;

import java.util.Arrays;

/**
 * The last {@code capacity} values, kept both in arrival order and sorted, for order statistics over a sliding
 * window. Adding costs one binary search and one array shift (a few hundred nanoseconds at 2,000 values).
 */
final class RollingWindow {
    private final double[] ring;
    private final double[] sorted;
    private int size;
    private int next;

    RollingWindow(int capacity) {
        this.ring = new double[capacity];
        this.sorted = new double[capacity];
    }

    void add(double value) {
        if (size == ring.length) {
            remove(ring[next]);
        }
        ring[next] = value;
        next = (next + 1) % ring.length;
        int at = Arrays.binarySearch(sorted, 0, size, value);
        int insert = at >= 0 ? at : -at - 1;
        System.arraycopy(sorted, insert, sorted, insert + 1, size - insert);
        sorted[insert] = value;
        size++;
    }

    private void remove(double value) {
        int at = Arrays.binarySearch(sorted, 0, size, value);
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        size--;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == ring.length;
    }

    /** The value at quantile {@code q} (0 to 1), by the nearest rank; needs at least one value. */
    double quantile(double q) {
        int rank = (int) Math.min(size - 1, Math.max(0, Math.floor(q * size)));
        return sorted[rank];
    }

    double median() {
        return size % 2 == 1 ? sorted[size / 2] : 0.5 * (sorted[size / 2 - 1] + sorted[size / 2]);
    }

    /** A robust standard deviation: the interquartile range over 1.349, which is sigma for normal data. */
    double robustSigma() {
        return (quantile(0.75) - quantile(0.25)) / 1.349;
    }

    /** The value added {@code back} additions ago (1 is the newest); needs {@code back <= size}. */
    double ago(int back) {
        return ring[Math.floorMod(next - back, ring.length)];
    }
}
