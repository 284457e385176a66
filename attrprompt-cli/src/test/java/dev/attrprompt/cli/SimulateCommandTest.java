package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mistakes in {@code simulate}'s options are one line with exit code 2; a public address is said. */
class SimulateCommandTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "--fault-429 1.5; error: --fault-429 is a share of requests, from 0 to 1, not 1.5",
      "--fault-refusal -0.1; error: --fault-refusal is a share of requests, from 0 to 1, not -0.1",
      "--rpm -5; error: --rpm must be 0 or more, not -5",
      "--port 99999; error: --port must be from 0 to 65535 (0 picks a free port), not 99999",
      "--latency-ms-median 100 --latency-ms-p99 50; error: --latency-ms-p99 must be 0 or at least --latency-ms-median (100), not 50",
      "--port eighty; error: Invalid value for option '--port': 'eighty' is not an int (see 'attrprompt simulate --help')"})
  void aBadOptionIsOneLineWithExitCode2(String options, String expected) {
    List<String> args = new java.util.ArrayList<>(List.of("simulate"));
    args.addAll(List.of(options.split(" ")));
    CliTest.Result r = CliTest.run(args.toArray(String[]::new));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(expected);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aPortInUseIsOneLineWithExitCode2() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      CliTest.Result r = CliTest.run("simulate", "--port", String.valueOf(port));
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip()).isEqualTo("error: cannot listen on 127.0.0.1:" + port
          + ": the port is already in use; stop what uses it, or choose another with --port (0 picks a free one)");
    }
  }

  @Test
  void anAddressOtherThanLoopbackIsSaidInOneLineAtStart() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.attrprompt.cli.Main",
        "simulate", "--host", "0.0.0.0", "--port", "0").start();
    try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String warning = err.readLine();
      assertThat(warning).matches("attrprompt simulate: listening on 0\\.0\\.0\\.0:\\d+: reachable from other "
          + "machines \\(--host 127\\.0\\.0\\.1 keeps it on this one\\)");
      assertThat(out.readLine()).startsWith("attrprompt simulator (SIMULATED answers, not a language model) on http://");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void loopbackStartsWithoutTheWarning() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.attrprompt.cli.Main",
        "simulate", "--port", "0").redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).startsWith("attrprompt simulator (SIMULATED answers, not a language model) on http://127.0.0.1:");
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }
}
