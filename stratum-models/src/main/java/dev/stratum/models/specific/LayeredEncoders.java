package dev.stratum.models.specific;

import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.models.encoder.ConcatenatedEmbeddingModel;
import dev.stratum.models.general.MiniLmEmbeddingModel;
import java.util.List;

/** The encoders Stratum's layers can learn from, by name. */
public final class LayeredEncoders {
    /** The general encoder alone: 384 dimensions. */
    public static final String GENERAL = "general";
    /** The specific encoder alone (bge-small-en-v1.5): 384 dimensions. */
    public static final String SPECIFIC = "specific";
    /** The general and specific encoders concatenated: 768 dimensions. */
    public static final String GENERAL_AND_SPECIFIC = "general+specific";

    /**
     * The encoder the hyperlocal layer learns from by default, chosen by cross-validation inside BANKING77's training
     * file ({@code stratum bench tune}; see docs/benchmarks.md): bge-small alone scored 0.4 points above the
     * concatenation and 1.7 above MiniLM alone, each with its own best head and blend.
     */
    public static final String DEFAULT = SPECIFIC;

    /** Every name {@link #byName} knows. */
    public static final List<String> NAMES = List.of(GENERAL, SPECIFIC, GENERAL_AND_SPECIFIC);

    private LayeredEncoders() {}

    /** MiniLM (the shared instance) followed by bge-small, as one 768-dimensional encoder. */
    public static ConcatenatedEmbeddingModel generalAndSpecific() {
        return ConcatenatedEmbeddingModel.of(List.of(MiniLmEmbeddingModel.shared(), BgeSmallEmbeddingModel.create()));
    }

    /** The encoder of a name above; the message lists the names when it is unknown. */
    public static EmbeddingModel byName(String name) {
        return switch (name) {
            case GENERAL -> MiniLmEmbeddingModel.shared();
            case SPECIFIC -> BgeSmallEmbeddingModel.create();
            case GENERAL_AND_SPECIFIC -> generalAndSpecific();
            default -> throw new IllegalArgumentException("encoder '" + name + "' is not known; use one of "
                    + NAMES);
        };
    }
}
