package dev.attrprompt.run;

import java.time.Instant;
import java.util.Optional;

/**
 * A person's verdict on one sample: a rejection with its reason, or the restore of a sample a
 * person rejected before. A rejected sample counts as rejected with the reason
 * {@code person: <reason>}, is left out of {@link RunStore#samples()} and every export, and the
 * next resume buys only the shortfall; screening replays keep it (it survives {@code --rescreen}).
 *
 * @param id     the sample's (request's) id
 * @param reason the reason a person gave for a rejection; empty for a restore
 * @param who    who decided: always {@link #WHO}, as the run's own verdicts are screening's
 * @param at     when, to the second
 */
public record PersonVerdict(String id, Kind kind, Optional<String> reason, String who, Instant at) {

  /** Rejected by a person, or restored by one. */
  public enum Kind {
    REJECTED, RESTORED;

    /** The name a page, the JSON output and the store use. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What a person's rejection reads as among the rejection reasons: {@code person: <reason>}. */
  public static final String REASON_PREFIX = "person: ";
  /** Who made the verdict. */
  public static final String WHO = "person";
  /** The longest reason, in characters. */
  public static final int MAX_REASON = 200;

  /** The rejection reason as {@code status} and the dataset card count it. */
  public Optional<String> statusReason() {
    return reason.map(r -> REASON_PREFIX + r);
  }
}
