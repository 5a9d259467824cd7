package dev.stratum.api.analysis;

import java.util.List;

/**
 * A group of inputs the task did not answer that are as alike as the examples of one of its labels: a candidate for a
 * new label.
 *
 * @param terms words that most members share and the task's examples rarely use, for a name
 * @param representative the member closest to the group's centre
 * @param cohesion the mean cosine similarity between two members
 * @param nearestLabel the existing label whose examples' centre is closest to the group's, or null
 * @param nearestLabelSimilarity the cosine similarity of the two centres
 */
public record CandidateLabel(List<String> terms, String representative, double cohesion, String nearestLabel,
        double nearestLabelSimilarity, List<CandidateMember> members) {
    public CandidateLabel {
        terms = List.copyOf(terms);
        members = List.copyOf(members);
    }
}
