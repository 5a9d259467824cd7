package dev.stratum.models.specific;

import dev.stratum.api.models.EmbeddingModel;
import dev.stratum.models.encoder.ConcatenatedEmbeddingModel;
import dev.stratum.models.general.MiniLmEmbeddingModel;
import java.util.List;

/** The encoders Stratum's layers can learn from, by name. */
public final class LayeredEncoders {
    /** The general encoder alone: 384 dimensions. */
    public static final String GENERAL = "general";
    /** The general and specific encoders concatenated: 768 dimensions. */
    public static final String GENERAL_AND_SPECIFIC = "general+specific";

    private LayeredEncoders() {}

    /** MiniLM (the shared instance) followed by bge-small, as one 768-dimensional encoder. */
    public static ConcatenatedEmbeddingModel generalAndSpecific() {
        return ConcatenatedEmbeddingModel.of(List.of(MiniLmEmbeddingModel.shared(), BgeSmallEmbeddingModel.create()));
    }

    /** The encoder of a name above; the message lists the names when it is unknown. */
    public static EmbeddingModel byName(String name) {
        return switch (name) {
            case GENERAL -> MiniLmEmbeddingModel.shared();
            case GENERAL_AND_SPECIFIC -> generalAndSpecific();
            default -> throw new IllegalArgumentException("encoder '" + name + "' is not known; use " + GENERAL
                    + " or " + GENERAL_AND_SPECIFIC);
        };
    }
}
