package dev.attrprompt.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attrprompt.llm.AdaptiveLimit.Signal;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AdaptiveLimitTest {

  @Test
  void a429HalvesOncePerWindowAndNeverBelowOne() throws Exception {
    AdaptiveLimit gate = new AdaptiveLimit(8);
    long[] permits = new long[8];
    for (int i = 0; i < 8; i++) {
      permits[i] = gate.acquire(() -> false);
    }
    assertThat(gate.inFlight()).isEqualTo(8);
    gate.release(permits[0], Signal.OVERLOAD);
    assertThat(gate.limit()).isEqualTo(4);
    gate.release(permits[1], Signal.OVERLOAD);
    assertThat(gate.limit()).as("sent in the same window: already counted").isEqualTo(4);
    for (int i = 2; i < 8; i++) {
      gate.release(permits[i], Signal.NEUTRAL);
    }
    for (int cut = 0; cut < 5; cut++) {
      gate.release(gate.acquire(() -> false), Signal.OVERLOAD);
    }
    assertThat(gate.limit()).isEqualTo(1);
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void successesGrowTheLimitByAboutOnePerWindowUpToTheMax() throws Exception {
    AdaptiveLimit gate = new AdaptiveLimit(4);
    gate.release(gate.acquire(() -> false), Signal.OVERLOAD); // 4 -> 2
    assertThat(gate.limit()).isEqualTo(2);
    gate.release(gate.acquire(() -> false), Signal.SUCCESS); // 2.5
    gate.release(gate.acquire(() -> false), Signal.SUCCESS); // 2.9
    assertThat(gate.limit()).isEqualTo(2);
    gate.release(gate.acquire(() -> false), Signal.SUCCESS); // 3.24...
    assertThat(gate.limit()).isEqualTo(3);
    for (int i = 0; i < 100; i++) {
      gate.release(gate.acquire(() -> false), Signal.SUCCESS);
    }
    assertThat(gate.limit()).isEqualTo(4);
  }

  @Test
  void aPlaceFreedOnArrivalLetsTheNextInAndIsJudgedOnceLater() throws Exception {
    AdaptiveLimit gate = new AdaptiveLimit(2);
    long a = gate.acquire(() -> false);
    long b = gate.acquire(() -> false);
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> call(() -> gate.acquire(() -> false)), threads);
    Thread.sleep(20);
    assertThat(waiter.isDone()).as("the gate is full").isFalse();
    gate.free(); // a's answer has arrived
    assertThat(waiter.join()).as("the waiter got a's place before a was judged").isZero();
    assertThat(gate.inFlight()).isEqualTo(2);
    gate.judge(a, Signal.OVERLOAD);
    assertThat(gate.limit()).isEqualTo(1);
    assertThat(gate.inFlight()).as("judging gives nothing back twice").isEqualTo(2);
    gate.release(b, Signal.OVERLOAD);
    assertThat(gate.limit()).as("b was sent before the cut: counted once").isEqualTo(1);
    gate.release(waiter.join(), Signal.NEUTRAL);
    assertThat(gate.inFlight()).isZero();
    long c = gate.acquire(() -> false);
    gate.free();
    assertThat(gate.inFlight()).isZero();
    gate.judge(c, Signal.SUCCESS);
    assertThat(gate.limit()).as("a success still grows the limit").isEqualTo(2);
    assertThat(gate.inFlight()).isZero();
    threads.close();
  }

  @Test
  void aFullGateBlocksUntilReleasedAndLetsWaitersOutOnStop() throws Exception {
    AdaptiveLimit gate = new AdaptiveLimit(1);
    long held = gate.acquire(() -> false);
    AtomicBoolean stopped = new AtomicBoolean();
    ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    Callable<Long> acquire = () -> gate.acquire(stopped::get);
    CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> call(acquire), threads);
    CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> call(acquire), threads);
    assertThat(waiter.isDone() || second.isDone()).isFalse();
    gate.release(held, Signal.SUCCESS);
    // one of the two gets the permit; the other is let out by the stop
    long a = CompletableFuture.anyOf(waiter, second).thenApply(x -> (Long) x).join();
    assertThat(a).isZero();
    stopped.set(true);
    gate.wakeAll();
    long b = (waiter.join() == 0 ? second : waiter).join();
    assertThat(b).isEqualTo(-1);
    assertThat(gate.inFlight()).isEqualTo(1);
    threads.close();
  }

  private static long call(Callable<Long> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
