package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BudgetTest {

  @Test
  @Timeout(10)
  void aRequestThatDoesNotFitWaitsForOthersToSettleThenGoes() throws Exception {
    Budget b = new Budget(100);
    assertThat(b.reserve(60, () -> false)).isTrue();
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return b.reserve(50, () -> false);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(waiting.isDone()).isFalse();
    b.settle(60, 30); // cost less than its worst case
    assertThat(waiting.join()).isTrue();
    assertThat(b.spent()).isEqualTo(30);
    assertThat(b.reserved()).isEqualTo(50);
  }

  @Test
  void aRequestThatCannotFitEvenAloneIsRefused() throws Exception {
    Budget b = new Budget(100);
    b.reserve(60, () -> false);
    b.settle(60, 60);
    assertThat(b.reserve(41, () -> false)).isFalse();
    assertThat(b.reserve(40, () -> false)).isTrue();
  }

  @Test
  void dollarsBecomeWholeNanoDollarsRoundedUp() {
    assertThat(Budget.nanos(0.000_000_0011)).isEqualTo(2);
    assertThat(Budget.nanos(1.5)).isEqualTo(1_500_000_000L);
  }

  /** Any sequence of reservations and settlements at or below their worst case keeps the cap. */
  @Property(tries = 300)
  void spentPlusReservedNeverPassesTheCap(@ForAll @IntRange(min = 0, max = 1000) int cap,
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 300) Integer> amounts,
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 100) Integer> costPercents)
      throws Exception {
    Budget b = new Budget(cap);
    Deque<Long> out = new ArrayDeque<>();
    for (int i = 0; i < amounts.size(); i++) {
      long amount = amounts.get(i);
      // "stopped" so that a request that does not fit returns instead of waiting on this thread
      long before = b.spent() + b.reserved();
      if (b.reserve(amount, () -> true)) {
        out.add(amount);
      } else {
        assertThat(before + amount).isGreaterThan(cap);
      }
      if (!out.isEmpty() && (i % 3 != 0 || out.size() > 2)) {
        long r = out.poll();
        int pct = costPercents.isEmpty() ? 100 : costPercents.get(i % costPercents.size());
        b.settle(r, r * pct / 100);
      }
      assertThat(b.spent() + b.reserved()).isLessThanOrEqualTo(cap);
    }
  }
}
