/**
 * Classifiers trained on one dataset and scored on another:
 * {@link dev.attrprompt.eval.classify.Evaluator#evaluate} with Tribuo LIBLINEAR models over TF-IDF or
 * sentence embeddings, scored as {@link dev.attrprompt.eval.classify.Scores}.
 */
package dev.attrprompt.eval.classify;
