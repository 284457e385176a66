/**
 * Labeled texts to measure: {@link dev.attrprompt.eval.data.Dataset} and
 * {@link dev.attrprompt.eval.data.Sample}, read by {@link dev.attrprompt.eval.data.Datasets#load}
 * through pluggable {@link dev.attrprompt.eval.data.DatasetSource}s (JSONL built in).
 */
package dev.attrprompt.eval.data;
