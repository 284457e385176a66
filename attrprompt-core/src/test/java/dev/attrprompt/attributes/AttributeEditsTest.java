package dev.attrprompt.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attrprompt.TestTasks;
import dev.attrprompt.UserError;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.task.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeEditsTest {
  @TempDir Path tmp;

  private static final Provenance.Person WHO = new Provenance.Person(Optional.of("test review"));

  private Task task() throws IOException {
    return Task.load(TestTasks.write(tmp.resolve("task")));
  }

  /** Saves one edit, checks the files read back as the set that apply() made, returns the task. */
  private Task saveAndCheck(Task task, AttributeEdit edit) {
    AttributeEdits.Applied applied = AttributeEdits.apply(task.attributes(), task.labels(), List.of(edit), WHO);
    AttributeEdits.Saved saved = AttributeEdits.save(task, List.of(edit), WHO);
    assertThat(saved.changes()).as(edit.describe()).isEqualTo(1);
    assertThat(saved.task().attributes()).as(edit.describe()).isEqualTo(applied.attributes());
    assertThat(Task.load(task.dir()).attributes()).isEqualTo(applied.attributes());
    return saved.task();
  }

  private static List<String> texts(List<Value> values) {
    return values.stream().map(Value::text).toList();
  }

  @Test
  void eachEditRoundTripsThroughTheYamlFiles() throws IOException {
    Task t = task();
    t = saveAndCheck(t, new AttributeEdit.Reject(ValueRef.of("style", "interview")));
    assertThat(texts(t.attributes().dimension("style").orElseThrow().values()))
        .containsExactly("op-ed", "breaking news");
    // the weight of op-ed survives the rewrite
    assertThat(t.attributes().dimension("style").orElseThrow().values().get(0).weight()).isEqualTo(3.0);

    t = saveAndCheck(t, new AttributeEdit.Add(ValueRef.of("subtopic", "Sports", "stadium financing")));
    Value added = t.attributes().dimension("subtopic").orElseThrow().byLabel().get("sports").get(2);
    assertThat(added).isEqualTo(Value.of("stadium financing", WHO));

    t = saveAndCheck(t, new AttributeEdit.Accept(ValueRef.of("subtopic", "world", "sanctions")));
    assertThat(texts(t.attributes().dimension("subtopic").orElseThrow().byLabel().get("world")))
        .containsExactly("elections", "trade talks", "refugee crisis", "sanctions");

    t = saveAndCheck(t, new AttributeEdit.Edit(ValueRef.of("style", "op-ed"), "opinion column"));
    Value edited = t.attributes().dimension("style").orElseThrow().values().get(0);
    assertThat(edited).isEqualTo(new Value("opinion column", 3.0, WHO));

    t = saveAndCheck(t, new AttributeEdit.Edit(ValueRef.of("length", "100"), "150"));
    assertThat(texts(t.attributes().dimension("length").orElseThrow().values())).containsExactly("30", "150");

    t = saveAndCheck(t, new AttributeEdit.Disable("style"));
    assertThat(t.attributes().dimension("style").orElseThrow().enabled()).isFalse();
    assertThat(Files.readString(t.attributesDir().resolve("style.yaml"))).contains("enabled: false");
    t = saveAndCheck(t, new AttributeEdit.Enable("style"));
    assertThat(t.attributes().dimension("style").orElseThrow().enabled()).isTrue();

    t = saveAndCheck(t, new AttributeEdit.SetSimilar("World", List.of("Sci Tech", "sports")));
    assertThat(t.attributes().similarTo("world")).containsExactly("sci_tech", "sports");
    t = saveAndCheck(t, new AttributeEdit.SetSimilar("world", List.of()));
    assertThat(t.attributes().similar()).containsOnlyKeys("sci_tech");

    // no temp file or staging folder is left behind
    try (Stream<Path> files = Files.list(t.attributesDir()); Stream<Path> siblings = Files.list(t.dir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("subtopic.yaml", "style.yaml", "length.yaml", "similar.yaml");
      assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("task.yaml", "attributes");
    }
  }

  @Test
  void removingEverySimilarClassRemovesTheFile() throws IOException {
    Task t = task();
    t = AttributeEdits.save(t, List.of(new AttributeEdit.SetSimilar("world", List.of()),
        new AttributeEdit.SetSimilar("sci_tech", List.of())), WHO).task();
    assertThat(t.attributes().similar()).isEmpty();
    assertThat(t.attributesDir().resolve("similar.yaml")).doesNotExist();
  }

  @Test
  void thePlanUsesTheEditedSet() throws IOException {
    Task t = AttributeEdits.save(task(), List.of(
        new AttributeEdit.Reject(ValueRef.of("subtopic", "world", "elections")),
        new AttributeEdit.Reject(ValueRef.of("subtopic", "world", "trade talks")),
        new AttributeEdit.Edit(ValueRef.of("subtopic", "world", "refugee crisis"), "border talks"),
        new AttributeEdit.Disable("style")), WHO).task();
    Plan plan = Plan.of(t, new PlanOptions(Method.ATTRPROMPT, 50, 3, SamplingMode.UNIFORM));
    List<PlannedRequest> world = plan.requests().filter(r -> r.label().equals("world")).toList();
    assertThat(world).hasSize(50).allSatisfy(r -> {
      assertThat(r.attributes()).containsOnlyKeys("subtopic", "length");
      assertThat(r.prompt()).doesNotContain("elections").doesNotContain("refugee crisis");
    });
    Map<String, Long> subtopics = world.stream()
        .collect(Collectors.groupingBy(r -> r.attributes().get("subtopic"), Collectors.counting()));
    assertThat(subtopics).containsOnlyKeys("border talks");
  }

  @Test
  void aBadReferenceIsOneUserErrorAndNothingIsWritten() throws IOException {
    Task t = task();
    String before = Files.readString(t.attributesDir().resolve("style.yaml"));
    AttributeEdit good = new AttributeEdit.Reject(ValueRef.of("style", "interview"));
    assertThatThrownBy(() -> AttributeEdits.save(t, List.of(good,
        new AttributeEdit.Reject(ValueRef.of("tone", "terse"))), WHO))
        .isInstanceOf(UserError.class)
        .hasMessage("reject tone:terse: no dimension 'tone'; use one of: subtopic, length, style");
    assertThatThrownBy(() -> AttributeEdits.save(t, List.of(good,
        new AttributeEdit.Add(ValueRef.of("subtopic", "politics", "budget"))), WHO))
        .isInstanceOf(UserError.class)
        .hasMessage("add subtopic:politics:budget: 'politics' is not a label of dimension 'subtopic'; "
            + "use one of: world, sports, sci_tech");
    assertThatThrownBy(() -> AttributeEdits.save(t, List.of(good,
        new AttributeEdit.Edit(ValueRef.of("style", "Op-Ed"), "column")), WHO))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("edit style:Op-Ed=column: no such value (did you mean 'op-ed'?)");
    assertThatThrownBy(() -> AttributeEdits.save(t, List.of(
        new AttributeEdit.SetSimilar("world", List.of("weather"))), WHO))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("similar world=weather: 'weather' is not a label of the task");
    assertThatThrownBy(() -> AttributeEdits.save(t, List.of(
        new AttributeEdit.Add(ValueRef.of("length", "long"))), WHO))
        .isInstanceOf(UserError.class).hasMessageContaining("holds word counts");
    assertThatThrownBy(() -> AttributeEdits.save(t, List.of(
        new AttributeEdit.Reject(ValueRef.of("subtopic", "sports", "transfer news")),
        new AttributeEdit.Reject(ValueRef.of("subtopic", "sports", "doping case"))), WHO))
        .isInstanceOf(UserError.class).hasMessageContaining("the last value of its list cannot go");
    assertThatThrownBy(() -> ValueRef.parse("subtopic:elections", t.attributes()))
        .isInstanceOf(UserError.class).hasMessageContaining("use subtopic:LABEL:VALUE with one of: world");
    assertThat(Files.readString(t.attributesDir().resolve("style.yaml"))).isEqualTo(before);
  }

  @Test
  void anEditThatChangesNothingWritesNothing() throws IOException {
    Task t = task();
    String before = Files.readString(t.attributesDir().resolve("style.yaml"));
    AttributeEdits.Saved saved = AttributeEdits.save(t, List.of(
        new AttributeEdit.Accept(ValueRef.of("style", "Interview")), new AttributeEdit.Enable("style")), WHO);
    assertThat(saved.changes()).isZero();
    assertThat(Files.readString(t.attributesDir().resolve("style.yaml"))).isEqualTo(before);
  }

  @Test
  void namedFactoriesBuildWhatTheCanonicalConstructorDid() {
    List<Value> values = List.of(Value.of("30", Provenance.PERSON));
    Dimension length = Dimension.classIndependent("length", values).withKind(Kind.LENGTH).withOrder(90);
    assertThat(length).isEqualTo(new Dimension("length", Scope.INDEPENDENT, Kind.LENGTH, Optional.empty(),
        Optional.empty(), Optional.empty(), true, false, false, 90, values, Map.of()));
    Dimension topic = Dimension.classDependent("topic", Map.of("a", values)).withPhrase(Optional.of("On {{value}}."))
        .withEnabled(false).withFiltered(true).withAssignsLabels(true).withCatchAll(Optional.of("other"));
    assertThat(topic).isEqualTo(new Dimension("topic", Scope.DEPENDENT, Kind.TEXT, Optional.empty(),
        Optional.of("On {{value}}."), Optional.of("other"), false, true, true, 100, List.of(), Map.of("a", values)));
  }
}
