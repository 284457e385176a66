package dev.attrprompt.eval.report;

import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Vectors;
import dev.attrprompt.eval.metrics.Aps;
import dev.attrprompt.eval.metrics.Distinct;
import dev.attrprompt.eval.metrics.Duplicates;
import dev.attrprompt.eval.metrics.Gazetteer;
import dev.attrprompt.eval.metrics.LengthStats;
import dev.attrprompt.eval.metrics.Regions;
import dev.attrprompt.eval.metrics.SelfBleu;
import dev.attrprompt.eval.text.Corpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * Measures datasets side by side: size, length, vocabulary, distinct-n, Self-BLEU, duplicates,
 * APS within and across labels, and regional bias, per dataset and per label. All datasets of one
 * call share one vector space (one TF-IDF fit over all their texts), so their APS compare.
 */
public final class Analyzer {
  private Analyzer() {}

  /**
   * @param embedder        vectors for APS
   * @param nearDuplicate   Jaccard threshold of word 3-shingles for near duplicates, in (0, 1]
   * @param selfBleuSample  texts sampled for Self-BLEU (per dataset and per label)
   * @param seed            seed of the Self-BLEU sample
   * @param extensions      further measures of whole datasets
   */
  public record Options(Embedder embedder, double nearDuplicate, int selfBleuSample, long seed,
      List<DatasetMeasure> extensions) {
    /** The screening threshold of generation, so that analysis counts what screening would drop. */
    public static final double DEFAULT_NEAR_DUPLICATE = dev.attrprompt.post.Screening.Rules.DEFAULT_NEAR_DUPLICATE;
    public static final int DEFAULT_SELF_BLEU_SAMPLE = 500;
    public static final long DEFAULT_SEED = 42;

    public static Options defaults(Embedder embedder) {
      return new Options(embedder, DEFAULT_NEAR_DUPLICATE, DEFAULT_SELF_BLEU_SAMPLE, DEFAULT_SEED,
          List.of(new AttributeMeasure()));
    }
  }

  public static List<DatasetAnalysis> analyze(List<Dataset> datasets, Options options) {
    List<String> all = new ArrayList<>();
    datasets.forEach(d -> all.addAll(d.texts()));
    Vectors vectors = options.embedder().embed(all);
    List<DatasetAnalysis> out = new ArrayList<>();
    int offset = 0;
    for (Dataset d : datasets) {
      out.add(analyze(d, vectors.slice(offset, offset + d.size()), options));
      offset += d.size();
    }
    return out;
  }

  static DatasetAnalysis analyze(Dataset d, Vectors vectors, Options options) {
    List<String> texts = d.texts();
    Corpus corpus = Corpus.of(texts);
    Duplicates duplicates = Duplicates.of(texts, options.nearDuplicate());
    Map<String, int[]> byLabel = d.indicesByLabel();
    Aps aps = Aps.of(vectors, byLabel);
    int[] everything = IntStream.range(0, d.size()).toArray();
    TextMeasures overall = measures(corpus, everything, duplicates, options, aps.intraMean(), aps.interMean());
    Map<String, TextMeasures> labels = new LinkedHashMap<>();
    byLabel.forEach((label, docs) -> labels.put(label,
        measures(corpus, docs, duplicates, options, aps.intra().get(label), aps.inter().get(label))));
    List<List<Gazetteer.Place>> places = Regions.find(texts, Gazetteer.standard());
    Regions regions = Regions.of(places, everything);
    Map<String, Regions> labelRegions = new LinkedHashMap<>();
    byLabel.forEach((label, docs) -> labelRegions.put(label, Regions.of(places, docs)));
    Map<String, Map<String, Object>> extensions = new LinkedHashMap<>();
    for (DatasetMeasure m : options.extensions()) {
      m.measure(d).ifPresent(r -> extensions.put(m.name(), r));
    }
    return new DatasetAnalysis(d.name(), d.method(), d.costUsd(), d.multiLabel(), overall, labels, regions,
        labelRegions, options.embedder().id(), extensions);
  }

  private static TextMeasures measures(Corpus corpus, int[] docs, Duplicates duplicates, Options options,
      OptionalDouble apsIntra, OptionalDouble apsInter) {
    int[] lengths = new int[docs.length];
    for (int i = 0; i < docs.length; i++) {
      lengths[i] = corpus.doc(docs[i]).length;
    }
    Distinct.Count unigrams = Distinct.count(corpus, docs, 1);
    return new TextMeasures(docs.length, LengthStats.of(lengths), (int) unigrams.distinct(), unigrams.ratio(),
        Distinct.of(corpus, docs, 2), Distinct.of(corpus, docs, 3),
        SelfBleu.of(corpus, docs, options.selfBleuSample(), options.seed()), duplicates.rates(docs), apsIntra,
        apsInter);
  }
}
