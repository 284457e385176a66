package dev.attrprompt.eval.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Labeled texts with what is known of where they came from: a name to show, the generation method
 * and its cost when a run recorded them (never guessed for plain files).
 *
 * @param name       what reports call it (the file name for a file)
 * @param origin     where it was read from, for error messages (the path as given)
 * @param samples    the samples, in file order
 * @param multiLabel whether samples carry label sets ({@code "labels"} arrays)
 * @param method     the generation method, when known (e.g. {@code attrprompt})
 * @param costUsd    what generating it cost, when known
 */
public record Dataset(String name, String origin, List<Sample> samples, boolean multiLabel, Optional<String> method,
    OptionalDouble costUsd) {
  public Dataset {
    samples = List.copyOf(samples);
  }

  public static Dataset of(String name, List<Sample> samples, boolean multiLabel) {
    return new Dataset(name, name, samples, multiLabel, Optional.empty(), OptionalDouble.empty());
  }

  public int size() {
    return samples.size();
  }

  /** Every label that occurs, sorted. */
  public List<String> labels() {
    TreeSet<String> labels = new TreeSet<>();
    samples.forEach(s -> labels.addAll(s.labels()));
    return List.copyOf(labels);
  }

  /** The texts in sample order. */
  public List<String> texts() {
    List<String> texts = new ArrayList<>(samples.size());
    samples.forEach(s -> texts.add(s.text()));
    return texts;
  }

  /** Sample indices per label, labels sorted; a multi-label sample is listed under each label. */
  public Map<String, int[]> indicesByLabel() {
    Map<String, List<Integer>> lists = new LinkedHashMap<>();
    labels().forEach(l -> lists.put(l, new ArrayList<>()));
    for (int i = 0; i < samples.size(); i++) {
      for (String l : samples.get(i).labels()) {
        lists.get(l).add(i);
      }
    }
    Map<String, int[]> out = new LinkedHashMap<>();
    lists.forEach((l, idx) -> out.put(l, idx.stream().mapToInt(Integer::intValue).toArray()));
    return out;
  }
}
