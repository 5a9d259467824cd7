/** Reading labelled and text-only data files (CSV with a header, JSON lines) as streams of rows. */
package dev.stratum.learning.data;
