package dev.stratum.orchestration;

import dev.stratum.api.store.Neighbour;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * An exact, in-memory nearest-neighbour lookup over a fixed set of examples: what evaluation on a held-out share uses,
 * so that the held-out examples (which are in the task's index) cannot find themselves.
 */
final class ExactNeighbours implements Cascade.NeighbourLookup {
    private final List<Long> ids = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final List<float[]> vectors = new ArrayList<>();

    void add(long id, String label, float[] vector) {
        ids.add(id);
        labels.add(label);
        vectors.add(vector);
    }

    @Override
    public List<Neighbour> nearest(String taskId, float[] query, int k) {
        PriorityQueue<Neighbour> best = new PriorityQueue<>(Comparator.comparingDouble(Neighbour::similarity));
        for (int i = 0; i < vectors.size(); i++) {
            float[] v = vectors.get(i);
            float dot = 0;
            for (int j = 0; j < v.length; j++) {
                dot += v[j] * query[j];
            }
            if (best.size() < k) {
                best.add(new Neighbour(ids.get(i), labels.get(i), dot));
            } else if (dot > best.peek().similarity()) {
                best.poll();
                best.add(new Neighbour(ids.get(i), labels.get(i), dot));
            }
        }
        List<Neighbour> result = new ArrayList<>(best);
        result.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
        return result;
    }
}
