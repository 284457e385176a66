package dev.attrprompt.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicatesTest {
  private static final String LONG = "the central bank raised interest rates by half a point on tuesday citing "
      + "persistent inflation in housing and services while markets had expected a smaller move and "
      + "analysts now see further increases before the end of the year as likely";

  @Test
  void exactDuplicatesIgnoreCaseAndPunctuation() {
    Duplicates d = Duplicates.of(List.of("Hello, world!", "hello world", "HELLO   WORLD.", "something else"), 0.8);
    Duplicates.Rates r = d.all();
    assertThat(r.exact()).isEqualTo(2 / 4.0);
    assertThat(r.nearOrExact()).isEqualTo(2 / 4.0);
  }

  @Test
  void aOneWordEditIsANearDuplicateAndUnrelatedTextsAreNot() {
    String edited = LONG.replace("tuesday", "wednesday");
    List<String> texts = List.of(LONG, edited, "a completely different sentence about football and the weekend games",
        "another unrelated text on cooking pasta with tomatoes and basil for dinner");
    Duplicates d = Duplicates.of(texts, 0.8);
    assertThat(d.all().exact()).isZero();
    assertThat(d.all().nearOrExact()).isEqualTo(1 / 4.0);
    // within a subset that holds only one of the pair there is no duplicate
    assertThat(d.rates(new int[] {1, 2, 3}).nearOrExact()).isZero();
    // a threshold above their similarity separates them
    assertThat(Duplicates.of(texts, 1.0).all().nearOrExact()).isZero();
  }

  @Test
  void manyCopiesCountAllButTheFirst() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      texts.add(LONG + " " + "edition " + (i % 5));
    }
    for (int i = 0; i < 50; i++) {
      texts.add("unique text number " + i + " about topic " + i * 7919 + " with words " + Integer.toHexString(i * 31));
    }
    Duplicates.Rates r = Duplicates.of(texts, 0.8).all();
    assertThat(r.exact()).isEqualTo(45 / 100.0);
    assertThat(r.nearOrExact()).isEqualTo(49 / 100.0);
  }

  @Test
  void bandsAreChosenBelowTheThreshold() {
    for (double t : new double[] {0.5, 0.7, 0.8, 0.9, 1.0}) {
      int rows = Duplicates.rowsPerBand(t);
      double midpoint = Math.pow(1.0 / (Duplicates.SIGNATURE / rows), 1.0 / rows);
      assertThat(midpoint).as("threshold %s", t).isLessThanOrEqualTo(t * 0.85);
    }
  }
}
