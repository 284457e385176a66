package dev.attrprompt.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A scripted OpenAI-compatible server on 127.0.0.1, and configs that talk to it fast. */
final class Scripted implements AutoCloseable {
  static final String MODEL = "gpt-4o-mini";

  final MockWebServer server = new MockWebServer();

  Scripted() {
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/v1";
  }

  String endpoint() {
    return baseUrl() + "/chat/completions";
  }

  Scripted enqueue(MockResponse... responses) {
    for (MockResponse r : responses) {
      server.enqueue(r);
    }
    return this;
  }

  int requests() {
    return server.getRequestCount();
  }

  RecordedRequest take() throws InterruptedException {
    return server.takeRequest();
  }

  /** Talks to this server with no cache, millisecond backoff and a short timeout. */
  LlmConfig.Builder config() {
    return LlmConfig.builder().env(Map.of()).baseUrl(baseUrl()).model(MODEL).noCache()
        .concurrency(4).backoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2));
  }

  static MockResponse ok(String content, long prompt, long completion) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(body(content, prompt, completion)).build();
  }

  static String body(String content, long prompt, long completion) {
    return """
        {"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4o-mini-2024-07-18",\
        "system_fingerprint":"fp_test","choices":[{"index":0,"message":{"role":"assistant",\
        "content":"%s"},"finish_reason":"stop"}],"usage":{"prompt_tokens":%d,\
        "completion_tokens":%d,"total_tokens":%d}}""".formatted(content, prompt, completion,
        prompt + completion);
  }

  static MockResponse error(int status, String type, String code, String message) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .body("""
            {"error":{"message":"%s","type":"%s","param":null,"code":"%s"}}"""
            .formatted(message, type, code)).build();
  }

  static ChatRequest request(String id) {
    return ChatRequest.of(id, "Write a short news article about " + id + ".", 1.0, 1.0, 100,
        id.hashCode());
  }

  @Override
  public void close() {
    server.close();
  }
}
