package dev.attrprompt.eval.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.attrprompt.UserError;
import dev.attrprompt.eval.ToyData;
import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.classify.Evaluation;
import dev.attrprompt.eval.classify.Evaluator;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.llm.Connection;
import dev.attrprompt.llm.EndpointError;
import dev.attrprompt.llm.Header;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embeddings client against a real HTTP server on 127.0.0.1 that speaks the OpenAI
 * /v1/embeddings contract; its vectors are hashed bags of words, so that similar texts get
 * similar vectors and a linear probe can learn from them.
 */
class ApiEmbedderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "test-key-0123456789abcdef";
  private HttpServer server;
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> apiKeys = Collections.synchronizedList(new ArrayList<>());
  private final List<String> queries = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger throttleNext = new AtomicInteger();
  private volatile int failWith;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/embeddings", ex -> {
      authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
      apiKeys.add(ex.getRequestHeaders().getFirst("api-key"));
      queries.add(ex.getRequestURI().getRawQuery());
      JsonNode body = JSON.readTree(ex.getRequestBody());
      String answer;
      int status;
      if (failWith != 0) {
        status = failWith;
        answer = "{\"error\": {\"message\": \"Incorrect API key provided: " + KEY + ".\"}}";
      } else if (throttleNext.getAndDecrement() > 0) {
        status = 429;
        answer = "{\"error\": {\"message\": \"slow down\"}}";
        ex.getResponseHeaders().add("Retry-After", "0");
      } else {
        status = 200;
        batchSizes.add(body.get("input").size());
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < body.get("input").size(); i++) {
          data.add(Map.of("object", "embedding", "index", i, "embedding", hashed(body.get("input").get(i).asText())));
        }
        answer = JSON.writeValueAsString(Map.of("object", "list", "model", body.get("model").asText(), "data", data));
      }
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Map<String, String> env() {
    return Map.of("OPENAI_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/", "OPENAI_API_KEY", KEY);
  }

  static double[] hashed(String text) {
    double[] v = new double[16];
    for (String w : text.toLowerCase().split("\\W+")) {
      if (!w.isEmpty()) {
        v[Math.floorMod(w.hashCode(), 16)] += 1;
      }
    }
    return v;
  }

  @Test
  void batchesSendsTheKeyAndNormalises() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      texts.add("text number " + i);
    }
    ApiEmbedder e = ApiEmbedder.fromEnvironment(env(), "my-embedder");
    Vectors.Dense v = (Vectors.Dense) e.embed(texts);
    assertThat(e.id()).isEqualTo("api:my-embedder");
    assertThat(batchSizes).containsExactly(128, 128, 44);
    assertThat(authorizations).containsOnly("Bearer " + KEY);
    assertThat(v.size()).isEqualTo(300);
    assertThat(v.dimension()).isEqualTo(16);
    for (int i = 0; i < 300; i++) {
      assertThat(v.squaredNorm(i)).isCloseTo(1.0, within(1e-6));
    }
  }

  @Test
  void retriesWhenThrottled() {
    throttleNext.set(2);
    Vectors v = ApiEmbedder.fromEnvironment(env(), null).embed(List.of("a b", "c"));
    assertThat(v.size()).isEqualTo(2);
    assertThat(authorizations).hasSize(3);
  }

  @Test
  void errorsAreOneLineWithoutTheKey() {
    failWith = 401;
    ApiEmbedder e = ApiEmbedder.fromEnvironment(env(), null);
    assertThatThrownBy(() -> e.embed(List.of("x")))
        .isInstanceOfSatisfying(EndpointError.class, x -> assertThat(x.userCaused()).isTrue())
        .hasMessageContaining("could not get embeddings: the API key was refused (HTTP 401")
        .hasMessageContaining("Incorrect API key provided: [redacted].")
        .hasMessageContaining("check OPENAI_API_KEY").hasMessageNotContaining(KEY);
    assertThat(authorizations).as("a refused key is not retried").hasSize(1);
    assertThatThrownBy(() -> ApiEmbedder.fromEnvironment(Map.of(), null)).isInstanceOf(UserError.class)
        .hasMessageContaining("OPENAI_API_KEY");
    assertThatThrownBy(() -> ApiEmbedder.fromEnvironment(Map.of("OPENAI_BASE_URL", "ftp://x"), null))
        .isInstanceOf(UserError.class).hasMessageContaining("OPENAI_BASE_URL");
  }

  @Test
  void azureStyleHeaderAndQueryReachTheServerAndNoMessageShowsThem() {
    String secret = "azure-SECRET-4b1e9f0c";
    Connection azure = Connection.resolve(Map.of(), Optional.of("http://127.0.0.1:"
            + server.getAddress().getPort() + "/v1?api-version=2024-10-21"), Optional.empty(),
        List.of(Header.of("api-key", "env:AZ_KEY", Map.of("AZ_KEY", secret))), Duration.ofSeconds(5),
        Duration.ofSeconds(5));
    try (ApiEmbedder e = ApiEmbedder.open(azure, Map.of(), "emb")) {
      assertThat(e.embed(List.of("a b", "c")).size()).isEqualTo(2);
      failWith = 400;
      assertThatThrownBy(() -> e.embed(List.of("x")))
          .isInstanceOfSatisfying(EndpointError.class, x -> assertThat(x.userCaused()).isTrue())
          .hasMessageContaining("the endpoint refused the request as invalid (HTTP 400")
          .hasMessageNotContaining(secret).hasMessageNotContaining("api-version");
    }
    assertThat(queries).containsExactly("api-version=2024-10-21", "api-version=2024-10-21");
    assertThat(apiKeys).containsExactly(secret, secret);
    assertThat(authorizations).containsOnlyNulls();
    assertThat(azure.toString()).doesNotContain(secret).doesNotContain("api-version");
  }

  @Test
  void embedLrIsALinearProbeOverTheEndpointsVectors() {
    Dataset train = Dataset.of("train", ToyData.fruitOrVehicle(200, 1, false), false);
    Dataset test = Dataset.of("test", ToyData.fruitOrVehicle(100, 2, false), false);
    Evaluation e = Evaluator.evaluate(train, test, new Evaluator.Options(ClassifierKind.EMBED_LR, 1,
        Optional.of(ApiEmbedder.fromEnvironment(env(), null))));
    assertThat(e.features()).isEqualTo("sentence embeddings (api:text-embedding-3-small)");
    assertThat(e.scores().accuracy()).isGreaterThan(0.9);
  }
}
