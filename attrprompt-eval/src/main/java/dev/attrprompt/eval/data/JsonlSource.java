package dev.attrprompt.eval.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.attrprompt.UserError;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
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
 * array. Lines are parsed in parallel with Jackson's streaming parser; the first bad line (in
 * file order) is reported with its line number.
 */
public final class JsonlSource implements DatasetSource {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public boolean accepts(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(path) && (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json"));
  }

  /** One parsed line: a sample and whether it had a label set, or the error to report. */
  private record Parsed(Sample sample, boolean multi, UserError error) {}

  @Override
  public Dataset load(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw UserError.in(path, "not UTF-8 text");
    } catch (IOException e) {
      throw UserError.in(path, "cannot read: " + e.getMessage());
    }
    Parsed[] parsed = new Parsed[lines.size()];
    IntStream.range(0, lines.size()).parallel().forEach(i -> {
      String line = lines.get(i);
      if (!line.isBlank()) {
        try {
          parsed[i] = parse(line, path, i + 1);
        } catch (UserError e) {
          parsed[i] = new Parsed(null, false, e);
        }
      }
    });
    List<Sample> samples = new ArrayList<>(lines.size());
    boolean multiLabel = false;
    for (Parsed p : parsed) {
      if (p == null) {
        continue;
      }
      if (p.error() != null) {
        throw p.error();
      }
      samples.add(p.sample());
      multiLabel |= p.multi();
    }
    if (samples.isEmpty()) {
      throw UserError.in(path, "holds no samples");
    }
    return new Dataset(path.getFileName().toString(), path.toString(), samples, multiLabel, Optional.empty(),
        OptionalDouble.empty());
  }

  private static Parsed parse(String line, Path path, int lineNo) {
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw UserError.at(path, lineNo, 1, "expected a JSON object with \"text\" and \"label\"");
      }
      String text = null;
      String label = null;
      List<String> labels = null;
      Map<String, String> attributes = Map.of();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        if (t == null || v == null) {
          throw UserError.at(path, lineNo, column(p), "the JSON object is not closed");
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
              if (!e.isScalarValue() || e == JsonToken.VALUE_NULL) {
                throw UserError.at(path, lineNo, column(p), "\"labels\" must be an array of strings");
              }
              labels.add(p.getText());
            }
          }
          case "attributes" -> attributes = attributes(p, v);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw UserError.at(path, lineNo, column(p), "more than one JSON value on the line");
      }
      if (text == null) {
        throw UserError.at(path, lineNo, 1, "missing \"text\" (a string)");
      }
      if (labels != null) {
        return new Parsed(new Sample(text, labels, attributes), true, null);
      }
      if (label == null) {
        throw UserError.at(path, lineNo, 1, "missing \"label\" (a string) or \"labels\" (an array of strings)");
      }
      if (label.isBlank()) {
        throw UserError.at(path, lineNo, 1, "\"label\" is empty");
      }
      return new Parsed(new Sample(text, List.of(label), attributes), false, null);
    } catch (JsonParseException e) {
      throw UserError.at(path, lineNo, Math.max(1, e.getLocation().getColumnNr()),
          "not valid JSON (" + e.getOriginalMessage() + "); each line must be one {\"text\", \"label\"} object");
    } catch (IOException e) {
      throw UserError.at(path, lineNo, 1, "not valid JSON: " + e.getMessage());
    }
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
}
