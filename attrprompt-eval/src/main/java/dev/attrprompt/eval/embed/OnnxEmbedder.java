package dev.attrprompt.eval.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.attrprompt.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local sentence encoder: a folder with {@code model.onnx} (a transformer exported to ONNX, e.g.
 * a sentence-transformers model) and its {@code tokenizer.json}. Fully offline: the tokenizer's
 * native library comes from its jar and {@code ai.djl.offline} is set so nothing is downloaded.
 * A model whose output is already one vector per text (2-D, e.g. {@code sentence_embedding}) is
 * used as is; otherwise the first output, the token states {@code [batch, tokens, dim]}, is
 * mean-pooled over the attention mask. Vectors are L2-normalised.
 */
public final class OnnxEmbedder implements Embedder {
  static final int BATCH = 32;
  static final int MAX_TOKENS = 256;

  private final Path dir;
  private final HuggingFaceTokenizer tokenizer;
  private final OrtEnvironment env;
  private final OrtSession session;

  private OnnxEmbedder(Path dir, HuggingFaceTokenizer tokenizer, OrtEnvironment env, OrtSession session) {
    this.dir = dir;
    this.tokenizer = tokenizer;
    this.env = env;
    this.session = session;
  }

  /** Opens the encoder in {@code dir}; a missing or unreadable file is a {@link UserError}. */
  public static OnnxEmbedder open(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw UserError.in(dir, "no such folder; --embeddings onnx:DIR needs a folder with model.onnx and tokenizer.json");
    }
    List<String> missing = new ArrayList<>();
    for (String f : List.of("model.onnx", "tokenizer.json")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      throw UserError.in(dir, "missing " + String.join(" and ", missing)
          + "; --embeddings onnx:DIR needs a folder with model.onnx and tokenizer.json (e.g. a sentence-transformers model exported to ONNX)");
    }
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer = HuggingFaceTokenizer.builder()
          .optTokenizerPath(dir.resolve("tokenizer.json"))
          .optMaxLength(MAX_TOKENS)
          .optTruncation(true)
          .optPadding(true)
          .build();
    } catch (IOException | RuntimeException e) {
      throw UserError.in(dir.resolve("tokenizer.json"), "cannot load the tokenizer: " + e.getMessage());
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try {
      OrtSession session = env.createSession(dir.resolve("model.onnx").toString(), new OrtSession.SessionOptions());
      if (!session.getInputNames().contains("input_ids")) {
        session.close();
        tokenizer.close();
        throw UserError.in(dir.resolve("model.onnx"), "the model has no 'input_ids' input (it has "
            + session.getInputNames() + "); give a transformer text encoder");
      }
      return new OnnxEmbedder(dir, tokenizer, env, session);
    } catch (OrtException e) {
      tokenizer.close();
      throw UserError.in(dir.resolve("model.onnx"), "cannot load the ONNX model: " + e.getMessage());
    }
  }

  @Override
  public String id() {
    return "onnx:" + dir;
  }

  @Override
  public boolean sentenceEmbeddings() {
    return true;
  }

  @Override
  public Vectors embed(List<String> texts) {
    float[][] rows = Embedder.inBatches(texts, BATCH, this::embedBatch);
    int dim = rows.length == 0 ? 0 : rows[0].length;
    return new Vectors.Dense(rows, dim).normalised();
  }

  private float[][] embedBatch(List<String> batch) {
    Encoding[] enc = tokenizer.batchEncode(batch);
    int n = enc.length;
    int len = 0;
    for (Encoding e : enc) {
      len = Math.max(len, e.getIds().length);
    }
    long[][] ids = new long[n][len];
    long[][] mask = new long[n][len];
    long[][] types = new long[n][len];
    for (int i = 0; i < n; i++) {
      System.arraycopy(enc[i].getIds(), 0, ids[i], 0, enc[i].getIds().length);
      System.arraycopy(enc[i].getAttentionMask(), 0, mask[i], 0, enc[i].getAttentionMask().length);
      System.arraycopy(enc[i].getTypeIds(), 0, types[i], 0, enc[i].getTypeIds().length);
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      for (String name : session.getInputNames()) {
        long[][] data = switch (name) {
          case "input_ids" -> ids;
          case "attention_mask" -> mask;
          case "token_type_ids" -> types;
          default -> throw UserError.in(dir.resolve("model.onnx"), "the model wants an input '" + name
              + "' that a text encoder does not have (known: input_ids, attention_mask, token_type_ids)");
        };
        inputs.put(name, OnnxTensor.createTensor(env, data));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        return pool(pick(result), mask);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX inference failed: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** The pooled 2-D output when the model has one, else the first output. */
  private OnnxValue pick(OrtSession.Result result) throws OrtException {
    for (Map.Entry<String, NodeInfo> out : session.getOutputInfo().entrySet()) {
      if (out.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 2) {
        return result.get(out.getKey()).orElseThrow();
      }
    }
    return result.get(0);
  }

  /** Mean of the token states where the mask is 1; a 2-D output is returned as is. */
  static float[][] pool(OnnxValue value, long[][] mask) throws OrtException {
    Object data = value.getValue();
    if (data instanceof float[][] pooled) {
      return pooled;
    }
    if (!(data instanceof float[][][] states)) {
      throw new IllegalStateException("the model's output is not float token states or sentence vectors");
    }
    return meanPool(states, mask);
  }

  static float[][] meanPool(float[][][] states, long[][] mask) {
    float[][] out = new float[states.length][];
    for (int i = 0; i < states.length; i++) {
      int dim = states[i][0].length;
      double[] sum = new double[dim];
      int count = 0;
      for (int t = 0; t < states[i].length; t++) {
        if (t < mask[i].length && mask[i][t] != 0) {
          count++;
          for (int k = 0; k < dim; k++) {
            sum[k] += states[i][t][k];
          }
        }
      }
      out[i] = new float[dim];
      for (int k = 0; k < dim; k++) {
        out[i][k] = count == 0 ? 0f : (float) (sum[k] / count);
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // closing native memory at exit; nothing to recover
    }
    tokenizer.close();
  }
}
