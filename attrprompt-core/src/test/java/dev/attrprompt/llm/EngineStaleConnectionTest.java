package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.llm.Attempt.Result;
import dev.attrprompt.llm.Outcome.Completed;
import dev.attrprompt.llm.Outcome.Failed;
import dev.attrprompt.llm.Outcome.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server that closes a connection under a request without a byte of reply (as uvicorn or node
 * do with a keep-alive connection idle for a few seconds): the request goes again at once, once;
 * a second such failure waits the normal backoff.
 */
@Timeout(120)
class EngineStaleConnectionTest {
  /** Long, so that a backoff before the retry (full jitter: 0 to 60 s) would show in the time. */
  private static final Duration LONG_BACKOFF = Duration.ofSeconds(60);
  private static final Duration BACKOFF = Duration.ofSeconds(5);

  /**
   * A raw HTTP/1.1 server on 127.0.0.1: requests are numbered from 1 across connections; a
   * request for which {@code drop} holds is read whole, then its connection is closed unanswered.
   */
  private static final class RawServer implements AutoCloseable {
    final ServerSocket socket;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    private final IntPredicate drop;

    RawServer(IntPredicate drop) throws IOException {
      this.drop = drop;
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      Thread.ofVirtual().start(this::accept);
    }

    String baseUrl() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          connections.incrementAndGet();
          Thread.ofVirtual().start(() -> serve(s));
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        while (readRequest(in)) {
          int n = requests.incrementAndGet();
          if (drop.test(n)) {
            return; // closes the connection without a byte of reply
          }
          byte[] body = Scripted.body("reply " + n, 10, 3).getBytes(StandardCharsets.UTF_8);
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
        }
      } catch (IOException ignored) {
        // the client went away
      }
    }

    /** Reads one request's head and body; false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          return false;
        }
        head.write(b);
        matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      int length = 0;
      for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).strip());
        }
      }
      return in.readNBytes(length).length == length;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private static LlmConfig config(String baseUrl, int attempts, Duration backoff) {
    return LlmConfig.builder().env(Map.of()).baseUrl(baseUrl).model(Scripted.MODEL).noCache()
        .concurrency(1).maxAttempts(attempts).backoff(backoff, backoff)
        .requestTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(2)).build();
  }

  private static long millisSince(long t0) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
  }

  @Test
  void aConnectionClosedBeforeTheReplyIsRetriedAtOnce() throws IOException {
    try (RawServer server = new RawServer(n -> n == 1);
        Engine engine = Engine.open(config(server.baseUrl(), 3, LONG_BACKOFF))) {
      long t0 = System.nanoTime();
      Outcome o = engine.submit(Scripted.request("a")).join();
      long ms = millisSince(t0);

      assertThat(o).isInstanceOf(Completed.class);
      assertThat(((Completed) o).response().content()).isEqualTo("reply 2");
      assertThat(o.attempts()).extracting(Attempt::result)
          .containsExactly(Result.CONNECTION, Result.OK);
      assertThat(o.attempts().get(0).error()).contains("header parser received no bytes");
      assertThat(ms).as("no backoff of up to %s before the retry", LONG_BACKOFF).isLessThan(2000);
      assertThat(engine.stats().httpRequests()).isEqualTo(2);
      assertThat(engine.stats().retries()).isEqualTo(1);
      assertThat(server.requests).hasValue(2);
    }
  }

  @Test
  void aReusedKeepAliveConnectionClosedUnderTheNextRequestIsRetriedAtOnce() throws IOException {
    // the first request is answered on connection 1, the second goes out on the same connection
    // and the server closes it unanswered, as an idle timeout would
    try (RawServer server = new RawServer(n -> n == 2);
        Engine engine = Engine.open(config(server.baseUrl(), 3, LONG_BACKOFF))) {
      Outcome first = engine.submit(Scripted.request("a")).join();
      long t0 = System.nanoTime();
      Outcome o = engine.submit(Scripted.request("b")).join();
      long ms = millisSince(t0);

      assertThat(first).isInstanceOf(Completed.class);
      assertThat(o).isInstanceOf(Completed.class);
      assertThat(((Completed) o).response().content()).isEqualTo("reply 3");
      assertThat(o.attempts()).extracting(Attempt::result)
          .containsExactly(Result.CONNECTION, Result.OK);
      assertThat(ms).as("no backoff of up to %s before the retry", LONG_BACKOFF).isLessThan(2000);
      assertThat(o.attempts().get(0).error()).contains("header parser received no bytes");
      assertThat(server.connections).as("the second request reused connection 1").hasValue(2);
    }
  }

  @Test
  void onlyOneQuickRetryPerRequestThenTheNormalBackoffAndExhaustion() throws IOException {
    try (RawServer server = new RawServer(n -> true);
        Engine engine = Engine.open(config(server.baseUrl(), 3, BACKOFF))) {
      long t0 = System.nanoTime();
      Outcome o = engine.submit(Scripted.request("a")).join();
      long ms = millisSince(t0);

      assertThat(o).isInstanceOf(Failed.class);
      Failed f = (Failed) o;
      assertThat(f.kind()).isEqualTo(FailureKind.RETRIES_EXHAUSTED);
      assertThat(f.message()).startsWith("gave up after 3 attempts");
      assertThat(o.attempts()).extracting(Attempt::result)
          .containsExactly(Result.CONNECTION, Result.CONNECTION, Result.CONNECTION);
      // attempt 1 → 2 at once, attempt 2 → 3 after a full-jitter backoff of up to 5 s
      assertThat(ms).isLessThan(BACKOFF.toMillis() + 3000);
      assertThat(engine.stats().httpRequests()).isEqualTo(3);
      assertThat(server.requests).hasValue(3);
    }
  }
}
