package dev.attrprompt.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain java.net.http client for tests that need to see status codes, headers and bytes. */
final class Wire {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String KEY = "sk-test-key";

  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final Simulator sim;

  Wire(Simulator sim) {
    this.sim = sim;
  }

  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET().build());
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
        .header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(20));
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs a one-message chat request and returns the answer's JSON (asserting a 200). */
  JsonNode chat(String prompt, long seed) throws IOException, InterruptedException {
    HttpResponse<String> r = post("/chat/completions", chatBody(prompt, seed));
    if (r.statusCode() != 200) {
      throw new AssertionError("expected 200 but got " + r.statusCode() + ": " + r.body());
    }
    return json(r.body());
  }

  String content(String prompt, long seed) throws IOException, InterruptedException {
    return chat(prompt, seed).at("/choices/0/message/content").asText();
  }

  JsonNode stats() throws IOException, InterruptedException {
    HttpResponse<String> r = send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + sim.port() + "/sim/stats")).GET().build());
    return json(r.body());
  }

  static String chatBody(String prompt, long seed) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", "gpt-3.5-turbo");
    body.put("seed", seed);
    body.putArray("messages").addObject().put("role", "user").put("content", prompt);
    return body.toString();
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  /** A prompt in the shape attrprompt-core renders AttrPrompt requests. */
  static String attrPrompt(String label, String subtopic, String style, String location,
      int minWords) {
    return "Write one news article about \"" + label + "\", of the kind published by NYT.\n"
        + "It must meet these requirements:\n"
        + "- Focus on this subtopic: " + subtopic + ".\n"
        + "- Writing style: " + style + ".\n"
        + "- Set it in or about: " + location + ".\n"
        + "- Length: between " + minWords + " and " + (minWords + 50) + " words.\n"
        + "- It should clearly belong to \"" + label + "\" and not to \"politics\".\n"
        + "Reply with the news article only, with no title and no comments before or after it.";
  }
}
