package dev.attrprompt.run;

import dev.attrprompt.UserError;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a planned request stands, as the samples pages and {@code attrprompt samples} filter by it.
 * The five are disjoint: {@link #REJECTED} is screening's verdict, {@link #PERSON_REJECTED} a
 * person's.
 */
public enum SampleVerdict {
  ACCEPTED("accepted", "r.status = 'ACCEPTED'"),
  REJECTED("rejected", "r.status = 'REJECTED' AND p.request_id IS NULL"),
  PERSON_REJECTED("person-rejected", "r.status = 'REJECTED' AND p.request_id IS NOT NULL"),
  FAILED("failed", "r.status = 'FAILED'"),
  PENDING("pending", "r.status IN ('PLANNED','ANSWERED')");

  private final String id;
  /** A fixed SQL condition over {@code requests r LEFT JOIN person_rejections p}: no user text in it. */
  final String condition;

  SampleVerdict(String id, String condition) {
    this.id = id;
    this.condition = condition;
  }

  /** The name on pages, in options and in JSON: accepted, rejected, person-rejected, failed, pending. */
  public String id() {
    return id;
  }

  /** The verdict named {@code text}; any other name is a user error that lists the names. */
  public static SampleVerdict parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(v -> v.id.equals(t)).findFirst().orElseThrow(() -> new UserError(
        "a verdict is one of " + Arrays.stream(values()).map(SampleVerdict::id).collect(Collectors.joining(", "))
            + ", not '" + text + "'"));
  }

  static SampleVerdict of(RunStore.Status status, boolean byPerson) {
    return switch (status) {
      case ACCEPTED -> ACCEPTED;
      case REJECTED -> byPerson ? PERSON_REJECTED : REJECTED;
      case FAILED -> FAILED;
      case PLANNED, ANSWERED -> PENDING;
    };
  }
}
