/** Measuring a task's models on labelled data: accuracy, per-class precision and recall, confusions. */
package dev.stratum.learning.evaluation;
