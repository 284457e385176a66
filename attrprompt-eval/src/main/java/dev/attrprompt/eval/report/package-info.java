/**
 * Whole reports: {@link dev.attrprompt.eval.report.Analyzer} (what {@code analyze} measures),
 * {@link dev.attrprompt.eval.report.Comparison} (the {@code compare} table), and their renderings
 * as JSON-shaped maps or text tables.
 */
package dev.attrprompt.eval.report;
