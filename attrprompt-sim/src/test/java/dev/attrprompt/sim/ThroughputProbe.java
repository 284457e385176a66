package dev.attrprompt.sim;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test (timings belong in benchmarks): prints how many chat requests per second the
 * simulator serves to a loopback java.net.http client with no limits and no latency.
 * Run from attrprompt-sim, with CP the test class path (mvn dependency:build-classpath):
 * {@code java -cp target/classes:target/test-classes:CP dev.attrprompt.sim.ThroughputProbe 32 5}
 */
public final class ThroughputProbe {
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    try (Simulator sim = Simulator.start(SimulatorConfig.defaults())) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
      AtomicLong done = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      long warmupEnd = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
      try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int c = 0; c < clients; c++) {
          int client = c;
          pool.submit(() -> {
            for (long i = 0; System.nanoTime() < end; i++) {
              String prompt = Wire.attrPrompt("sports", "topic " + (i % 50), "formal", "Peru",
                  30 + (int) (i % 100));
              HttpRequest request = HttpRequest.newBuilder(sim.baseUrl().resolve(
                      "/v1/chat/completions"))
                  .header("Authorization", "Bearer k").header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(
                      Wire.chatBody(prompt, client * 1_000_000L + i)))
                  .build();
              HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
              if (System.nanoTime() > warmupEnd) {
                (r.statusCode() == 200 ? done : failed).incrementAndGet();
              }
            }
            return null;
          });
        }
      }
      System.out.printf("clients=%d seconds=%d ok=%d failed=%d -> %.0f req/s%n", clients, seconds,
          done.get(), failed.get(), done.get() / (double) seconds);
    }
  }
}
