package dev.attrprompt.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request whole: its row, the prompt that was sent, the model's raw answer, and every
 * verdict a person gave on it.
 */
public record SampleDetail(SampleRow row, String prompt, long seed, Optional<Answer> answer,
    List<PersonVerdict> personVerdicts) {

  public SampleDetail {
    personVerdicts = List.copyOf(personVerdicts);
  }

  /**
   * The stored response: the raw content (before cleaning; untrusted), why it stopped, the model
   * that wrote it, its tokens and dollars, and whether it came from the response cache.
   */
  public record Answer(String content, Optional<String> finishReason, String model, long promptTokens,
      long completionTokens, double usd, boolean cached) {}

  /** The detail as ordered maps, for JSON. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>(row.toMap());
    m.put("prompt", prompt);
    m.put("seed", seed);
    m.put("answer", answer.map(a -> {
      Map<String, Object> am = new LinkedHashMap<>();
      am.put("content", a.content());
      am.put("finish_reason", a.finishReason().orElse(null));
      am.put("model", a.model());
      am.put("prompt_tokens", a.promptTokens());
      am.put("completion_tokens", a.completionTokens());
      am.put("usd", a.usd());
      am.put("cached", a.cached());
      return am;
    }).orElse(null));
    m.put("person_verdicts", personVerdicts.stream().map(v -> {
      Map<String, Object> vm = new LinkedHashMap<>();
      vm.put("verdict", v.kind().id());
      vm.put("reason", v.reason().orElse(null));
      vm.put("who", v.who());
      vm.put("at", v.at().toString());
      return vm;
    }).toList());
    return m;
  }
}
