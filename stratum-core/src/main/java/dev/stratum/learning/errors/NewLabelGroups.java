package dev.stratum.learning.errors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Groups of inputs a task did not answer (out of scope, out of domain, rejected) that are as alike as the examples
 * of one of its labels: candidates for a new label.
 *
 * <p>How alike is alike enough is measured on the task itself, not set by hand: the threshold is the median, over
 * the task's labels with at least 3 examples, of the mean cosine similarity between two examples of the label. Inputs
 * are then grouped by density, as DBSCAN does (Ester et al. 1996): an input with at least {@code minSize - 1} others
 * at least that similar is a core, cores within that similarity of each other share a group, and the other inputs
 * join the group of a core they are close to. A group is shown when it has at least {@code minSize} members and its
 * mean similarity between two members reaches the threshold too, so a chain of loosely related inputs is not. Density
 * rather than k-means because the number of groups is what is unknown, and most rejected inputs belong to none.
 */
public final class NewLabelGroups {
    /** The fewest examples a label needs to say how alike its examples are. */
    public static final int MIN_LABEL_EXAMPLES = 3;
    private static final int TERMS = 3;

    private NewLabelGroups() {}

    /**
     * One group.
     *
     * @param members indexes into the inputs, the representative first
     * @param cohesion mean cosine similarity between two members
     * @param nearestLabel the label whose examples' centre is closest to the group's, or null
     * @param terms words that at least half the members use, most distinctive first
     */
    public record Group(List<Integer> members, double cohesion, String nearestLabel, double nearestLabelSimilarity,
            List<String> terms) {}

    /** The groups, largest first, and the threshold they were held to (null when the task's labels cannot say). */
    public record Result(Double threshold, List<Group> groups) {}

