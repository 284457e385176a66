package dev.attrprompt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Deterministic embeddings: a signed feature-hashing of the text's lower-cased words, scaled to
 * unit length. Texts that share words get a positive cosine, so similarity-based metrics behave
 * plausibly offline; the same text always gets the same vector.
 */
final class Embeddings {
  static final int DEFAULT_DIMENSIONS = 256;
  static final int MAX_DIMENSIONS = 3072;
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private Embeddings() {}

  /** An answer and the tokens its input counted for. */
  record Result(ObjectNode body, long promptTokens) {}

  /** Answers an embeddings request; throws a 400 {@link ApiException} for a bad one. */
  static Result create(ObjectNode body) {
    String model = ChatRequest.requireModel(body);
    List<String> inputs = inputs(body.get("input"));
    int dims = dimensions(body.get("dimensions"));
    String format = body.path("encoding_format").asText("float");
    if (!format.equals("float") && !format.equals("base64")) {
      throw ApiException.badRequest("Invalid value for 'encoding_format': '" + format
          + "'. Supported values are: 'float' and 'base64'.", "encoding_format");
    }
    ObjectNode answer = Json.object();
    answer.put("object", "list");
    ArrayNode data = answer.putArray("data");
    long tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      float[] v = vector(inputs.get(i), dims);
      tokens += Tokens.of(inputs.get(i));
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      if (format.equals("base64")) {
        item.put("embedding", base64(v));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float x : v) {
          values.add(x);
        }
      }
    }
    answer.put("model", model);
    ObjectNode usage = answer.putObject("usage");
    usage.put("prompt_tokens", tokens);
    usage.put("total_tokens", tokens);
    return new Result(answer, tokens);
  }

  /** The unit vector of {@code text}: a pure function of the text and the dimension count. */
  static float[] vector(String text, int dims) {
    double[] v = new double[dims];
    for (String word : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
      if (word.isEmpty()) {
        continue;
      }
      long h = Hashing.of(word);
      v[(int) Math.floorMod(h, (long) dims)] += h < 0 ? -1.0 : 1.0;
      long h2 = Hashing.mix(h, 1); // a second, weaker bucket softens collisions in small dims
      v[(int) Math.floorMod(h2, (long) dims)] += h2 < 0 ? -0.5 : 0.5;
    }
    double norm = norm(v);
    if (norm == 0.0) { // no words (or they cancelled out): a fixed random direction per text
      SplittableRandom rng = new SplittableRandom(Hashing.of(text));
      for (int i = 0; i < dims; i++) {
        v[i] = rng.nextGaussian();
      }
      norm = norm(v);
    }
    float[] out = new float[dims];
    for (int i = 0; i < dims; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  private static double norm(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }

  /** OpenAI's base64 format: little-endian float32s. */
  private static String base64(float[] v) {
    ByteBuffer buffer = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : v) {
      buffer.putFloat(x);
    }
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  private static List<String> inputs(JsonNode input) {
    if (input == null || input.isNull()) {
      throw ApiException.badRequest("Missing required parameter: 'input'.", "input");
    }
    if (input.isTextual()) {
      return List.of(nonEmpty(input.asText()));
    }
    if (!input.isArray() || input.isEmpty()) {
      throw ApiException.badRequest("'$.input' is invalid: expected a string, an array of "
          + "strings, or an array of token arrays.", "input");
    }
    if (input.get(0).isIntegralNumber()) {
      return List.of(tokenText(input)); // one pre-tokenized input
    }
    List<String> out = new ArrayList<>(input.size());
    for (JsonNode item : input) {
      if (item.isTextual()) {
        out.add(nonEmpty(item.asText()));
      } else if (item.isArray() && !item.isEmpty()) {
        out.add(tokenText(item));
      } else {
        throw ApiException.badRequest("'$.input' is invalid: every item must be a non-empty "
            + "string or token array.", "input");
      }
    }
    return out;
  }

  // Token ids stand for text we cannot decode without a tokenizer; hash them as words instead.
  private static String tokenText(JsonNode tokens) {
    StringBuilder s = new StringBuilder();
    for (JsonNode t : tokens) {
      if (!t.isIntegralNumber()) {
        throw ApiException.badRequest("'$.input' is invalid: token arrays hold integers.",
            "input");
      }
      s.append('t').append(t.asLong()).append(' ');
    }
    return s.toString();
  }

  private static String nonEmpty(String s) {
    if (s.isEmpty()) {
      throw ApiException.badRequest("'$.input' is invalid: input must not be empty.", "input");
    }
    return s;
  }

  private static int dimensions(JsonNode d) {
    if (d == null || d.isNull()) {
      return DEFAULT_DIMENSIONS;
    }
    if (!d.isIntegralNumber() || d.asInt() < 1 || d.asInt() > MAX_DIMENSIONS) {
      throw ApiException.badRequest("Invalid 'dimensions': expected an integer in [1, "
          + MAX_DIMENSIONS + "], but got " + d + " instead.", "dimensions");
    }
    return d.asInt();
  }
}
