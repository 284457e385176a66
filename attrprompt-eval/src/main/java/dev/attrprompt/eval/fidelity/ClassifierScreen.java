package dev.attrprompt.eval.fidelity;

import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.data.Dataset;
import dev.attrprompt.eval.data.Sample;
import dev.attrprompt.run.FidelityJudge;
import dev.attrprompt.run.Judgement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The classifier judge ({@link ClassifierJudge}, TF-IDF logistic regression, 5 folds) as a
 * screening rule for {@code generate --fidelity classifier}, registered with
 * {@link java.util.ServiceLoader} for the run library to find. It cross-fits over every answer the
 * other rules accepted and gives its verdicts on those not judged before; a verdict once given is
 * kept, so a sample accepted in one round is not rejected in a later one.
 */
public final class ClassifierScreen implements FidelityJudge.ClassifierProvider {
  /** Folds of the cross-fitting. */
  static final int FOLDS = 5;

  @Override
  public FidelityJudge classifierJudge(long seed) {
    ClassifierJudge judge = new ClassifierJudge(new ClassifierJudge.Options(ClassifierKind.TFIDF_LR, FOLDS, seed,
        Optional.empty()));
    return new FidelityJudge() {
      @Override
      public String id() {
        return judge.id();
      }

      @Override
      public Result judge(List<Candidate> all, Set<String> unjudged) {
        List<Sample> samples = new ArrayList<>(all.size());
        all.forEach(c -> samples.add(new Sample(c.text(), List.of(c.label()), Map.of())));
        if (new java.util.HashSet<>(all.stream().map(Candidate::label).toList()).size() < 2) {
          return new Result(List.of(), Optional.of("the classifier judge needs accepted answers of two labels or more"));
        }
        List<Verdict> verdicts = judge.judge(Dataset.of("run", samples, false));
        List<Judgement> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
          Candidate c = all.get(i);
          if (unjudged.contains(c.id())) {
            Verdict v = verdicts.get(i);
            out.add(new Judgement(c.id(), judge.id(), v.suggested(), v.confidence(), "", 0, 0, 0, false));
          }
        }
        return new Result(out, Optional.empty());
      }
    };
  }
}
