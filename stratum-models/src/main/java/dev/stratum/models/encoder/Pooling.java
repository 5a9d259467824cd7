package dev.stratum.models.encoder;

/** How a sentence vector is made from the encoder's token vectors. */
public enum Pooling {
    /** The mean of the token vectors, padding excluded (sentence-transformers models such as all-MiniLM-L6-v2). */
    MEAN,
    /** The vector of the first ({@code [CLS]}) token (BGE models). */
    CLS
}
