package dev.attrprompt.eval.html;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the report writes dollars. */
class FmtTest {
  @Test
  void aFractionOfACentKeepsTwoSignificantDigits() {
    assertThat(Fmt.usd(0.0000317)).isEqualTo("$0.000032");
    assertThat(Fmt.usd(0.00042)).isEqualTo("$0.00042");
    assertThat(Fmt.usd(0.0042)).isEqualTo("$0.0042");
    assertThat(Fmt.usd(0)).isEqualTo("$0.0000");
    assertThat(Fmt.usd(0.5)).isEqualTo("$0.5000");
    assertThat(Fmt.usd(12.345)).isEqualTo("$12.35");
    assertThat(Fmt.usd(1234.5)).isEqualTo("$1,235");
  }
}
