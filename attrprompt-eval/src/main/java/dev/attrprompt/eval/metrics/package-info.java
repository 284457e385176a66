/**
 * Diversity and bias measures, pure functions of texts and vectors: distinct-n, Self-BLEU,
 * duplicates, APS, length statistics, and regions from the built-in gazetteer.
 */
package dev.attrprompt.eval.metrics;
