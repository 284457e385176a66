package dev.attrprompt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Runs the main commands once on simulated data in a temporary folder and prints nothing. The
 * launcher runs it after each build with the JVM recording an ahead-of-time cache (JDK 25+) or a
 * class-data archive (JDK 21-24), so that later commands start with their classes already loaded,
 * linked and, on JDK 25, profiled. It reads no user data and leaves nothing behind.
 */
@Command(name = "warm-up", hidden = true,
    description = "Runs demo, evaluate and compare on simulated data in a temporary folder, silently.")
final class WarmUpCommand implements Callable<Integer> {
  @Override
  public Integer call() throws IOException {
    Path dir = Files.createTempDirectory("attrprompt-warm-up-");
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    try {
      Path runs = dir.resolve("runs");
      int code = Main.run(new String[] {"demo", "--out", runs.toString()}, sink, sink);
      if (code != 0) {
        return code;
      }
      String simprompt = runs.resolve("simprompt").toString();
      String test = firstJsonl(runs.resolve("attrprompt").resolve("export")).toString();
      for (List<String> args : List.of(
          List.of("evaluate", "--train", simprompt, "--test", test, "--classifier", "tfidf-lr", "--json"),
          List.of("evaluate", "--train", simprompt, "--test", test, "--classifier", "tfidf-svm"),
          // TF-IDF probe only: the MiniLM probe loads its model lazily, and the cache stays lean
          List.of("compare", simprompt, runs.resolve("attrprompt").toString(), "--test", test, "--classifier", "tfidf-lr", "--json"))) {
        code = Main.run(args.toArray(String[]::new), sink, sink);
        if (code != 0) {
          return code;
        }
      }
      return 0;
    } finally {
      dev.attrprompt.FileTrees.deleteQuietly(dir);
    }
  }

  private static Path firstJsonl(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().findFirst()
          .orElseThrow(() -> new IllegalStateException("the demo exported no JSONL to " + dir));
    }
  }
}
