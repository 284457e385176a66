package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final RetryPolicy POLICY = new RetryPolicy(8, Duration.ofMillis(500),
      Duration.ofSeconds(60), Duration.ofMinutes(5));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-08-01T12:00:00Z"), ZoneOffset.UTC);

  private static HttpHeaders headers(Map<String, String> h) {
    return HttpHeaders.of(h.entrySet().stream().collect(java.util.stream.Collectors.toMap(
        Map.Entry::getKey, e -> List.of(e.getValue()))), (a, b) -> true);
  }

  @Test
  void retryAfterIsReadInTheSdksOrder() {
    assertThat(RetryPolicy.retryAfter(headers(Map.of("retry-after-ms", "250", "retry-after", "9")), CLOCK))
        .contains(Duration.ofMillis(250));
    assertThat(RetryPolicy.retryAfter(headers(Map.of("retry-after", "2")), CLOCK))
        .contains(Duration.ofSeconds(2));
    assertThat(RetryPolicy.retryAfter(headers(Map.of("retry-after", "0.5")), CLOCK))
        .contains(Duration.ofMillis(500));
    assertThat(RetryPolicy.retryAfter(headers(Map.of("retry-after", "Fri, 01 Aug 2025 12:00:30 GMT")), CLOCK))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryPolicy.retryAfter(headers(Map.of("retry-after", "soon")), CLOCK)).isEmpty();
    assertThat(RetryPolicy.retryAfter(headers(Map.of("retry-after", "-3")), CLOCK)).isEmpty();
    assertThat(RetryPolicy.retryAfter(headers(Map.of()), CLOCK)).isEmpty();
  }

  @Test
  void theServersWaitIsHonouredUpToTheCap() {
    assertThat(POLICY.delay(1, Optional.of(Duration.ofSeconds(7)), new SplittableRandom(1)))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(POLICY.delay(1, Optional.of(Duration.ofHours(2)), new SplittableRandom(1)))
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void backoffIsFullJitterUnderAnExponentialCeiling() {
    SplittableRandom random = new SplittableRandom(42);
    for (int attempt = 1; attempt <= 12; attempt++) {
      long ceiling = Math.min(60_000, 500L << (attempt - 1));
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < 200; i++) {
        long ms = POLICY.delay(attempt, Optional.empty(), random).toMillis();
        assertThat(ms).isBetween(0L, ceiling);
        seen.add(ms);
      }
      assertThat(seen).as("jittered, not fixed").hasSizeGreaterThan(50);
    }
    assertThat(POLICY.delay(200, Optional.empty(), random)).isLessThanOrEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void openAiResetDurationsParse() {
    assertThat(RateLimits.duration("20ms")).contains(Duration.ofMillis(20));
    assertThat(RateLimits.duration("1s")).contains(Duration.ofSeconds(1));
    assertThat(RateLimits.duration("6m0s")).contains(Duration.ofMinutes(6));
    assertThat(RateLimits.duration("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
    assertThat(RateLimits.duration("0.25s")).contains(Duration.ofMillis(250));
    assertThat(RateLimits.duration("")).isEmpty();
    assertThat(RateLimits.duration("6 minutes")).isEmpty();
    assertThat(RateLimits.duration("1s garbage")).isEmpty();
  }
}
