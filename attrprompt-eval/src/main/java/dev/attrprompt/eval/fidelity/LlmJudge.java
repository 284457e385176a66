package dev.attrprompt.eval.fidelity;

import dev.attrprompt.UserError;
import dev.attrprompt.WorkFailure;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.data.Sample;
import dev.attrprompt.fidelity.LabelAsker;
import dev.attrprompt.fidelity.LabelQuestion;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Label fidelity asked of an LLM: for each sample, which one of its label, the labels it could be
 * confused with and "none of these" fits its text ({@link LabelQuestion}). A sample is flagged
 * when the judge names another label or none; an answer that cannot be read flags nothing and is
 * counted apart ({@link #result()}). The questions go through a {@link LabelAsker}: the engine's
 * cache, limits, prices and budget, and a run's store when the data is a run.
 *
 * <p>With a task, a sample is asked among its label and its similar classes (every label when the
 * task lists none), labels written as the task's prompts write them. Without one, among every
 * label of the data.
 */
public final class LlmJudge implements Judge {
  private final LabelAsker asker;
  private final List<String> keys;
  private final BiFunction<String, String, LabelQuestion> question;
  private Optional<LabelAsker.Result> result = Optional.empty();

  private LlmJudge(LabelAsker asker, List<String> keys, BiFunction<String, String, LabelQuestion> question) {
    this.asker = asker;
    this.keys = List.copyOf(keys);
    this.question = question;
  }

  /**
   * Questions from {@code task}: each sample among its label and that label's similar classes.
   *
   * @param keys each sample's key (a run's request ids), or empty to key samples by position
   */
  public static LlmJudge forTask(LabelAsker asker, Task task, List<String> keys) {
    Map<String, Label> byName = new LinkedHashMap<>();
    return new LlmJudge(asker, keys, (label, text) -> {
      Label l = byName.computeIfAbsent(label, n -> Label.match(n, task.labels()).orElseThrow(() ->
          new UserError("label '" + n + "' of the data is not a label of the task '" + task.name() + "' ("
              + String.join(", ", task.labels().stream().map(Label::name).toList()) + ")")));
      return LabelQuestion.of(task, l, text);
    });
  }

  /** Questions among every label of the data; {@code domain} names the kind of text ("text" if unknown). */
  public static LlmJudge amongAllLabels(LabelAsker asker, String domain, List<String> labels, List<String> keys) {
    return new LlmJudge(asker, keys, (label, text) -> LabelQuestion.amongAll(domain, label, labels, text));
  }

  @Override
  public String id() {
    return asker.judgeId();
  }

  @Override
  public List<Verdict> judge(Dataset raw) {
    Dataset data = Judge.singleLabel(raw);
    List<LabelAsker.Item> items = new ArrayList<>(data.size());
    for (int i = 0; i < data.size(); i++) {
      Sample s = data.samples().get(i);
      String key = keys.isEmpty() ? Integer.toString(i) : keys.get(i);
      items.add(new LabelAsker.Item(key, question.apply(s.label(), s.text())));
    }
    LabelAsker.Result r = asker.ask(items);
    result = Optional.of(r);
    if (r.unanswered() > 0) {
      throw new WorkFailure(r.unanswered() + " of " + items.size() + " samples were not judged: "
          + r.problem().orElse("no answer") + "; the answers so far are kept (no question is paid for twice): run "
          + "the same command again to go on");
    }
    List<Verdict> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      LabelAsker.Verdict v = r.verdicts().get(i);
      String label = data.samples().get(i).label();
      out.add(new Verdict(label, v.suggested().map(s -> s.equals(LabelQuestion.NONE) ? s : Datasets.normaliseLabel(s)),
          v.unparseable() ? 0 : 1));
    }
    return out;
  }

  /** What the last {@link #judge} asked, spent and could not read; empty before. */
  public Optional<LabelAsker.Result> result() {
    return result;
  }
}
