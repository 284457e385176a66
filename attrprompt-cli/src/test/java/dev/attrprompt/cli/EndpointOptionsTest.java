package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.UserError;
import dev.attrprompt.llm.Connection;
import dev.attrprompt.llm.Header;
import dev.attrprompt.llm.LlmConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The shared endpoint options: the command line over the file, and no silent key fallback. */
class EndpointOptionsTest {
  @TempDir Path tmp;

  @CommandLine.Command(name = "probe")
  static final class Probe {
    @CommandLine.Mixin EndpointOptions endpoint;
  }

  private static EndpointOptions parse(String... args) {
    Probe p = new Probe();
    new CommandLine(p).parseArgs(args);
    return p.endpoint;
  }

  @Test
  void theCommandLineWinsOverTheFileAndHeadersMergeByName() throws IOException {
    Path f = Files.writeString(tmp.resolve("e.yaml"), """
        base_url: http://file.example/v1?api-version=1
        api_key_env: FILE_KEY
        headers:
          X-Team: env:TEAM
          X-Tier: gold
        timeout_seconds: 30
        """);
    Map<String, String> env = Map.of("FILE_KEY", "file-key", "TEAM", "blue");
    Connection c = parse("--endpoint-config", f.toString(), "--header", "x-tier=silver").connection(env);
    assertThat(c.baseUrl()).hasToString("http://file.example/v1?api-version=1");
    assertThat(c.apiKey()).isPresent();
    assertThat(c.headers()).extracting(Header::name).containsExactly("X-Team", "x-tier");
    assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));

    LlmConfig llm = parse("--endpoint-config", f.toString(), "--base-url", "http://cli.example/v1",
        "--timeout", "7").llm(env, "m").noCache().build();
    assertThat(llm.publicEndpoint()).isEqualTo("http://cli.example/v1");
    assertThat(llm.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(llm.headers()).hasSize(2);
  }

  @Test
  void aNamedKeyVariableThatIsNotSetIsAnErrorNotAFallback() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-openai-only");
    assertThatThrownBy(() -> parse("--base-url", "https://gw.example/v1", "--api-key-env", "GW_KEY")
        .connection(env)).isInstanceOf(UserError.class).hasMessageContaining("$GW_KEY")
        .hasMessageNotContaining("sk-openai-only");
    assertThatThrownBy(() -> parse().connection(Map.of())).isInstanceOf(UserError.class)
        .hasMessageContaining("no endpoint configured").hasMessageContaining("docs/endpoints.md");
    assertThat(parse("--header", "api-key=env:AZ", "--base-url", "https://r.openai.azure.com/openai/v1")
        .connection(Map.of("AZ", "az", "OPENAI_API_KEY", "sk-x")).apiKey())
        .as("the OpenAI key is not sent where a header carries the credentials").isEmpty();
    assertThat(List.of("--header", "--endpoint-config", "--timeout", "--base-url", "--api-key-env"))
        .allMatch(o -> new CommandLine(new Probe()).getCommandSpec().findOption(o) != null);
  }
}
