package dev.stratum.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogTemplateMinerTest {
    @Test
    void linesThatDifferOnlyInParameters_shareOneTemplate() {
        LogTemplateMiner miner = new LogTemplateMiner();

        LogTemplateMiner.Match first = miner.add("task expenses trained model v3 in 412 ms");
        LogTemplateMiner.Match second = miner.add("task expenses trained model v4 in 380 ms");

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.template().id()).isEqualTo(first.template().id());
        assertThat(second.template().text()).isEqualTo("task expenses trained model <*> in <*> ms");
        assertThat(second.template().count()).isEqualTo(2);
    }

    @Test
    void aWordThatVaries_becomesAParameter_whenEnoughOfTheLineAgrees() {
        LogTemplateMiner miner = new LogTemplateMiner();
        miner.add("connection to store opened by indexer");

        LogTemplateMiner.Match match = miner.add("connection to store opened by trainer");

        assertThat(match.created()).isFalse();
        assertThat(match.template().text()).isEqualTo("connection to store opened by <*>");
    }

    @Test
    void differentEvents_getDifferentTemplates() {
        LogTemplateMiner miner = new LogTemplateMiner();
        long a = miner.add("indexing task expenses caught up").template().id();
        long b = miner.add("indexing failed: disk full now").template().id();
        long c = miner.add("provider timed out after 30 s").template().id();

        assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
        assertThat(miner.templates()).hasSize(3);
    }

    @Test
    void linesOfDifferentLength_neverShareATemplate() {
        LogTemplateMiner miner = new LogTemplateMiner();
        long a = miner.add("request failed").template().id();
        long b = miner.add("request failed twice").template().id();

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void atMostMaxTemplatesAreKept_theLeastRecentlyMatchedGoingFirst() {
        LogTemplateMiner miner = new LogTemplateMiner(new LogTemplateMiner.Config(4, 0.5, 100, 2));
        long kept = miner.add("alpha beta gamma").template().id();
        miner.add("delta epsilon zeta");
        miner.add("alpha beta gamma");
        miner.add("eta theta iota");

        assertThat(miner.templates()).extracting(LogTemplateMiner.Template::id).hasSize(2).contains(kept);
        assertThat(miner.templates()).extracting(LogTemplateMiner.Template::text)
                .containsExactlyInAnyOrder("alpha beta gamma", "eta theta iota");
    }

    @Test
    void manyDistinctFirstTokens_areRoutedThroughOneWildcardNode_andStillCluster() {
        LogTemplateMiner miner = new LogTemplateMiner(new LogTemplateMiner.Config(4, 0.5, 3, 1_000));
        for (String user : List.of("ann", "bob", "cid", "dan", "eve", "fay")) {
            miner.add(user + " signed in from the console");
        }

        assertThat(miner.templates()).hasSizeLessThanOrEqualTo(3);
        assertThat(miner.templates().getFirst().text()).isEqualTo("<*> signed in from the console");
    }

    @Test
    void emptyLines_areOneTemplate() {
        LogTemplateMiner miner = new LogTemplateMiner();
        assertThat(miner.add("").template().id()).isEqualTo(miner.add("   ").template().id());
    }
}
