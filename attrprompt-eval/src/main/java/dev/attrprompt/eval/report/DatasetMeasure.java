package dev.attrprompt.eval.report;

import dev.attrprompt.eval.data.Dataset;
import java.util.Map;
import java.util.Optional;

/**
 * A further measure of a whole dataset, added to {@link Analyzer.Options#extensions}; its result
 * appears in reports under {@link #name}. This is where measures that need more than texts and
 * labels plug in, e.g. attribute coverage (which values of each dimension the samples cover) and
 * adherence (whether a sample is about the attribute values it was asked for), from the
 * attributes that a run-folder {@link dev.attrprompt.eval.data.DatasetSource} puts into
 * {@link dev.attrprompt.eval.data.Sample#attributes()}.
 */
public interface DatasetMeasure {
  /** The key of the result in reports, snake_case. */
  String name();

  /** The result as JSON-shaped values (maps, lists, numbers, strings), or empty when it does not apply. */
  Optional<Map<String, Object>> measure(Dataset dataset);
}
