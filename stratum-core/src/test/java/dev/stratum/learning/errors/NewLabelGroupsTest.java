package dev.stratum.learning.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stratum.learning.active.Blobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewLabelGroupsTest {
    private final Blobs blobs = new Blobs(11);

    /** Two labels of 10 examples each, on axes 0 and 1, as tight as {@code spread} makes them. */
    private Map<String, List<float[]>> labels(double spread) {
        return Map.of("travel", blobs.near(Blobs.axis(0), spread, 10), "meals", blobs.near(Blobs.axis(1), spread, 10));
    }

    @Test
    void should_show_a_group_as_tight_as_a_label_and_leave_scattered_inputs_out() {
        List<float[]> inputs = new ArrayList<>(blobs.near(Blobs.axis(5), 0.12, 6));
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            texts.add("parking garage ticket " + i);
        }
        for (int axis = 6; axis < 14; axis++) {
            inputs.add(blobs.near(Blobs.axis(axis), 0.12));
            texts.add("something else " + axis);
        }

        NewLabelGroups.Result result = NewLabelGroups.find(inputs, texts, labels(0.12),
                List.of("taxi ticket", "train ticket", "lunch"), 3);

        assertThat(result.threshold()).isNotNull();
        assertThat(result.groups()).hasSize(1);
        NewLabelGroups.Group group = result.groups().getFirst();
        assertThat(group.members()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(group.cohesion()).isGreaterThanOrEqualTo(result.threshold());
        assertThat(group.terms()).containsExactly("garage", "parking", "ticket");
    }

    @Test
    void should_show_nothing_when_inputs_are_looser_than_the_tasks_labels() {
        List<float[]> inputs = blobs.near(Blobs.axis(5), 0.6, 8);
        List<String> texts = inputs.stream().map(v -> "text").toList();

        NewLabelGroups.Result result = NewLabelGroups.find(inputs, texts, labels(0.05), List.of(), 3);

        assertThat(result.groups()).isEmpty();
    }

    @Test
    void should_have_no_threshold_without_a_label_of_three_examples() {
        NewLabelGroups.Result result = NewLabelGroups.find(blobs.near(Blobs.axis(5), 0.1, 5), List.of("a", "b", "c",
                "d", "e"), Map.of("travel", blobs.near(Blobs.axis(0), 0.1, 2)), List.of(), 3);

        assertThat(result.threshold()).isNull();
        assertThat(result.groups()).isEmpty();
    }
}
