package dev.stratum.telemetry.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Mines log templates online with Drain (He, Zhu, Zheng and Lyu, "Drain: An Online Log Parsing Approach with Fixed
 * Depth Tree", ICWS 2017): each line is routed through a tree of fixed depth, by its number of tokens and then by
 * its first tokens, to a few candidate templates; it joins the most similar one when enough of their tokens agree
 * position by position (the template's differing positions become {@code <*>}), and founds a new template otherwise.
 * One pass, no training, bounded memory: at most {@link Config#maxTemplates()} templates are kept, the least
 * recently matched one giving way.
 *
 * <p>Tokens with a digit in them (counts, ids, durations, addresses) are parameters from the start, as Drain's
 * preprocessing does with its domain regexes, so that they never decide where a line goes. Thread-safe.
 */
public final class LogTemplateMiner {
    /** What a parameter position of a template shows. */
    public static final String PARAMETER = "<*>";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * How the miner runs.
     *
     * @param depth the tree's depth: the first {@code depth - 2} tokens route a line (Drain's default 4 uses two)
     * @param similarity the share of positions a line must share with a template to join it (0.4 in the paper's
     *     experiments on most data sets; 0.5 here, a little stricter, so that distinct events stay apart)
     * @param maxChildren the most distinct tokens a tree node keeps before routing the rest through {@code <*>}
     * @param maxTemplates the most templates kept
     */
    public record Config(int depth, double similarity, int maxChildren, int maxTemplates) {
        public static final Config DEFAULTS = new Config(4, 0.5, 100, 1_000);

        public Config {
            if (depth < 3) {
                throw new IllegalArgumentException("depth must be at least 3, got " + depth);
            }
            if (!(similarity > 0 && similarity <= 1)) {
                throw new IllegalArgumentException("similarity must be in (0, 1], got " + similarity);
            }
            if (maxChildren < 2 || maxTemplates < 1) {
                throw new IllegalArgumentException("maxChildren must be at least 2 and maxTemplates at least 1");
            }
        }
    }

    /** A mined template: its id (stable while it is kept), its tokens joined by spaces, and how many lines it has. */
    public record Template(long id, String text, long count) {}

    /** Where one line went: its template as it is after the line, and whether the line founded it. */
    public record Match(Template template, boolean created) {}

    private static final class Cluster {
        final long id;
        final String[] tokens;
        long count;

        Cluster(long id, String[] tokens) {
            this.id = id;
            this.tokens = tokens;
        }

        Template snapshot() {
            return new Template(id, String.join(" ", tokens), count);
        }
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>();
        final List<Cluster> clusters = new ArrayList<>();
    }

    private final Config config;
    private final Map<Integer, Node> byLength = new HashMap<>();
    /** Every kept template, least recently matched first. */
    private final LinkedHashMap<Long, Cluster> recent = new LinkedHashMap<>(16, 0.75f, true);
    private long nextId = 1;

    public LogTemplateMiner(Config config) {
        this.config = config;
    }

    public LogTemplateMiner() {
        this(Config.DEFAULTS);
    }

    /** Routes {@code line} to its template, creating or generalising one. */
    public synchronized Match add(String line) {
        String[] tokens = tokens(line);
        Node leaf = leaf(tokens);
        Cluster best = null;
        double bestSimilarity = -1;
        int bestParameters = -1;
        for (Cluster cluster : leaf.clusters) {
            int same = 0;
            int parameters = 0;
            for (int i = 0; i < tokens.length; i++) {
                if (cluster.tokens[i].equals(PARAMETER)) {
                    parameters++;
                } else if (cluster.tokens[i].equals(tokens[i])) {
                    same++;
                }
            }
            double similarity = tokens.length == 0 ? 1 : (double) same / tokens.length;
            if (similarity > bestSimilarity || (similarity == bestSimilarity && parameters > bestParameters)) {
                best = cluster;
                bestSimilarity = similarity;
                bestParameters = parameters;
            }
        }
        boolean created = best == null || bestSimilarity < config.similarity();
        if (created) {
            best = new Cluster(nextId++, tokens);
            leaf.clusters.add(best);
            recent.put(best.id, best);
            evictBeyondLimit();
        } else {
            for (int i = 0; i < tokens.length; i++) {
                if (!best.tokens[i].equals(tokens[i])) {
                    best.tokens[i] = PARAMETER;
                }
            }
            recent.get(best.id);
        }
        best.count++;
        return new Match(best.snapshot(), created);
    }

    /** Every kept template, most lines first. */
    public synchronized List<Template> templates() {
        return recent.values().stream().map(Cluster::snapshot)
                .sorted((a, b) -> Long.compare(b.count(), a.count())).toList();
    }

    private Node leaf(String[] tokens) {
        Node node = byLength.computeIfAbsent(tokens.length, n -> new Node());
        int routing = Math.min(config.depth() - 2, tokens.length);
        for (int i = 0; i < routing; i++) {
            String key = tokens[i];
            Node child = node.children.get(key);
            if (child == null) {
                Node wildcard = node.children.get(PARAMETER);
                if (!key.equals(PARAMETER) && node.children.size() >= config.maxChildren() - 1 && wildcard != null) {
                    child = wildcard;
                } else if (!key.equals(PARAMETER) && node.children.size() >= config.maxChildren() - 1) {
                    child = node.children.computeIfAbsent(PARAMETER, k -> new Node());
                } else {
                    child = node.children.computeIfAbsent(key, k -> new Node());
                }
            }
            node = child;
        }
        return node;
    }

    private void evictBeyondLimit() {
        while (recent.size() > config.maxTemplates()) {
            Cluster oldest = recent.values().iterator().next();
            recent.remove(oldest.id);
            removeFromTree(oldest);
        }
    }

    private void removeFromTree(Cluster cluster) {
        Node node = byLength.get(cluster.tokens.length);
        if (node != null) {
            removeBelow(node, cluster);
        }
    }

    private static boolean removeBelow(Node node, Cluster cluster) {
        if (node.clusters.remove(cluster)) {
            return true;
        }
        for (Node child : node.children.values()) {
            if (removeBelow(child, cluster)) {
                return true;
            }
        }
        return false;
    }

    static String[] tokens(String line) {
        String stripped = line == null ? "" : line.strip();
        if (stripped.isEmpty()) {
            return new String[0];
        }
        String[] tokens = WHITESPACE.split(stripped);
        for (int i = 0; i < tokens.length; i++) {
            if (hasDigit(tokens[i])) {
                tokens[i] = PARAMETER;
            }
        }
        return tokens;
    }

    private static boolean hasDigit(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (Character.isDigit(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
