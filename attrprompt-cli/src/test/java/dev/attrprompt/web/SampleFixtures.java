package dev.attrprompt.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunConfig;
import dev.attrprompt.run.SampleQuery;
import dev.attrprompt.run.SampleRow;
import dev.attrprompt.run.SampleVerdict;
import dev.attrprompt.task.Task;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs for the samples pages' tests, made against the workspace's simulator. */
final class SampleFixtures {
  private SampleFixtures() {}

  /** Model text that would run script or add elements if a page placed it unescaped. */
  static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=\"document.title='owned'\">"
      + "\"' onmouseover=alert(3) & </textarea></pre>";
  /** An attribute value that would do the same in a page, an option or an attribute. */
  static final String HOSTILE_VALUE = "\"><svg onload=alert(4)>";

  /** Generates {@code rel} (e.g. runs/r) to {@code perClass} accepted samples per label. */
  static Path generate(TestWorkspace ws, String rel, int perClass) throws Exception {
    Task task = Task.load(ws.task());
    Path dir = ws.root.resolve(rel);
    try (Run run = Run.create(dir, task, RunConfig.builder(task).perClass(perClass).build())) {
      run.generate(ws.endpoint().forModel(run.manifest().generation().model()).build());
    }
    return dir;
  }

  /** The first accepted sample of {@code label}. */
  static SampleRow firstAccepted(Path dir, String label) {
    try (Run run = Run.open(dir)) {
      return run.samples(SampleQuery.Filter.all().withLabel(label).withVerdict(SampleVerdict.ACCEPTED)).rows().get(0);
    }
  }

  /**
   * Writes hostile text into the run store as if the model had answered it (the simulator writes
   * texts from the prompt, so a hostile answer is put there directly): the raw answer, the
   * screened text and the sample, and a hostile value for its first dimension.
   */
  static void makeHostile(Path dir, SampleRow row) throws Exception {
    Map<String, String> attributes = new LinkedHashMap<>(row.attributes());
    String first = attributes.keySet().iterator().next();
    attributes.put(first, HOSTILE_VALUE);
    String json = new ObjectMapper().writeValueAsString(attributes);
    String text = HOSTILE + " with enough words to be a sample";
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("run.sqlite"))) {
      for (String sql : new String[] {"UPDATE requests SET text = ?, attributes = ? WHERE id = ?",
          "UPDATE samples SET text = ?, attributes = ? WHERE id = ?"}) {
        try (PreparedStatement p = c.prepareStatement(sql)) {
          p.setString(1, text);
          p.setString(2, json);
          p.setString(3, row.id());
          if (p.executeUpdate() != 1) {
            throw new AssertionError("no row " + row.id() + " for " + sql);
          }
        }
      }
      try (PreparedStatement p = c.prepareStatement("UPDATE responses SET content = ? WHERE request_id = ?")) {
        p.setString(1, text);
        p.setString(2, row.id());
        p.executeUpdate();
      }
    }
  }
}
