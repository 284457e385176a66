package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.post.Screening;
import dev.attrprompt.run.Answerer;
import dev.attrprompt.run.Generator;
import dev.attrprompt.run.Manifest;
import dev.attrprompt.run.Response;
import dev.attrprompt.run.RunSpec;
import dev.attrprompt.run.RunStore;
import dev.attrprompt.run.StoredRequest;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Optional;

/**
 * Runs of the bundled example task answered by a scripted model (real run stores, real screening),
 * with hostile text in some answers, and real-looking test data for its labels.
 */
final class ReportFixtures {
  private ReportFixtures() {}

  /** Text an answer carries to check escaping: it must show as text wherever it lands. */
  static final String PAYLOAD = "</script><script>window.pwned = 1</script><!-- <img src=x onerror=\"window.pwned=2\"> "
      + "&amp; \u2028 '\"";

  private static final String[] WORDS = {"invoice", "password", "crash", "export", "refund", "login", "dashboard",
      "calendar", "upgrade", "team", "report", "mobile", "sync", "plan", "card", "email", "reset", "slow", "error",
      "pause"};

  /**
   * A run of {@code perClass} accepted samples per label; every 7th answer is a refusal (rejected),
   * and the answer of item 3 of each label carries {@link #PAYLOAD}.
   *
   * @param fingerprint the responses' system_fingerprint ("attrprompt-sim" marks simulated text)
   */
  static Path run(Path dir, String name, Method method, int perClass, String fingerprint) throws IOException {
    Path taskDir = dir.resolve("task");
    Task task = Task.load(Files.exists(taskDir) ? taskDir : BundledExamples.extract(BundledExamples.DEFAULT, taskDir));
    RunSpec spec = new RunSpec(new PlanOptions(method, perClass, 7, SamplingMode.UNIFORM), Screening.Rules.DEFAULTS, 6);
    Path run = dir.resolve(name);
    Answerer scripted = (List<StoredRequest> requests, RunStore store) -> {
      for (StoredRequest r : requests) {
        store.recordResponse(r.id(), new Response("{\"system_fingerprint\":\"" + fingerprint + "\"}", answer(r),
            "stop", "gpt-4o-mini", 60, 40, 0.00003, false));
      }
      return new Answerer.End.Completed();
    };
    try (RunStore store = RunStore.open(run)) {
      store.writeManifest(Manifest.create(task, spec.plan(), spec.rules(), spec.maxRounds(),
          new Manifest.Parameters("gpt-4o-mini", 1.0, 1.0, 512), Optional.of(java.net.URI.create("http://127.0.0.1:1/v1")), Optional.empty(),
          OptionalDouble.empty(), "test").toJson());
      assertThat(new Generator(task, spec, store).run(scripted).complete()).isTrue();
    }
    return run;
  }

  private static String answer(StoredRequest r) {
    if (r.seed() % 7 == 0) {
      return "I'm sorry, but I can't help with that.";
    }
    String topic = r.label().replace(' ', '_');
    StringBuilder b = new StringBuilder("A customer writes about " + topic + " " + topic + ":");
    long s = Math.abs(r.seed());
    for (int i = 0; i < 14; i++) {
      b.append(' ').append(WORDS[(int) ((s >> (i * 3)) % WORDS.length)]);
    }
    r.attributes().forEach((k, v) -> b.append(' ').append(v));
    if (r.index() == 3) {
      b.append(' ').append(PAYLOAD);
    }
    return b.append('.').toString();
  }

  /** Real-looking labeled test data for the example task's labels. */
  static Path test(Path dir) throws IOException {
    Path p = dir.resolve("test.jsonl");
    StringBuilder b = new StringBuilder();
    String[] labels = {"billing", "account access", "bug report", "feature request", "cancellation"};
    for (int i = 0; i < 40; i++) {
      String l = labels[i % labels.length];
      b.append("{\"text\": \"A customer writes about ").append(l.replace(' ', '_')).append(' ')
          .append(WORDS[i % WORDS.length]).append(' ').append(WORDS[(i * 7) % WORDS.length])
          .append(" in Paris\", \"label\": \"").append(l).append("\"}\n");
    }
    Files.writeString(p, b);
    return p;
  }
}
