package dev.attrprompt.fidelity;

import dev.attrprompt.run.FidelityJudge;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The LLM judge as a screening rule: each unjudged candidate is asked its {@link LabelQuestion}
 * through a {@link LabelAsker} that records the judgements in the run store as they arrive (and
 * on the run's engine, so they count against the run's budget).
 */
public final class LlmScreen implements FidelityJudge {
  private final LabelAsker asker;
  private final Task task;

  public LlmScreen(LabelAsker asker, Task task) {
    this.asker = asker;
    this.task = task;
  }

  @Override
  public String id() {
    return asker.judgeId();
  }

  @Override
  public Result judge(List<Candidate> all, Set<String> unjudged) {
    List<LabelAsker.Item> items = new ArrayList<>();
    for (Candidate c : all) {
      if (unjudged.contains(c.id())) {
        Label label = task.label(c.label()).orElseThrow(() -> new IllegalStateException("no label " + c.label()));
        items.add(new LabelAsker.Item(c.id(), LabelQuestion.of(task, label, c.text())));
      }
    }
    LabelAsker.Result r = asker.ask(items);
    return new Result(List.of(), r.problem());
  }
}
