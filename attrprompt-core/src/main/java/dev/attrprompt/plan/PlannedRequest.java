package dev.attrprompt.plan;

import java.util.List;
import java.util.Map;

/**
 * One generation request of a plan.
 *
 * @param id stable identifier, {@code <label>-<index>} with a six-digit index
 * @param label the label the item was planned for (its quota)
 * @param labels the sample's labels: {@code [label]}, or in multi-label tasks the labels of its
 *     label-assigning value
 * @param attributes the sampled value of each dimension, in prompt order (empty for SimPrompt)
 * @param seed the seed sent with the request, so that deterministic endpoints answer the same
 */
public record PlannedRequest(
    String id,
    String label,
    List<String> labels,
    long index,
    Map<String, String> attributes,
    long seed,
    String prompt) {

  public PlannedRequest {
    labels = List.copyOf(labels);
    attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
  }

  public static String id(String label, long index) {
    return String.format(java.util.Locale.ROOT, "%s-%06d", label, index);
  }
}
