/**
 * The demo task: a fictional company's expense taxonomy with a few hundred labelled expense lines, and the loader
 * that sets it up on a running service so a fresh install answers from its hyperlocal layer at once.
 */
package dev.stratum.demo;
