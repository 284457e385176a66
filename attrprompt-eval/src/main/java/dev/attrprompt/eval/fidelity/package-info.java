/**
 * Label fidelity: is each text about its label, or about another one? A
 * {@link dev.attrprompt.eval.fidelity.Judge} gives each sample a
 * {@link dev.attrprompt.eval.fidelity.Verdict}; {@link dev.attrprompt.eval.fidelity.ClassifierJudge}
 * cross-fits a classifier on the data itself; {@link dev.attrprompt.eval.fidelity.FidelityReport}
 * summarises any judge's verdicts.
 */
package dev.attrprompt.eval.fidelity;
