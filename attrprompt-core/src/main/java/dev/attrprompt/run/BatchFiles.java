package dev.attrprompt.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attrprompt.UserError;
import dev.attrprompt.cost.Price;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.llm.BatchClient;
import dev.attrprompt.task.Generation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI Batch API files: the input file of a run's pending requests (one line per request, its
 * {@code custom_id} the stable request id) and the ingestion of an output or error file, whose
 * answers are stored exactly as if they had come online, priced with the batch discount.
 */
public final class BatchFiles {
  private BatchFiles() {}

  /** What an ingested file held. */
  public record Ingested(int answered, int failed, int alreadyAnswered, int unknown) {}

  /** Writes the input file atomically; returns how many requests it holds. */
  public static int writeInput(List<StoredRequest> requests, Generation params, Path out) {
    write(out, w -> {
      for (StoredRequest r : requests) {
        writeLine(w, r, params);
      }
    });
    return requests.size();
  }

  /**
   * Writes the input file of every request of {@code store} that still needs an answer,
   * atomically, reading the requests one by one; returns how many it holds.
   */
  public static long writeInput(RunStore store, Generation params, Path out) {
    long[] n = {0};
    write(out, w -> n[0] = store.forEachUnanswered(r -> {
      try {
        writeLine(w, r, params);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }));
    return n[0];
  }

  private interface Lines {
    void write(Writer w) throws IOException;
  }

  /**
   * The input-file line of {@code r}, without its newline: its body is byte for byte what the
   * engine sends online for the same request ({@link BatchClient#requestLine}), so reasoning models
   * get {@code max_completion_tokens} there too.
   */
  static String lineText(StoredRequest r, Generation params) {
    return BatchClient.requestLine(r.id(), params.model(), r.chat(params));
  }

  private static void writeLine(Writer w, StoredRequest r, Generation params) throws IOException {
    w.write(lineText(r, params));
    w.write('\n');
  }

  private static void write(Path out, Lines lines) {
    Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      lines.write(w);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw UserError.in(out, "cannot write the batch file: " + e.getMessage());
    }
    try {
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw UserError.in(out, "cannot write the batch file: " + e.getMessage());
    }
  }

  /**
   * Stores the answers of a Batch output (or error) file. Lines for requests that already have an
   * answer are skipped, so importing a file twice costs nothing twice; ids the run does not know
   * are counted and skipped.
   */
  public static Ingested ingest(Path file, RunStore store, PriceTable prices) {
    Set<String> open = new HashSet<>(store.unansweredIds());
    Set<String> known = store.requestIds();
    int answered = 0;
    int failed = 0;
    int already = 0;
    int unknown = 0;
    int lineNo = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String text; (text = reader.readLine()) != null; ) {
        lineNo++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode line;
        try {
          line = Jsons.MAPPER.readTree(text);
        } catch (IOException e) {
          throw UserError.at(file, lineNo, 1, "not a JSON line of a Batch output file; give the file the "
              + "Batch API returned (output_file_id or error_file_id)");
        }
        String id = line.path("custom_id").asText("");
        if (id.isEmpty()) {
          throw UserError.at(file, lineNo, 1, "the line has no custom_id; is this a Batch output file?");
        }
        if (!known.contains(id)) {
          unknown++;
          continue;
        }
        if (!open.contains(id)) {
          already++;
          continue;
        }
        JsonNode response = line.path("response");
        JsonNode body = response.path("body");
        if (response.path("status_code").asInt(0) == 200 && body.path("choices").path(0).path("message").has("content")) {
          store.recordResponse(id, response(body, prices));
          open.remove(id);
          answered++;
        } else {
          String why = line.path("error").isMissingNode() || line.path("error").isNull()
              ? "HTTP " + response.path("status_code").asInt(0) + " " + body.path("error").path("message").asText("")
              : line.path("error").path("code").asText("") + " " + line.path("error").path("message").asText("");
          store.recordFailure(id, "batch: " + why.strip());
          failed++;
        }
      }
    } catch (IOException e) {
      throw UserError.in(file, "cannot read: " + e.getMessage());
    }
    return new Ingested(answered, failed, already, unknown);
  }

  private static Response response(JsonNode body, PriceTable prices) {
    JsonNode choice = body.path("choices").path(0);
    String model = body.path("model").asText("");
    long prompt = body.path("usage").path("prompt_tokens").asLong(0);
    long completion = body.path("usage").path("completion_tokens").asLong(0);
    Optional<Price> price = prices.find(model);
    double usd = price.map(p -> p.usd(prompt, completion) * (1 - PriceTable.BATCH_DISCOUNT)).orElse(0.0);
    return new Response(body.toString(), choice.path("message").path("content").asText(""),
        choice.path("finish_reason").asText(null), model, prompt, completion, usd, false);
  }
}
