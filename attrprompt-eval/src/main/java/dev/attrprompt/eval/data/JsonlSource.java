package dev.attrprompt.eval.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.attrprompt.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * JSON Lines of {@code {"text": ..., "label": ...}} or {@code {"text": ..., "labels": [...]}};
 * an {@code "attributes"} object of scalars (as our export writes it) is kept, other fields are
 * ignored, blank lines are skipped. A file is multi-label when any line has a {@code "labels"}
 * array. The bytes are parsed with Jackson's streaming parser, one parser per chunk of lines (one
 * chunk per core for files above a megabyte); the first bad line in file order is reported with
 * its line number.
 */
public final class JsonlSource implements DatasetSource {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public boolean accepts(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(path) && (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json"));
  }

  /** Files above this size are parsed in parallel chunks, one per core. */
  private static final int CHUNK_BYTES = 1 << 20;

  /** The samples of one chunk of lines, and whether any had a label set. */
  private record Chunk(List<Sample> samples, boolean multi) {}

  /** One object's sample, and whether it had a label set. */
  private record Parsed(Sample sample, boolean multi) {}

  @Override
  public Dataset load(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw UserError.in(path, "cannot read: " + e.getMessage());
    }
    // chunk boundaries fall just after a newline; the first line of chunk k is firstLine[k]
    int chunks = (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), bytes.length / CHUNK_BYTES));
    int[] bounds = new int[chunks + 1];
    int[] firstLine = new int[chunks];
    bounds[chunks] = bytes.length;
    firstLine[0] = 1;
    for (int k = 1; k < chunks; k++) {
      int b = Math.max(bounds[k - 1], (int) ((long) bytes.length * k / chunks));
      while (b < bytes.length && bytes[b - 1] != '\n') {
        b++;
      }
      bounds[k] = b;
      firstLine[k] = firstLine[k - 1] + newlines(bytes, bounds[k - 1], b);
    }
    // a bad line in an earlier chunk is reported first, as the file reads
    List<Chunk> parsed = IntStream.range(0, chunks).parallel()
        .mapToObj(k -> parse(bytes, bounds[k], bounds[k + 1], firstLine[k] - 1, path)).toList();
    List<Sample> samples = new ArrayList<>();
    boolean multiLabel = false;
    for (Chunk c : parsed) {
      samples.addAll(c.samples());
      multiLabel |= c.multi();
    }
    if (samples.isEmpty()) {
      throw UserError.in(path, "holds no samples");
    }
    return new Dataset(path.getFileName().toString(), path.toString(), samples, multiLabel, Optional.empty(),
        OptionalDouble.empty());
  }

  private static int newlines(byte[] bytes, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  /**
   * Parses bytes [from, to) as JSON values one per line with one streaming parser; line numbers
   * in messages are the parser's plus {@code lineOffset}.
   */
  private static Chunk parse(byte[] bytes, int from, int to, int lineOffset, Path path) {
    List<Sample> samples = new ArrayList<>();
    boolean multi = false;
    int objectLine = 0; // the line of the object being read, 0 between objects
    try (JsonParser p = JSON.createParser(bytes, from, to - from)) {
      int lastLine = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        int line = p.currentTokenLocation().getLineNr();
        if (line == lastLine) {
          throw UserError.at(path, lineOffset + line, column(p), "more than one JSON value on the line");
        }
        if (t != JsonToken.START_OBJECT) {
          throw UserError.at(path, lineOffset + line, 1, "expected a JSON object with \"text\" and \"label\"");
        }
        objectLine = line;
        Parsed parsed = object(p, path, lineOffset + line);
        lastLine = p.currentTokenLocation().getLineNr();
        if (lastLine != line) {
          throw notClosed(path, lineOffset + line);
        }
        objectLine = 0;
        samples.add(parsed.sample());
        multi |= parsed.multi();
      }
      return new Chunk(samples, multi);
    } catch (JsonParseException e) {
      int line = e.getLocation().getLineNr();
      if (objectLine > 0 && line > objectLine) {
        throw notClosed(path, lineOffset + objectLine);
      }
      throw UserError.at(path, lineOffset + Math.max(1, line), Math.max(1, e.getLocation().getColumnNr()),
          "not valid JSON (" + e.getOriginalMessage() + "); each line must be one {\"text\", \"label\"} object");
    } catch (IOException e) {
      throw UserError.in(path, "cannot read: " + e.getMessage());
    }
  }

  private static UserError notClosed(Path path, int line) {
    return UserError.at(path, line, 1, "the JSON object is not closed on its line; each line must be one "
        + "{\"text\", \"label\"} object");
  }

  /** Reads one object, the parser just past its START_OBJECT, up to and including its END_OBJECT. */
  private static Parsed object(JsonParser p, Path path, int lineNo) throws IOException {
    String text = null;
    String label = null;
    List<String> labels = null;
    Map<String, String> attributes = Map.of();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (t == null || v == null) {
        throw notClosed(path, lineNo);
      }
      switch (field) {
        case "text" -> {
          if (v != JsonToken.VALUE_STRING) {
            throw UserError.at(path, lineNo, column(p), "\"text\" must be a string");
          }
          text = p.getText();
        }
        case "label" -> {
          if (!v.isScalarValue() || v == JsonToken.VALUE_NULL) {
            throw UserError.at(path, lineNo, column(p), "\"label\" must be a string");
          }
          label = p.getText();
        }
        case "labels" -> {
          if (v != JsonToken.START_ARRAY) {
            throw UserError.at(path, lineNo, column(p), "\"labels\" must be an array of strings");
          }
          labels = new ArrayList<>();
          for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
            if (e == null || !e.isScalarValue() || e == JsonToken.VALUE_NULL) {
              throw UserError.at(path, lineNo, column(p), "\"labels\" must be an array of strings");
            }
            labels.add(p.getText());
          }
        }
        case "attributes" -> attributes = attributes(p, v);
        default -> p.skipChildren();
      }
    }
    if (text == null) {
      throw UserError.at(path, lineNo, 1, "missing \"text\" (a string)");
    }
    if (labels != null) {
      return new Parsed(new Sample(text, labels, attributes), true);
    }
    if (label == null) {
      throw UserError.at(path, lineNo, 1, "missing \"label\" (a string) or \"labels\" (an array of strings)");
    }
    if (label.isBlank()) {
      throw UserError.at(path, lineNo, 1, "\"label\" is empty");
    }
    return new Parsed(new Sample(text, List.of(label), attributes), false);
  }

  private static Map<String, String> attributes(JsonParser p, JsonToken start) throws IOException {
    if (start != JsonToken.START_OBJECT) {
      p.skipChildren();
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
        out.put(name, p.getText());
      } else {
        p.skipChildren();
      }
    }
    return out;
  }

  private static int column(JsonParser p) {
    return Math.max(1, p.currentLocation().getColumnNr());
  }

  /**
   * The 0-based line of each sample of a file that {@link #load} read: its lines that are not
   * blank, in order (each holds one object).
   */
  public static int[] sampleLines(Path path) {
    try (java.util.stream.Stream<String> lines = Files.lines(path)) {
      List<String> all = lines.toList();
      return IntStream.range(0, all.size()).filter(i -> !all.get(i).isBlank()).toArray();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw UserError.in(path, "cannot read: " + e.getMessage());
    }
  }
}
