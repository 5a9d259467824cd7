/**
 * Stratum's HTTP API: a Javalin server over {@link dev.stratum.api.StratumService}. The public surface is
 * {@link dev.stratum.server.StratumServer} (start and stop), {@link dev.stratum.server.ServerConfig} and
 * {@link dev.stratum.server.AdminKeys} (the first admin key); routes by feature, JSON mapping, authentication and
 * the one error mapper are package-private.
 */
package dev.stratum.server;
