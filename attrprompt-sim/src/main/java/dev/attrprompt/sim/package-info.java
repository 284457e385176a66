/**
 * An OpenAI-compatible simulator: start one with {@link dev.attrprompt.sim.Simulator#start},
 * configured by {@link dev.attrprompt.sim.SimulatorConfig}, and point any OpenAI client at
 * {@link dev.attrprompt.sim.Simulator#baseUrl()}. What it served is in
 * {@link dev.attrprompt.sim.Stats}. Written from the public API contract only; it depends on
 * nothing else of attrprompt. Everything it answers is simulated.
 */
package dev.attrprompt.sim;
