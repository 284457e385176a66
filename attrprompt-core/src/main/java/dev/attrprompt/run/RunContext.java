package dev.attrprompt.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.UserError;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.post.Screening;
import dev.attrprompt.task.Generation;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * A run rebuilt from its manifest alone: the task (from the snapshot of its files), the run spec
 * and the generation parameters. Commands that work on a run folder without its task folder
 * (Batch files, for instance) use it, so they plan exactly what {@code generate} would.
 */
public record RunContext(Task task, RunSpec spec, Generation parameters) {

  public static RunContext of(RunStore store) {
    JsonNode m;
    try {
      m = Jsons.MAPPER.readTree(store.manifest().orElseThrow(() ->
          UserError.in(store.dir(), "this run has no manifest; start it with 'attrprompt generate'")));
    } catch (IOException e) {
      throw UserError.in(store.dir(), "the run's manifest is unreadable");
    }
    Task task = materialise(store.dir(), m.path("files"));
    JsonNode s = m.path("screening");
    RunSpec spec = new RunSpec(new PlanOptions(Method.parse(m.path("method").asText()), m.path("per_class").asInt(),
        m.path("seed").asLong(), SamplingMode.parse(m.path("mode").asText())),
        new Screening.Rules(s.path("min_words").asInt(Screening.Rules.DEFAULT_MIN_WORDS),
            s.path("max_words").asInt(Screening.Rules.DEFAULT_MAX_WORDS),
            s.path("near_duplicate").asDouble(Screening.Rules.DEFAULT_NEAR_DUPLICATE)),
        m.path("max_rounds").asInt(RunSpec.DEFAULT_MAX_ROUNDS));
    JsonNode g = m.path("generation");
    Generation parameters = new Generation(g.path("model").asText(), g.path("temperature").asDouble(1.0),
        g.path("top_p").asDouble(1.0), g.path("max_tokens").asInt(512), spec.plan().perClass(), spec.plan().seed());
    return new RunContext(task, spec, parameters);
  }

  private static Task materialise(Path runDir, JsonNode files) {
    if (!files.isObject() || files.isEmpty()) {
      throw UserError.in(runDir, "the run's manifest holds no task snapshot");
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("attrprompt-run-task-");
      for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        Path target = dir.resolve(f.getKey()).normalize();
        if (!target.startsWith(dir)) {
          throw UserError.in(runDir, "the run's task snapshot names a file outside its folder: " + f.getKey());
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, f.getValue().asText(), StandardCharsets.UTF_8);
      }
      return Task.load(dir);
    } catch (IOException e) {
      throw UserError.in(runDir, "cannot rebuild the run's task: " + e.getMessage());
    } finally {
      dev.attrprompt.FileTrees.deleteQuietly(dir);
    }
  }
}
