/** Learning from validated data: reading data files, training hyperlocal models, evaluating them, benchmarks. */
package dev.stratum.learning;
