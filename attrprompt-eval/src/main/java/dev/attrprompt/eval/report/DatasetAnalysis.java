package dev.attrprompt.eval.report;

import dev.attrprompt.eval.metrics.Regions;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything {@code analyze} measures of one dataset.
 *
 * @param name       the dataset's name
 * @param method     generation method, when known
 * @param costUsd    generation cost, when known
 * @param multiLabel whether samples carry label sets
 * @param all        measures over all texts
 * @param labels     measures per label, labels sorted
 * @param regions    places mentioned and their continents
 * @param labelRegions the same per label
 * @param embeddings what the APS vectors were ({@code tfidf}, {@code onnx:...}, {@code api:...})
 * @param extensions results of {@link DatasetMeasure}s, by name
 */
public record DatasetAnalysis(String name, Optional<String> method, OptionalDouble costUsd, boolean multiLabel,
    TextMeasures all, Map<String, TextMeasures> labels, Regions regions, Map<String, Regions> labelRegions,
    String embeddings,
    Map<String, Map<String, Object>> extensions) {}
