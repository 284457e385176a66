package dev.attrprompt.discover;

import dev.attrprompt.attributes.Value;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Class-dependent attribute filtering: each value of label L is checked against L's similar
 * classes; values the LLM finds relevant to one of them are removed, at most {@code maxReject}
 * per label over all its dimensions (the first ones in list order). Every verdict is kept for the record.
 */
final class Filtering {
  private Filtering() {}

  static void apply(String dimension, Map<String, List<Value>> byLabel, Map<String, List<String>> similar, Task task,
      Asker asker, int maxReject, List<Map<String, Object>> verdicts, Map<String, Integer> removed) {
    Map<String, String> prompts = new LinkedHashMap<>();
    for (Map.Entry<String, List<Value>> e : byLabel.entrySet()) {
      List<String> others = similar.getOrDefault(e.getKey(), List.of());
      if (others.isEmpty()) {
        continue;
      }
      String names = String.join(", ", others.stream().map(o -> task.label(o).map(Label::display).orElse(o)).toList());
      for (int i = 0; i < e.getValue().size(); i++) {
        prompts.put("filter:" + dimension + ":" + e.getKey() + ":" + i, "Is \"" + e.getValue().get(i).text()
            + "\" relevant to any of these topics: " + names + "? Answer yes or no.");
      }
    }
    if (prompts.isEmpty()) {
      return;
    }
    Map<String, String> answers = asker.ask(prompts, 0);
    for (Map.Entry<String, List<Value>> e : byLabel.entrySet()) {
      List<Value> values = e.getValue();
      int dropped = 0;
      for (int i = 0, original = 0; i < values.size(); original++) {
        String id = "filter:" + dimension + ":" + e.getKey() + ":" + original;
        String answer = answers.get(id);
        if (answer == null) {
          i++;
          continue;
        }
        Boolean yes = Answers.yesNo(answer).orElse(null);
        // the cap holds per label across all its dimensions
        boolean remove = Boolean.TRUE.equals(yes) && removed.getOrDefault(e.getKey(), 0) + dropped < maxReject
            && values.size() > 1;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("dimension", dimension);
        v.put("label", e.getKey());
        v.put("value", values.get(i).text());
        v.put("answer", answer.strip());
        v.put("verdict", yes == null ? "unclear (kept)" : yes ? (remove ? FilterVerdict.REMOVED : "relevant, kept (limit reached)") : "kept");
        verdicts.add(v);
        if (remove) {
          values.remove(i);
          dropped++;
        } else {
          i++;
        }
      }
      if (dropped > 0) {
        removed.merge(e.getKey(), dropped, Integer::sum);
      }
    }
  }
}
