/** Training hyperlocal models from validated examples, with provenance. */
package dev.stratum.learning.training;
