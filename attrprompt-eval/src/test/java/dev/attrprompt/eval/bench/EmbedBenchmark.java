package dev.attrprompt.eval.bench;

import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Datasets;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Embedders;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Texts embedded per second by an embedder (default the bundled MiniLM):
 * {@code EmbedBenchmark FILE.jsonl N [EMBEDDINGS]} embeds the first N texts of FILE, once to warm
 * up on 64 texts, then timed, and prints one line with the cores the JVM sees.
 */
public final class EmbedBenchmark {
  private EmbedBenchmark() {}

  public static void main(String[] args) {
    Dataset d = Datasets.load(Path.of(args[0]));
    int n = Math.min(Integer.parseInt(args[1]), d.size());
    String spec = args.length > 2 ? args[2] : "minilm";
    List<String> texts = d.texts().subList(0, n);
    long t0 = System.nanoTime();
    try (Embedder e = Embedders.parse(spec)) {
      double load = (System.nanoTime() - t0) / 1e9;
      e.embed(d.texts().subList(Math.max(0, d.size() - 64), d.size()));
      long t1 = System.nanoTime();
      e.embed(texts);
      double s = (System.nanoTime() - t1) / 1e9;
      double words = texts.stream().mapToInt(t -> t.split("\\s+").length).average().orElse(0);
      System.out.printf(Locale.ROOT, "embed file=%s embeddings=%s texts=%d words_per_text=%.1f cores=%d load_s=%.2f "
          + "seconds=%.2f texts_per_s=%.1f%n", Path.of(args[0]).getFileName(), e.id(), n, words,
          Runtime.getRuntime().availableProcessors(), load, s, n / s);
    }
  }
}
