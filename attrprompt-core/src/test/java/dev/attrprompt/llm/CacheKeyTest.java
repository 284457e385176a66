package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
  private static final ChatRequest BASE = new ChatRequest("id", List.of(Message.user("hi")), 1.0,
      1.0, 100, OptionalLong.of(7), 0);

  @Test
  void theCanonicalFormIsPinned() throws Exception {
    // changing this form silently orphans every cache: bump CacheKey.VERSION when it must change
    String canonical = "{\"choice\":0,\"max_tokens\":100,\"messages\":[{\"content\":\"hi\","
        + "\"role\":\"user\"}],\"model\":\"gpt-4o-mini\",\"seed\":7,\"temperature\":1.0,"
        + "\"top_p\":1.0,\"v\":1}";
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    assertThat(CacheKey.of("gpt-4o-mini", BASE)).isEqualTo(expected).hasSize(64);
  }

  @Test
  void theCallersIdDoesNotMatter() {
    ChatRequest other = new ChatRequest("another", BASE.messages(), 1.0, 1.0, 100, BASE.seed(), 0);
    assertThat(CacheKey.of("m", other)).isEqualTo(CacheKey.of("m", BASE));
  }

  @Test
  void everythingThatShapesTheAnswerChangesTheKey() {
    List<String> keys = List.of(
        CacheKey.of("m", BASE),
        CacheKey.of("m2", BASE),
        CacheKey.of("m", new ChatRequest("id", List.of(Message.user("hi!")), 1.0, 1.0, 100, BASE.seed(), 0)),
        CacheKey.of("m", new ChatRequest("id", List.of(Message.system("hi")), 1.0, 1.0, 100, BASE.seed(), 0)),
        CacheKey.of("m", new ChatRequest("id", List.of(Message.user("h"), Message.user("i")), 1.0, 1.0,
            100, BASE.seed(), 0)),
        CacheKey.of("m", new ChatRequest("id", BASE.messages(), 0.9, 1.0, 100, BASE.seed(), 0)),
        CacheKey.of("m", new ChatRequest("id", BASE.messages(), 1.0, 0.9, 100, BASE.seed(), 0)),
        CacheKey.of("m", new ChatRequest("id", BASE.messages(), 1.0, 1.0, 101, BASE.seed(), 0)),
        CacheKey.of("m", new ChatRequest("id", BASE.messages(), 1.0, 1.0, 100, OptionalLong.of(8), 0)),
        CacheKey.of("m", new ChatRequest("id", BASE.messages(), 1.0, 1.0, 100, OptionalLong.empty(), 0)),
        CacheKey.of("m", new ChatRequest("id", BASE.messages(), 1.0, 1.0, 100, BASE.seed(), 1)));
    Set<String> distinct = keys.stream().collect(Collectors.toSet());
    assertThat(distinct).hasSize(keys.size());
  }
}
