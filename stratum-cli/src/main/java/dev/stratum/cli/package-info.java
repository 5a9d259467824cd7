/**
 * Stratum's command line: {@code serve} runs the HTTP API; {@code tasks}, {@code import}, {@code predict},
 * {@code train} and {@code eval} run the same operations directly against a data directory, for scripts;
 * {@code bench} measures classification quality. The public surface is {@link dev.stratum.cli.Main}; the commands
 * are package-private.
 */
package dev.stratum.cli;
