package dev.attrprompt.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.attrprompt.UserError;
import dev.attrprompt.eval.ToyData;
import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClassifierJudgeTest {
  static final ClassifierJudge TFIDF = new ClassifierJudge(new ClassifierJudge.Options(ClassifierKind.TFIDF_LR, 5, 3,
      Optional.empty()));

  /** Fruit, vehicle and animal texts; the samples at {@code swapped} carry the next label instead. */
  static Dataset threeTopics(int n, Set<Integer> swapped) {
    String[][] topics = {{"apple", "banana", "cherry", "mango", "pear", "grape", "plum"},
        {"car", "truck", "bus", "train", "bicycle", "tram", "scooter"},
        {"dog", "cat", "horse", "rabbit", "parrot", "goat", "sheep"}};
    String[] names = {"Fruit", "Vehicle", "Animal"};
    String[] filler = {"the", "a", "very", "nice", "today", "we", "saw", "one", "big", "old"};
    java.util.Random rnd = new java.util.Random(11);
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int t = i % 3;
      StringBuilder b = new StringBuilder();
      for (int w = 0; w < 10; w++) {
        b.append(w % 3 == 0 ? topics[t][rnd.nextInt(7)] : filler[rnd.nextInt(filler.length)]).append(' ');
      }
      out.add(Sample.of(b.toString().strip(), names[swapped.contains(i) ? (t + 1) % 3 : t]));
    }
    return Dataset.of("toy.jsonl", out, false);
  }

  @Test
  void flagsTheSwappedSamplesWithTheLabelTheirTextIsAbout() {
    Set<Integer> swapped = new TreeSet<>(List.of(4, 17, 33, 50, 91, 120, 151, 202, 250, 287));
    Dataset d = threeTopics(300, swapped);
    List<Verdict> verdicts = TFIDF.judge(d);
    assertThat(verdicts).hasSize(300);
    Set<Integer> flagged = IntStream.range(0, 300).filter(i -> verdicts.get(i).offLabel()).boxed()
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(flagged).isEqualTo(swapped);
    // sample 4 is about vehicles (4 % 3 == 1) and labelled animal
    assertThat(verdicts.get(4).label()).isEqualTo("animal");
    assertThat(verdicts.get(4).suggested()).contains("vehicle");
    assertThat(verdicts.get(4).confidence()).isGreaterThan(0.5);
    assertThat(verdicts.get(5).suggested()).isEmpty();

    FidelityReport r = FidelityReport.of(TFIDF.id(), d.texts(), verdicts, List.of(),
        Optional.of(Map.of("Animal", List.of("Vehicle")))); // similar classes as a task spells them
    assertThat(r.judge()).isEqualTo("classifier:tfidf-lr");
    assertThat(r.flagged()).extracting(FidelityReport.Flag::index).containsExactlyInAnyOrderElementsOf(swapped);
    assertThat(r.flagged()).extracting(FidelityReport.Flag::id).containsOnly(Optional.empty());
    assertThat(r.flagged().get(0).confidence()).isGreaterThanOrEqualTo(r.flagged().get(9).confidence());
    long animals = IntStream.range(0, 300).filter(i -> d.samples().get(i).label().equals("Animal")).count();
    long animalFlags = swapped.stream().filter(i -> i % 3 == 1).count();
    assertThat(r.offLabelRate().get("animal")).isCloseTo((double) animalFlags / animals, within(1e-12));
    assertThat(r.overallRate()).isCloseTo(10 / 300.0, within(1e-12));
    FidelityReport.Pair top = r.pairs().stream().filter(p -> p.label().equals("animal")).findFirst().orElseThrow();
    assertThat(top.looksLike()).isEqualTo("vehicle");
    assertThat(top.count()).isEqualTo((int) animalFlags);
    assertThat(top.similar()).isTrue();
    assertThat(r.pairs().stream().filter(p -> !p.label().equals("animal"))).allMatch(p -> !p.similar());
    assertThat(r.pairs().stream().mapToInt(FidelityReport.Pair::count).sum()).isEqualTo(10);
  }

  @Test
  void cleanDataHasFewFlagsAndTheSameSeedGivesTheSameVerdicts() {
    Dataset d = threeTopics(240, Set.of());
    List<Verdict> a = TFIDF.judge(d);
    assertThat(a.stream().filter(Verdict::offLabel).count()).isZero();
    assertThat(TFIDF.judge(d)).isEqualTo(a);
  }

  @Test
  void foldsAreStratifiedAndCoverEverySample() {
    List<String> y = new ArrayList<>();
    for (int i = 0; i < 53; i++) {
      y.add(i % 5 == 0 ? "rare" : "common");
    }
    int[] fold = ClassifierJudge.folds(y, 5, 1);
    for (int f = 0; f < 5; f++) {
      int held = f;
      long rare = IntStream.range(0, y.size()).filter(i -> fold[i] == held && y.get(i).equals("rare")).count();
      assertThat(rare).isBetween(2L, 3L); // 11 rare samples over 5 folds
    }
  }

  @Test
  void multiLabelDataSvmAndOneLabelAreUserErrors() {
    Dataset multi = Dataset.of("m.jsonl", List.of(new Sample("x", List.of("a", "b"), Map.of())), true);
    assertThatThrownBy(() -> TFIDF.judge(multi)).isInstanceOf(UserError.class).hasMessageContaining("single-label");
    assertThatThrownBy(() -> new ClassifierJudge.Options(ClassifierKind.TFIDF_SVM, 5, 1, Optional.empty()))
        .isInstanceOf(UserError.class).hasMessageContaining("probabilities");
    Dataset one = Dataset.of("one.jsonl", ToyData.fruitOrVehicle(10, 1, false).stream()
        .map(s -> Sample.of(s.text(), "same")).toList(), false);
    assertThatThrownBy(() -> TFIDF.judge(one)).isInstanceOf(UserError.class).hasMessageContaining("two labels");
  }

  /** Sentence "embeddings" that name the topic a text's words are about (index 0, 1 or 2), plus seeded noise. */
  static final class TopicEmbedder implements dev.attrprompt.eval.embed.Embedder {
    @Override
    public String id() {
      return "topics";
    }

    @Override
    public dev.attrprompt.eval.embed.Vectors embed(List<String> texts) {
      java.util.Random rnd = new java.util.Random(5);
      float[][] rows = new float[texts.size()][];
      for (int i = 0; i < rows.length; i++) {
        String t = texts.get(i);
        int topic = t.matches(".*\\b(apple|banana|cherry|mango|pear|grape|plum)\\b.*") ? 0
            : t.matches(".*\\b(car|truck|bus|train|bicycle|tram|scooter)\\b.*") ? 1 : 2;
        rows[i] = new float[] {0.15f * (float) rnd.nextGaussian(), 0.15f * (float) rnd.nextGaussian(),
            0.15f * (float) rnd.nextGaussian()};
        rows[i][topic] += 1f;
      }
      return new dev.attrprompt.eval.embed.Vectors.Dense(rows, 3).normalised();
    }

    @Override
    public boolean sentenceEmbeddings() {
      return true;
    }
  }

  @Test
  void anEnsembleAveragesItsProbesOutOfFoldProbabilities() {
    Set<Integer> swapped = new TreeSet<>(List.of(4, 17, 33, 50, 91, 120, 151, 202, 250, 287));
    Dataset d = threeTopics(300, swapped);
    Optional<dev.attrprompt.eval.embed.Embedder> topics = Optional.of(new TopicEmbedder());
    ClassifierJudge both = new ClassifierJudge(new ClassifierJudge.Options(
        ClassifierJudge.Options.parseProbes("tfidf-lr+embed-lr"), 5, 3, topics));
    ClassifierJudge embed = new ClassifierJudge(new ClassifierJudge.Options(ClassifierKind.EMBED_LR, 5, 3, topics));
    assertThat(both.id()).isEqualTo("classifier:tfidf-lr+embed-lr(topics)");
    List<Verdict> a = TFIDF.judge(d);
    List<Verdict> b = embed.judge(d);
    List<Verdict> ab = both.judge(d);
    Set<Integer> flagged = IntStream.range(0, 300).filter(i -> ab.get(i).offLabel()).boxed()
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(flagged).isEqualTo(swapped);
    int compared = 0;
    for (int i = 0; i < 300; i++) {
      if (!a.get(i).offLabel() && !b.get(i).offLabel() && !ab.get(i).offLabel()) {
        // an unflagged verdict's confidence is its own label's probability: the probes' mean
        assertThat(ab.get(i).confidence()).as("sample " + i)
            .isCloseTo((a.get(i).confidence() + b.get(i).confidence()) / 2, within(1e-12));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(250);
    assertThat(a.get(0).confidence()).isNotCloseTo(b.get(0).confidence(), within(1e-3)); // the probes differ
  }

  @Test
  void probesParseOnceEachJoinedByPlus() {
    assertThat(ClassifierJudge.Options.parseProbes("tfidf-lr")).containsExactly(ClassifierKind.TFIDF_LR);
    assertThat(ClassifierJudge.Options.parseProbes("embed-lr+tfidf-lr"))
        .containsExactly(ClassifierKind.EMBED_LR, ClassifierKind.TFIDF_LR);
    assertThatThrownBy(() -> ClassifierJudge.Options.parseProbes("tfidf-lr+tfidf-lr")).isInstanceOf(UserError.class)
        .hasMessage("--classifier names tfidf-lr twice in 'tfidf-lr+tfidf-lr'");
    assertThatThrownBy(() -> ClassifierJudge.Options.parseProbes("tfidf-lr+")).isInstanceOf(UserError.class)
        .hasMessageContaining("unknown classifier ''");
    assertThatThrownBy(() -> new ClassifierJudge.Options(ClassifierJudge.Options.parseProbes("tfidf-lr+tfidf-svm"), 5, 1,
        Optional.empty())).isInstanceOf(UserError.class).hasMessageContaining("probabilities");
  }
}
