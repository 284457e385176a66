package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Pacing arithmetic on an explicit clock: no sleeping, no timing. */
class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aFullBucketLetsOneSecondsWorthThroughThenPaces() {
    TokenBucket b = new TokenBucket(600, 0); // 10 per second, burst 10
    for (int i = 0; i < 10; i++) {
      assertThat(b.take(1, 0)).isZero();
    }
    assertThat(b.take(1, 0)).isEqualTo(SECOND / 10);
    assertThat(b.take(1, 0)).as("queued behind the previous one").isEqualTo(2 * SECOND / 10);
    assertThat(b.take(1, SECOND)).as("a second refilled 10, 2 were owed").isZero();
  }

  @Test
  void aRequestBiggerThanTheBurstGoesWhenTheBucketIsFullAndLeavesDebt() {
    TokenBucket b = new TokenBucket(60_000, 0); // 1000 per second, burst 1000
    assertThat(b.take(2500, 0)).isZero();
    assertThat(b.balance(0)).isEqualTo(-1500);
    assertThat(b.take(1000, 0)).as("waits for the debt and a full bucket").isEqualTo(5 * SECOND / 2);
  }

  @Test
  void correctionsGoBothWaysAndNeverPassTheBurst() {
    TokenBucket b = new TokenBucket(60_000, 0);
    b.take(800, 0);
    b.give(300, 0);
    assertThat(b.balance(0)).isEqualTo(500);
    b.give(10_000, 0);
    assertThat(b.balance(0)).isEqualTo(1000);
    b.take(1500, 0);
    assertThat(b.balance(0)).isEqualTo(-500);
  }

  @Test
  void theServersRemainingCountLowersButNeverRaisesTheBalance() {
    TokenBucket b = new TokenBucket(60_000, 0);
    b.clamp(200, 0);
    assertThat(b.balance(0)).isEqualTo(200);
    b.clamp(900, 0);
    assertThat(b.balance(0)).isEqualTo(200);
    assertThat(b.balance(SECOND / 2)).as("refills at the limit's rate").isEqualTo(700);
  }

  @Test
  void aLearnedLimitTakesEffectAtOnce() {
    TokenBucket b = new TokenBucket(0, 0);
    assertThat(b.take(1_000_000, 0)).as("no limit").isZero();
    b.setLimit(60, 0); // one per second, burst 1
    assertThat(b.limit()).isEqualTo(60);
    assertThat(b.balance(0)).isEqualTo(1);
    assertThat(b.take(1, 0)).isZero();
    assertThat(b.take(1, 0)).isEqualTo(SECOND);
  }

  @Test
  void aBucketThatLearnsItsLimitStartsFullAndOneThatChangesItKeepsItsBalance() {
    TokenBucket b = new TokenBucket(0, 0);
    b.setLimit(600, 0); // 10 per second
    assertThat(b.balance(0)).as("full, as the server's bucket is; the remaining count lowers it").isEqualTo(10);
    b.take(8, 0);
    b.setLimit(1200, 0);
    assertThat(b.balance(0)).as("a changed limit does not refill").isEqualTo(2);
  }
}