    /**
     * Groups {@code inputs} (unit-length vectors of {@code texts}).
     *
     * @param examplesByLabel the task's example vectors by label
     * @param exampleTexts the task's example texts, to tell a group's own words from the task's common ones
     */
    public static Result find(List<float[]> inputs, List<String> texts, Map<String, List<float[]>> examplesByLabel,
            List<String> exampleTexts, int minSize) {
        if (minSize < 2) {
            throw new IllegalArgumentException("a group needs at least 2 members, got min size " + minSize);
        }
        Double threshold = threshold(examplesByLabel);
        if (threshold == null || inputs.size() < minSize) {
            return new Result(threshold, List.of());
        }
        int n = inputs.size();
        float[][] similarity = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                float s = ConflictingDuplicates.dot(inputs.get(i), inputs.get(j));
                similarity[i][j] = s;
                similarity[j][i] = s;
            }
        }
        Map<String, Integer> common = documentFrequency(exampleTexts);
        List<Group> groups = new ArrayList<>();
        for (List<Integer> members : dense(similarity, threshold, minSize)) {
            double cohesion = meanPairwise(similarity, members);
            if (members.size() >= minSize && cohesion >= threshold) {
                groups.add(describe(members, cohesion, similarity, inputs, texts, examplesByLabel, common,
                        exampleTexts.size()));
            }
        }
        groups.sort(Comparator.comparingInt((Group g) -> g.members().size()).reversed()
                .thenComparing(Comparator.comparingDouble(Group::cohesion).reversed()));
        return new Result(threshold, groups);
    }

    /** The median over labels of the mean similarity between two of the label's examples. */
    static Double threshold(Map<String, List<float[]>> examplesByLabel) {
        double[] means = examplesByLabel.values().stream().filter(v -> v.size() >= MIN_LABEL_EXAMPLES)
                .mapToDouble(NewLabelGroups::meanPairwise).sorted().toArray();
        if (means.length == 0) {
            return null;
        }
        int mid = means.length / 2;
        return means.length % 2 == 1 ? means[mid] : (means[mid - 1] + means[mid]) / 2;
    }

    /** For unit vectors the sum over ordered pairs i != j of x_i . x_j is |sum x|^2 - n. */
    private static double meanPairwise(List<float[]> vectors) {
        int n = vectors.size();
        double[] sum = new double[vectors.getFirst().length];
        for (float[] v : vectors) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        double squared = 0;
        for (double s : sum) {
            squared += s * s;
        }
        return (squared - n) / ((double) n * (n - 1));
    }

    private static double meanPairwise(float[][] similarity, List<Integer> members) {
        double total = 0;
        for (int a = 0; a < members.size(); a++) {
            for (int b = a + 1; b < members.size(); b++) {
                total += similarity[members.get(a)][members.get(b)];
            }
        }
        int pairs = members.size() * (members.size() - 1) / 2;
        return pairs == 0 ? 0 : total / pairs;
    }

    /** DBSCAN with cosine similarity: groups of cores and the inputs they reach; the rest is noise. */
    private static List<List<Integer>> dense(float[][] similarity, double threshold, int minSize) {
        int n = similarity.length;
        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            int close = 0;
            for (int j = 0; j < n; j++) {
                close += j != i && similarity[i][j] >= threshold ? 1 : 0;
            }
            core[i] = close >= minSize - 1;
        }
        int[] group = new int[n];
        Arrays.fill(group, -1);
        List<List<Integer>> groups = new ArrayList<>();
        for (int seed = 0; seed < n; seed++) {
            if (!core[seed] || group[seed] >= 0) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(seed));
            group[seed] = groups.size();
            while (!queue.isEmpty()) {
                int i = queue.poll();
                members.add(i);
                if (!core[i]) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    if (group[j] < 0 && similarity[i][j] >= threshold) {
                        group[j] = groups.size();
                        queue.add(j);
                    }
                }
            }
            groups.add(members);
        }
        return groups;
    }

    private static Group describe(List<Integer> members, double cohesion, float[][] similarity, List<float[]> inputs,
            List<String> texts, Map<String, List<float[]>> examplesByLabel, Map<String, Integer> common,
            int exampleCount) {
        List<Integer> ordered = new ArrayList<>(members);
        Map<Integer, Double> centrality = new HashMap<>();
        for (int i : members) {
            double sum = 0;
            for (int j : members) {
                sum += i == j ? 0 : similarity[i][j];
            }
            centrality.put(i, sum);
        }
        ordered.sort(Comparator.comparingDouble((Integer i) -> centrality.get(i)).reversed().thenComparing(i -> i));
        float[] centre = centre(ordered.stream().map(inputs::get).toList());
        String nearest = null;
        double nearestSimilarity = -1;
        for (Map.Entry<String, List<float[]>> label : examplesByLabel.entrySet()) {
            if (label.getValue().isEmpty()) {
                continue;
            }
            double s = ConflictingDuplicates.dot(centre, centre(label.getValue()));
            if (s > nearestSimilarity || (s == nearestSimilarity && label.getKey().compareTo(nearest) < 0)) {
                nearest = label.getKey();
                nearestSimilarity = s;
            }
        }
        return new Group(List.copyOf(ordered), cohesion, nearest, nearest == null ? 0 : nearestSimilarity,
                terms(ordered.stream().map(texts::get).toList(), common, exampleCount));
    }

    private static float[] centre(List<float[]> vectors) {
        float[] sum = new float[vectors.getFirst().length];
        for (float[] v : vectors) {
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        double norm = Math.sqrt(ConflictingDuplicates.dot(sum, sum));
        for (int d = 0; d < sum.length && norm > 0; d++) {
            sum[d] /= (float) norm;
        }
        return sum;
    }

    /**
     * Words in at least half the members, by the share of members using them minus the share of the task's examples
     * using them: a group's own words rather than the ones every text of the task has.
     */
    static List<String> terms(List<String> memberTexts, Map<String, Integer> common, int exampleCount) {
        Map<String, Integer> inGroup = documentFrequency(memberTexts);
        int size = memberTexts.size();
        return inGroup.entrySet().stream()
                .filter(e -> 2 * e.getValue() >= size)
                .sorted(Comparator.comparingDouble((Map.Entry<String, Integer> e) -> (double) e.getValue() / size
                        - (exampleCount == 0 ? 0 : (double) common.getOrDefault(e.getKey(), 0) / exampleCount))
                        .reversed().thenComparing(Map.Entry::getKey))
                .limit(TERMS).map(Map.Entry::getKey).toList();
    }

    /** In how many of {@code texts} each lower-cased word (a run of letters or digits) occurs. */
    static Map<String, Integer> documentFrequency(List<String> texts) {
        Map<String, Integer> frequency = new HashMap<>();
        for (String text : texts) {
            Set<String> seen = new HashSet<>();
            for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!word.isEmpty() && seen.add(word)) {
                    frequency.merge(word, 1, Integer::sum);
                }
            }
        }
        return frequency;
    }
}
