package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which failed attempts the server closed before a byte of reply: those go again at once. */
@Timeout(30)
class HttpEdgeClosedBeforeReplyTest {
  @AutoClose
  private final Scripted server = new Scripted();

  @Test
  void theJdkClientsWordsForAConnectionClosedBeforeTheReply() {
    assertThat(HttpEdge.closedBeforeReply(
        new IOException("HTTP/1.1 header parser received no bytes"))).isTrue();
    assertThat(HttpEdge.closedBeforeReply(new IOException("HTTP/1.1 header parser received no "
        + "bytes", new EOFException("EOF reached while reading")))).isTrue();
    assertThat(HttpEdge.closedBeforeReply(new EOFException("EOF reached while reading"))).isTrue();
    assertThat(HttpEdge.closedBeforeReply(new EOFException())).isTrue();
    assertThat(HttpEdge.closedBeforeReply(
        new IOException("wrapped", new EOFException("EOF reached while reading")))).isTrue();
  }

  @Test
  void refusedTimedOutResetOrPartlyAnsweredIsNot() {
    assertThat(HttpEdge.closedBeforeReply(new ConnectException("Connection refused"))).isFalse();
    assertThat(HttpEdge.closedBeforeReply(
        new IOException("x", new ConnectException("Connection refused")))).isFalse();
    assertThat(HttpEdge.closedBeforeReply(new HttpTimeoutException("request timed out")))
        .isFalse();
    HttpConnectTimeoutException connect = new HttpConnectTimeoutException("connect timed out");
    connect.initCause(new ConnectException("HTTP connect timed out"));
    assertThat(HttpEdge.closedBeforeReply(connect)).isFalse();
    assertThat(HttpEdge.closedBeforeReply(new SocketException("Connection reset"))).isFalse();
    assertThat(HttpEdge.closedBeforeReply(new IOException("Connection reset by peer"))).isFalse();
    // part of the status line had arrived: the server did answer
    assertThat(HttpEdge.closedBeforeReply(new IOException("parsing HTTP/1.1 status line, "
        + "receiving [HTTP/1.1 2]", new EOFException("EOF reached while reading")))).isFalse();
    assertThat(HttpEdge.closedBeforeReply(new IOException("no reason"))).isFalse();
  }

  @Test
  void aRealConnectionClosedAtTheRequestIsClosedBeforeReply() {
    server.enqueue(new MockResponse.Builder()
        .onRequestStart(new SocketEffect.CloseSocket()).build());
    IOException e = failure();
    assertThat(HttpEdge.closedBeforeReply(e)).as("%s", e).isTrue();
  }

  @Test
  void aRealConnectionDroppedDuringTheBodyIsNot() {
    server.enqueue(new MockResponse.Builder(Scripted.ok("x".repeat(5000), 10, 3))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    IOException e = failure();
    assertThat(HttpEdge.closedBeforeReply(e)).as("%s", e).isFalse();
  }

  private IOException failure() {
    Connection c = Connection.resolve(Map.of(), Optional.of(server.baseUrl()), Optional.empty(),
        List.<Header>of(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    try (HttpEdge edge = HttpEdge.open(c)) {
      return catchThrowableOfType(IOException.class,
          () -> edge.exchange(HttpEdge.Call.postJson("/chat/completions", "{}".getBytes())));
    }
  }
}
