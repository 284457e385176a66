package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.discover.Discovery;
import dev.attrprompt.eval.report.Analyzer;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.post.Screening;
import dev.attrprompt.run.BatchAnswerer;
import dev.attrprompt.run.RunSpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** An option left unset takes the core's default, and --help shows that value. */
class DefaultsTest {

  @Test
  void generateTakesTheCoresDefaults() {
    GenerateCommand g = new GenerateCommand();
    new CommandLine(g).parseArgs("task", "--out", "run");
    assertThat(new Screening.Rules(g.minWords, g.maxWords, g.nearDuplicate)).isEqualTo(Screening.Rules.DEFAULTS);
    assertThat(g.maxRounds).isEqualTo(RunSpec.DEFAULT_MAX_ROUNDS);
    assertThat(g.pollSeconds).isEqualTo(BatchAnswerer.DEFAULT_POLL_SECONDS);
    CheckCommand c = new CheckCommand();
    new CommandLine(c).parseArgs("data.jsonl", "--judge", "llm", "--batch");
    assertThat(c.pollSeconds).as("check --batch polls as generate --batch").isEqualTo(g.pollSeconds);
    LlmConfig config = LlmConfig.builder().model("m").baseUrl("http://127.0.0.1:1/v1").noCache().build();
    assertThat(g.concurrency).isEqualTo(config.concurrency()).isEqualTo(LlmConfig.DEFAULT_CONCURRENCY);
    assertThat(Duration.ofSeconds(EndpointOptions.DEFAULT_TIMEOUT_SECONDS)).isEqualTo(config.requestTimeout());
    String help = new CommandLine(new GenerateCommand()).getUsageMessage();
    assertThat(help).contains("(default: " + Screening.Rules.DEFAULT_NEAR_DUPLICATE + ")")
        .contains("(default: " + Screening.Rules.DEFAULT_MAX_WORDS + ")");
  }

  @Test
  void discoverAndAnalyzeTakeTheCoresDefaults() {
    AttributesCommand.Discover d = new AttributesCommand.Discover();
    new CommandLine(d).parseArgs("task");
    assertThat(new int[] {d.values, d.similar, d.maxReject, d.proposals}).containsExactly(
        Discovery.Options.DEFAULT_VALUES, Discovery.Options.DEFAULT_SIMILAR,
        Discovery.Options.DEFAULT_MAX_REJECT, Discovery.Options.DEFAULT_PROPOSALS);
    AnalyzeCommand a = new AnalyzeCommand();
    new CommandLine(a).parseArgs("data.jsonl");
    Analyzer.Options defaults = Analyzer.Options.defaults(null);
    assertThat(a.nearDuplicate).isEqualTo(defaults.nearDuplicate()).isEqualTo(Screening.Rules.DEFAULT_NEAR_DUPLICATE);
    assertThat(a.selfBleuSample).isEqualTo(defaults.selfBleuSample());
    assertThat(a.seed).isEqualTo(defaults.seed());
  }
}
