package dev.attrprompt.cost;

/** A model's price in US dollars per million tokens. */
public record Price(double inputPerMillion, double outputPerMillion) {

  public Price {
    if (!(inputPerMillion >= 0) || !(outputPerMillion >= 0)
        || Double.isInfinite(inputPerMillion) || Double.isInfinite(outputPerMillion)) {
      throw new IllegalArgumentException("prices must be non-negative numbers");
    }
  }

  public double usd(long inputTokens, long outputTokens) {
    return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
  }
}
