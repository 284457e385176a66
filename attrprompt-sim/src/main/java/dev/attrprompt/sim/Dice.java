package dev.attrprompt.sim;

import java.util.SplittableRandom;

/**
 * Draws each request's fault and latency from a generator seeded by (configured seed, request
 * number), so a run with the same seed and the same arrival order misbehaves the same way.
 *
 * <p>Every fault gets its own draw, in a fixed order, and the first that fires wins; a rate of 1
 * therefore always fires unless an earlier fault in the order also has rate 1. Latency is
 * log-normal with {@code sigma = ln(p99 / median) / 2.326}, 2.326 being the standard normal's
 * 99th percentile.
 */
final class Dice {
  private static final double Z99 = 2.326;

  private final SimulatorConfig config;
  private final double sigma;

  /** One request's draw. */
  record Draw(Fault fault, long latencyMillis) {}

  Dice(SimulatorConfig config) {
    this.config = config;
    this.sigma = config.variableLatency()
        ? Math.log((double) config.latencyP99Ms() / config.latencyMedianMs()) / Z99
        : 0.0;
  }

  Draw draw(long requestNumber) {
    SplittableRandom rng = new SplittableRandom(Hashing.mix(config.seed(), requestNumber));
    Fault fault = Fault.NONE;
    fault = pick(fault, rng, config.faultReset(), Fault.RESET);
    fault = pick(fault, rng, config.faultTimeout(), Fault.TIMEOUT);
    fault = pick(fault, rng, config.fault503(), Fault.UNAVAILABLE);
    fault = pick(fault, rng, config.fault500(), Fault.SERVER_ERROR);
    fault = pick(fault, rng, config.fault429(), Fault.RATE_LIMIT);
    fault = pick(fault, rng, config.faultMalformed(), Fault.MALFORMED);
    fault = pick(fault, rng, config.faultTruncate(), Fault.TRUNCATE);
    fault = pick(fault, rng, config.faultRefusal(), Fault.REFUSAL);
    long latency = latency(rng);
    // drawn after the latency, so that adding this fault shifted no earlier draw
    fault = pick(fault, rng, config.faultOffLabel(), Fault.OFF_LABEL);
    return new Draw(fault, latency);
  }

  /** The fault for one batch line: only faults that make sense inside a batch apply. */
  Fault batchFault(long lineKey) {
    SplittableRandom rng = new SplittableRandom(Hashing.mix(config.seed() ^ 0x6261746368L,
        lineKey));
    Fault fault = Fault.NONE;
    fault = pick(fault, rng, config.fault500(), Fault.SERVER_ERROR);
    fault = pick(fault, rng, config.faultTruncate(), Fault.TRUNCATE);
    fault = pick(fault, rng, config.faultRefusal(), Fault.REFUSAL);
    fault = pick(fault, rng, config.faultOffLabel(), Fault.OFF_LABEL);
    return fault;
  }

  private static Fault pick(Fault sofar, SplittableRandom rng, double rate, Fault candidate) {
    // Always draw, so that one fault's rate does not shift the draws of the others.
    boolean fires = rng.nextDouble() < rate;
    return sofar == Fault.NONE && fires ? candidate : sofar;
  }

  private long latency(SplittableRandom rng) {
    double z = rng.nextGaussian();
    if (sigma == 0.0) {
      return config.latencyMedianMs();
    }
    return Math.round(config.latencyMedianMs() * Math.exp(sigma * z));
  }
}
