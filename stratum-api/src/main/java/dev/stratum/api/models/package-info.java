/** Capabilities of the model layers: encoders, classifier heads over embeddings, and their trainers. */
package dev.stratum.api.models;
