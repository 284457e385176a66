package dev.attrprompt.cli;

import dev.attrprompt.eval.report.Curve;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --curve} and {@code --curve-draws}, the data-efficiency curve of {@code compare} and {@code report}. */
final class CurveOptions {
  @Option(names = "--curve", paramLabel = "F1,F2,...",
      description = "Data-efficiency curve: train on stratified subsets, as fractions (0.1,0.25,0.5,1) or counts "
          + "per label (10,50,100); macro-F1 against samples and dollars.")
  String curve;

  @Option(names = "--curve-draws", paramLabel = "N", defaultValue = "3",
      description = "Seeded subsets per curve point (default: ${DEFAULT-VALUE}).")
  int curveDraws;

  /** What to measure, when {@code --curve} was given; bad values are a user error. */
  Optional<Curve.Spec> spec() {
    return curve == null ? Optional.empty() : Optional.of(Curve.Spec.parse(curve, curveDraws));
  }
}
