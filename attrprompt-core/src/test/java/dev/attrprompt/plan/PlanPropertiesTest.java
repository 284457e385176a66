package dev.attrprompt.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.TestTasks;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Plans are pure functions of (seed, label, index), and their draws follow the sampling mode. */
class PlanPropertiesTest {
  private static Path dir;
  private static Task task;

  @BeforeContainer
  static void writeTask() throws IOException {
    dir = Files.createTempDirectory("plan-properties");
    task = Task.load(TestTasks.write(dir));
  }

  @AfterContainer
  static void deleteTask() throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(Collections.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  @Provide
  Arbitrary<SamplingMode> modes() {
    return Arbitraries.of(SamplingMode.class);
  }

  @Property(tries = 60)
  void anItemIsTheSameWhateverThePlanSizeAndOrder(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int small,
      @ForAll @IntRange(min = 41, max = 120) int large, @ForAll("modes") SamplingMode mode,
      @ForAll @IntRange(min = 0, max = 2) int labelIndex) {
    Label label = task.labels().get(labelIndex);
    Plan a = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, small, seed, mode));
    Plan b = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, large, seed, mode));
    List<PlannedRequest> fromA = a.requests().filter(r -> r.label().equals(label.name())).toList();
    List<Long> order = new ArrayList<>(LongStream.range(0, small).boxed().toList());
    Collections.shuffle(order, new Random(seed));
    Map<Long, PlannedRequest> shuffled = new HashMap<>();
    for (long i : order) {
      shuffled.put(i, b.item(label, i));
    }
    for (PlannedRequest r : fromA) {
      assertThat(shuffled.get(r.index())).isEqualTo(r);
    }
  }

  @Property(tries = 30)
  void differentSeedsGiveDifferentPlans(@ForAll long seed) {
    Plan a = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 30, seed, SamplingMode.UNIFORM));
    Plan b = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 30, seed + 1, SamplingMode.UNIFORM));
    assertThat(a.requests().map(PlannedRequest::attributes).toList())
        .isNotEqualTo(b.requests().map(PlannedRequest::attributes).toList());
    assertThat(a.requests().map(PlannedRequest::seed).distinct().count()).isEqualTo(a.size());
  }

  @Property(tries = 10)
  void uniformDrawsFollowTheWeightsWithinStatisticalBounds(@ForAll long seed) {
    int n = 6000;
    Plan plan = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, n, seed, SamplingMode.UNIFORM));
    Label world = task.label("world").orElseThrow();
    Map<String, Integer> style = new HashMap<>();
    Map<String, Integer> subtopic = new HashMap<>();
    for (long i = 0; i < n; i++) {
      PlannedRequest r = plan.item(world, i);
      style.merge(r.attributes().get("style"), 1, Integer::sum);
      subtopic.merge(r.attributes().get("subtopic"), 1, Integer::sum);
    }
    // style weights 1:3:1 -> p = 0.2, 0.6, 0.2; five standard deviations of a binomial count.
    assertWithin(style.get("interview"), n, 0.2);
    assertWithin(style.get("op-ed"), n, 0.6);
    assertWithin(style.get("breaking news"), n, 0.2);
    assertThat(subtopic).containsOnlyKeys("elections", "trade talks", "refugee crisis");
    subtopic.values().forEach(c -> assertWithin(c, n, 1.0 / 3));
  }

  private static void assertWithin(int count, int n, double p) {
    double sd = Math.sqrt(n * p * (1 - p));
    assertThat((double) count).isBetween(n * p - 5 * sd, n * p + 5 * sd);
  }

  @Property(tries = 40)
  void balancedPrefixesCoverEveryValueEvenly(@ForAll long seed, @ForAll @IntRange(min = 1, max = 50) int n) {
    Plan plan = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, n, seed, SamplingMode.BALANCED));
    Label sci = task.label("sci_tech").orElseThrow();
    Map<String, Integer> counts = new HashMap<>();
    for (long i = 0; i < n; i++) {
      counts.merge(plan.item(sci, i).attributes().get("subtopic"), 1, Integer::sum);
    }
    int k = 4;
    for (String v : List.of("chip shortage", "mars rover", "vaccine trial", "quantum computing")) {
      assertThat(counts.getOrDefault(v, 0)).isBetween(n / k, (n + k - 1) / k);
    }
  }

  @Property(tries = 20)
  void fixedModeUsesOneValuePerDimension(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    Plan plan = Plan.of(task, new PlanOptions(Method.ATTRPROMPT, 25, seed, SamplingMode.FIXED));
    for (Label label : task.labels()) {
      assertThat(plan.requests().filter(r -> r.label().equals(label.name()))
          .map(PlannedRequest::attributes).distinct().count()).isEqualTo(1);
    }
    // class-independent dimensions share their fixed value across labels
    assertThat(plan.requests().map(r -> r.attributes().get("style")).distinct().count()).isEqualTo(1);
  }
}
