package dev.attrprompt.cli;

import dev.attrprompt.discover.Discovery;
import dev.attrprompt.eval.report.Analyzer;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.post.Screening;
import dev.attrprompt.run.BatchAnswerer;
import dev.attrprompt.run.RunSpec;

/**
 * The core's defaults as the text picocli's {@code defaultValue} needs. Each is a constant
 * expression built from the core constant that defines the default, so that a default is set in
 * one place and the help text shows it.
 */
final class Defaults {
  private Defaults() {}

  static final String MIN_WORDS = "" + Screening.Rules.DEFAULT_MIN_WORDS;
  static final String MAX_WORDS = "" + Screening.Rules.DEFAULT_MAX_WORDS;
  static final String NEAR_DUPLICATE = "" + Screening.Rules.DEFAULT_NEAR_DUPLICATE;
  static final String MAX_ROUNDS = "" + RunSpec.DEFAULT_MAX_ROUNDS;
  static final String CONCURRENCY = "" + LlmConfig.DEFAULT_CONCURRENCY;
  static final String POLL_SECONDS = "" + BatchAnswerer.DEFAULT_POLL_SECONDS;

  static final String DISCOVER_VALUES = "" + Discovery.Options.DEFAULT_VALUES;
  static final String DISCOVER_SIMILAR = "" + Discovery.Options.DEFAULT_SIMILAR;
  static final String DISCOVER_MAX_REJECT = "" + Discovery.Options.DEFAULT_MAX_REJECT;
  static final String DISCOVER_PROPOSALS = "" + Discovery.Options.DEFAULT_PROPOSALS;

  static final String ANALYSIS_NEAR_DUPLICATE = "" + Analyzer.Options.DEFAULT_NEAR_DUPLICATE;
  static final String SELF_BLEU_SAMPLE = "" + Analyzer.Options.DEFAULT_SELF_BLEU_SAMPLE;
  static final String ANALYSIS_SEED = "" + Analyzer.Options.DEFAULT_SEED;
}
