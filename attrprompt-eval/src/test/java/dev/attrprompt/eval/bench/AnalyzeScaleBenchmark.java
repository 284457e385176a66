package dev.attrprompt.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.embed.TfIdfEmbedder;
import dev.attrprompt.eval.report.AnalysisReport;
import dev.attrprompt.eval.report.Analyzer;
import dev.attrprompt.eval.report.DatasetAnalysis;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The harness of {@code bench/analyze-scale.sh}.
 *
 * <p>{@code generate N FILE} writes N <b>synthetic</b> labeled texts (not real data: every line
 * says {@code "source": "synthetic"}), the same for the same N: 8 labels, words drawn from a
 * Zipf-distributed vocabulary of 30,000 made-up words plus 300 topic words per label, 15 to 60
 * words per text, a place name in about a third of the texts, 3% exact copies and 2% one-word
 * edits of earlier texts.
 *
 * <p>{@code run FILE} does what {@code attrprompt analyze FILE --json} does (load, analyze with
 * TF-IDF embeddings, render the JSON) and prints the texts, the wall seconds of that work and the
 * heap limit it ran under (the script runs it with -Xmx1g, and once with a smaller heap to show
 * the headroom; a run that needs more dies with OutOfMemoryError).
 */
public final class AnalyzeScaleBenchmark {
  private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "su", "da", "fo",
      "gi", "ha", "ju", "be", "co", "ly", "wa", "xe"};
  private static final String[] PLACES = {"Paris", "Tokyo", "Kenya", "Brazil", "Canada", "India", "Germany", "Lagos",
      "Sydney", "Peru", "Mexico City", "Norway", "Vietnam", "Chicago", "Egypt"};

  public static void main(String[] args) throws IOException {
    switch (args[0]) {
      case "generate" -> generate(Integer.parseInt(args[1]), Path.of(args[2]));
      case "run" -> run(Path.of(args[1]));
      default -> throw new IllegalArgumentException("use: generate N FILE | run FILE");
    }
  }

  static void generate(int n, Path file) throws IOException {
    SplittableRandom rnd = new SplittableRandom(20230615);
    String[] vocabulary = words(30_000, rnd);
    double[] cumulative = new double[vocabulary.length];
    double sum = 0;
    for (int r = 0; r < vocabulary.length; r++) {
      sum += 1 / Math.pow(r + 1, 1.07);
      cumulative[r] = sum;
    }
    String[][] topics = new String[8][];
    for (int l = 0; l < 8; l++) {
      topics[l] = words(300, rnd);
    }
    List<String> texts = new ArrayList<>(n);
    ObjectMapper json = new ObjectMapper();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < n; i++) {
        int label = rnd.nextInt(8);
        String text;
        double kind = rnd.nextDouble();
        if (i > 0 && kind < 0.03) {
          text = texts.get(rnd.nextInt(i));
        } else if (i > 0 && kind < 0.05) {
          String[] words = texts.get(rnd.nextInt(i)).split(" ");
          words[rnd.nextInt(words.length)] = vocabulary[rnd.nextInt(vocabulary.length)];
          text = String.join(" ", words);
        } else {
          int length = 15 + rnd.nextInt(46);
          StringBuilder t = new StringBuilder();
          for (int k = 0; k < length; k++) {
            if (k > 0) {
              t.append(' ');
            }
            if (rnd.nextDouble() < 0.2) {
              t.append(topics[label][rnd.nextInt(topics[label].length)]);
            } else {
              double u = rnd.nextDouble() * sum;
              int lo = java.util.Arrays.binarySearch(cumulative, u);
              t.append(vocabulary[lo >= 0 ? lo : Math.min(vocabulary.length - 1, -lo - 1)]);
            }
          }
          if (rnd.nextDouble() < 0.33) {
            t.append(" in ").append(PLACES[rnd.nextInt(PLACES.length)]);
          }
          text = t.toString();
        }
        texts.add(text);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("text", text);
        row.put("label", "synthetic_topic_" + label);
        row.put("source", "synthetic");
        w.write(json.writeValueAsString(row));
        w.write('\n');
      }
    }
  }

  private static String[] words(int n, SplittableRandom rnd) {
    java.util.Set<String> seen = new java.util.LinkedHashSet<>();
    while (seen.size() < n) {
      int syllables = 1 + rnd.nextInt(4);
      StringBuilder w = new StringBuilder();
      for (int s = 0; s < syllables; s++) {
        w.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
      }
      seen.add(w.toString());
    }
    return seen.toArray(String[]::new);
  }

  static void run(Path file) throws IOException {
    long t0 = System.nanoTime();
    Dataset d = Datasets.load(file);
    List<DatasetAnalysis> a = Analyzer.analyze(List.of(d), Analyzer.Options.defaults(new TfIdfEmbedder()));
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(OutputStream.nullOutputStream(),
        AnalysisReport.json(a.get(0)));
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "texts=%d seconds=%.3f max_heap_mb=%d duplicate_rate=%.4f aps_intra=%.4f%n",
        d.size(), seconds, Runtime.getRuntime().maxMemory() >> 20, a.get(0).all().duplicates().nearOrExact(),
        a.get(0).all().apsIntra().orElse(Double.NaN));
  }
}
