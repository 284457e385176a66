package dev.attrprompt.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.post.Screening;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Planning stores its items in bounded chunks: its memory does not grow with the plan. */
class PlanningMemoryTest {
  @TempDir Path tmp;

  /** 3 labels x 40,000: held in memory at once these items take well over 100 MB. */
  static final int PER_CLASS = 40_000;

  private static RunSpec spec(int perClass) {
    return new RunSpec(new PlanOptions(Method.ATTRPROMPT, perClass, 5, SamplingMode.UNIFORM),
        Screening.Rules.DEFAULTS, RunSpec.DEFAULT_MAX_ROUNDS);
  }

  /**
   * The child JVM: plans round 1 of {@code args[1]} per class for the task in args[0] into the
   * run folder args[2], then writes its Batch input file there.
   */
  public static void main(String[] args) {
    Task task = Task.load(Path.of(args[0]));
    try (RunStore store = RunStore.open(Path.of(args[2]))) {
      boolean waiting = new Generator(task, spec(Integer.parseInt(args[1])), store).plan().isEmpty();
      System.out.println("planned " + store.unansweredCount() + " waiting " + waiting);
      long lines = BatchFiles.writeInput(store, task.generation(), Path.of(args[2], "batch-input.jsonl"));
      System.out.println("batch lines " + lines);
    }
  }

  @Test
  void aLargePlanIsStoredWholeAndWrittenAsABatchFile_inAChildJvmWithA32MbHeap() throws Exception {
    Path task = TestTasks.write(tmp.resolve("task"));
    Path run = tmp.resolve("run");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), PlanningMemoryTest.class.getName(),
        task.toString(), String.valueOf(PER_CLASS), run.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("the child finished").isTrue();
    String log = Files.readString(tmp.resolve("child.log"), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(log).isZero();
    assertThat(log).contains("planned " + 3 * PER_CLASS + " waiting true")
        .contains("batch lines " + 3 * PER_CLASS);
    try (Stream<String> lines = Files.lines(run.resolve("batch-input.jsonl"))) {
      assertThat(lines.count()).isEqualTo(3 * PER_CLASS);
    }
    try (RunStore store = RunStore.openExisting(run)) {
      assertThat(store.lastIndex()).containsValues((long) PER_CLASS - 1);
      assertThat(store.maxRound()).isEqualTo(1);
    }
  }

  @Test
  void aStoppedPlanningPassIsContinuedWithTheSameItems() throws IOException {
    Task task = Task.load(TestTasks.write(tmp.resolve("task")));
    Plan plan = Plan.of(task, spec(5_000).plan());
    try (RunStore store = RunStore.open(tmp.resolve("run"))) {
      // as if a first pass stopped after 1,234 items of the first label
      store.plan(LongStream.range(0, 1_234).mapToObj(i -> plan.item(task.labels().get(0), i)).toList(), 1);
      assertThat(new Generator(task, spec(5_000), store).plan()).isEmpty();
      assertThat(store.unansweredCount()).isEqualTo(15_000);
      List<StoredRequest> stored = store.unanswered();
      PlannedRequest expected = plan.item(task.labels().get(2), 4_321);
      assertThat(stored).filteredOn(r -> r.id().equals(expected.id())).singleElement()
          .satisfies(r -> {
            assertThat(r.prompt()).isEqualTo(expected.prompt());
            assertThat(r.attributes()).isEqualTo(expected.attributes());
            assertThat(r.seed()).isEqualTo(expected.seed());
          });
      // a second call plans nothing more
      assertThat(new Generator(task, spec(5_000), store).plan()).isEmpty();
      assertThat(store.unansweredCount()).isEqualTo(15_000);
    }
  }

  @Test
  void aPlanLargerThanARunHoldsIsRefusedInOneLine() throws IOException {
    Task task = Task.load(TestTasks.write(tmp.resolve("task")));
    assertThatThrownBy(() -> RunStore.requireRoomFor(task, spec(10_000_000).plan()))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("--per-class 10,000,000 plans 30,000,000 requests (3 labels), more than the "
            + "1,000,000 one run holds")
        .hasMessageContaining("use --per-class 333,333 or less per run")
        .hasMessageNotContaining("\n");
    RunStore.requireRoomFor(task, spec(333_333).plan());
  }
}
