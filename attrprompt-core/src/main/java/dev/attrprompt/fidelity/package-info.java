/**
 * Label fidelity asked of an LLM: is a text about its label, one of the label's similar classes,
 * or none of them? {@link dev.attrprompt.fidelity.LabelQuestion} renders the question,
 * {@link dev.attrprompt.fidelity.LabelAnswer} reads the answer in the many ways real models word
 * it, and {@link dev.attrprompt.fidelity.LabelAsker} asks many questions through the request
 * engine (cached, retried, rate-limited, priced, under the budget cap), reusing the answers a
 * run store already holds; {@link dev.attrprompt.fidelity.LabelAsker#throughBatches} asks them
 * through the Batch API instead, keeping the batches in flight in a
 * {@link dev.attrprompt.fidelity.BatchLedger} so that a stopped check never buys them twice.
 */
package dev.attrprompt.fidelity;
