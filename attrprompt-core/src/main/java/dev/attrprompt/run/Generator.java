package dev.attrprompt.run;

import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.post.Screening;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * Fills each label's quota in rounds. Round 1 plans N items per label; after its answers are in,
 * all answers are screened in (round, id) order, and the next round plans only the shortfall,
 * with the next plan indices. Screening is a pure function of the stored answers, so a run that
 * is stopped or killed anywhere resumes to the same samples.
 */
public final class Generator {

  /** How a run ended, with the per-label accepted counts. */
  public record Result(boolean complete, String message, Map<String, Integer> accepted,
      Optional<Answerer.End.Stopped> stop) {
    public Result(boolean complete, String message, Map<String, Integer> accepted) {
      this(complete, message, accepted, Optional.empty());
    }
  }

  /** Plan items held in memory at once: planning any size needs a few megabytes. */
  static final int PLAN_CHUNK = 2_000;
  /** Noted once round 1 is wholly stored; until then a resumed run goes on planning it. */
  static final String FIRST_ROUND_PLANNED = "first_round_planned";

  private final Task task;
  private final RunSpec spec;
  private final RunStore store;
  private final Plan plan;
  private java.util.function.Consumer<Map<String, Integer>> screened = accepted -> { };
  private java.util.function.BiConsumer<Integer, Long> planned = (round, n) -> { };
  private Optional<FidelityJudge> judge = Optional.empty();
  private Optional<String> unjudged = Optional.empty();

  public Generator(Task task, RunSpec spec, RunStore store) {
    this.task = task;
    this.spec = spec;
    this.store = store;
    this.plan = Plan.of(task, spec.plan());
  }

  /** Told the round and the number of requests each time requests are planned. */
  public Generator onPlanned(java.util.function.BiConsumer<Integer, Long> listener) {
    this.planned = listener;
    return this;
  }

  /** Told the accepted count per label after every screening pass (for progress displays). */
  public Generator onScreened(java.util.function.Consumer<Map<String, Integer>> listener) {
    this.screened = listener;
    return this;
  }

  public Result run(Answerer answerer) {
    while (true) {
      Optional<Result> done = plan();
      if (done.isPresent()) {
        return done.get();
      }
      if (answerer.answer(store.unanswered(), store) instanceof Answerer.End.Stopped stopped) {
        if (stopped.cause() != RunResult.Cause.STOPPED) {
          return new Result(false, stopped.reason(), screen(), Optional.of(stopped));
        }
        // no screening pass when a person stops the run: it replays every stored answer, which
        // takes long in a big run; the answers since the last pass stay pending until it resumes
        Map<String, Integer> accepted = new LinkedHashMap<>();
        Map<String, Map<RunStore.Status, Integer>> counts = store.counts();
        task.labels().forEach(l -> accepted.put(l.name(),
            counts.getOrDefault(l.name(), Map.of()).getOrDefault(RunStore.Status.ACCEPTED, 0)));
        return new Result(false, stopped.reason(), accepted, Optional.of(stopped));
      }
      int failed = store.failedCount();
      if (failed > 0) {
        return new Result(false, failed + " requests failed after their retries; run the same command "
            + "again to retry them", screen());
      }
    }
  }

  /**
   * Brings the plan up to date without answering anything: plans round 1 of a new run, and once
   * every planned request is answered, screens the answers and plans the next round for the
   * shortfall. Returns the run's result when nothing is left to ask, else empty: then
   * {@link RunStore#unanswered()} holds what to ask (as a Batch file, for instance). Plan items are
   * stored in bounded chunks, so planning needs little memory whatever the plan's size.
   */
  public Optional<Result> plan() {
    if (store.meta(FIRST_ROUND_PLANNED).isEmpty() && store.maxRound() <= 1) {
      RunStore.requireRoomFor(task, spec.plan());
      // resumable: a planning pass that was stopped continues after each label's last stored item
      Map<String, Long> last = store.lastIndex();
      long count = 0;
      for (Label label : task.labels()) {
        long next = last.getOrDefault(label.name(), -1L) + 1;
        count += planItems(label, next, spec.plan().perClass() - next, 1);
      }
      store.setMeta(FIRST_ROUND_PLANNED, "true");
      planned.accept(1, count);
    }
    if (store.unansweredCount() > 0) {
      return Optional.empty();
    }
    Map<String, Integer> accepted = screen();
    if (unjudged.isPresent()) { // topping up now would buy answers for samples that may be fine
      return Optional.of(new Result(false, unjudged.get() + "; run the same command again to judge them", accepted));
    }
    Map<String, Integer> shortfall = new LinkedHashMap<>();
    accepted.forEach((label, n) -> {
      if (n < spec.plan().perClass()) {
        shortfall.put(label, spec.plan().perClass() - n);
      }
    });
    if (shortfall.isEmpty()) {
      return Optional.of(new Result(true, "every label has " + spec.plan().perClass() + " accepted samples", accepted));
    }
    int round = store.maxRound() + 1;
    // a person's rejection opens a fresh allowance of top-up rounds for its replacement
    int base = store.meta(PersonVerdicts.ROUND_BASE).map(Integer::parseInt).orElse(0);
    if (round > Math.max(spec.maxRounds() + 1, base + spec.maxRounds())) {
      return Optional.of(new Result(false, "could not fill " + shortfall + " within " + spec.maxRounds()
          + " top-up rounds; see the rejection reasons with 'attrprompt status'", accepted));
    }
    Map<String, Long> last = store.lastIndex();
    long count = 0;
    for (Map.Entry<String, Integer> e : shortfall.entrySet()) {
      Label label = task.label(e.getKey()).orElseThrow();
      count += planItems(label, last.getOrDefault(label.name(), -1L) + 1, e.getValue(), round);
    }
    planned.accept(round, count);
    return Optional.empty();
  }

  /** Plans items {@code from .. from+count-1} of {@code label} in bounded chunks, one transaction each. */
  private long planItems(Label label, long from, long count, int round) {
    for (long start = from; start < from + count; start += PLAN_CHUNK) {
      long end = Math.min(from + count, start + PLAN_CHUNK);
      // rendering is the slow part; items are pure functions of their index, so any core may render them
      store.plan(LongStream.range(start, end).parallel().mapToObj(i -> plan.item(label, i)).toList(), round);
    }
    return Math.max(0, count);
  }

  /**
   * The label-fidelity judge the rules name ({@code --fidelity}); without one, answers the other
   * rules accept stay pending.
   */
  public Generator withJudge(FidelityJudge judge) {
    this.judge = Optional.of(judge);
    return this;
  }

  /** Why some answers wait for the label-fidelity judge after the last screening pass, if any do. */
  public Optional<String> unjudged() {
    return unjudged;
  }

  /** Replays screening over every stored answer and writes the verdicts; returns accepted counts. */
  public Map<String, Integer> screen() {
    if (spec.rules().fidelity() != Screening.Fidelity.NONE) {
      return screenWithJudge();
    }
    Screening screening = new Screening(spec.rules());
    Map<String, Integer> accepted = new LinkedHashMap<>();
    task.labels().forEach(l -> accepted.put(l.name(), 0));
    List<Verdict> verdicts = new ArrayList<>();
    Map<String, Integer> quota = new HashMap<>();
    Map<String, String> byPerson = PersonVerdicts.current(store);
    for (StoredResponse answer : store.answers()) {
      String label = answer.request().label();
      String personal = byPerson.get(answer.request().id());
      if (personal != null) { // a person's rejection stands; the text takes no place in the duplicate checks
        verdicts.add(new Verdict(answer.request().id(), false, PersonVerdict.REASON_PREFIX + personal,
            dev.attrprompt.post.TextCleaner.clean(answer.content())));
        continue;
      }
      if (quota.getOrDefault(label, 0) >= spec.plan().perClass()) {
        verdicts.add(new Verdict(answer.request().id(), false, "over_quota", answer.content()));
        continue;
      }
      switch (screening.screen(answer.content(), answer.truncated())) {
        case Screening.Verdict.Accepted a -> {
          verdicts.add(new Verdict(answer.request().id(), true, null, a.text()));
          quota.merge(label, 1, Integer::sum);
          accepted.merge(label, 1, Integer::sum);
        }
        case Screening.Verdict.Rejected r ->
            verdicts.add(new Verdict(answer.request().id(), false, r.reason().id(), r.text()));
      }
    }
    store.writeVerdicts(verdicts);
    screened.accept(accepted);
    return accepted;
  }

  /** Most passes of judging what the last pass newly accepted (answers freed from the quota). */
  private static final int JUDGE_PASSES = 5;

  /**
   * Screening with a label-fidelity judge: answers the other rules accept are judged (each once:
   * judgements are stored), and those judged off-label are rejected as {@code off_label} before
   * they count toward a quota. An answer not judged yet counts toward nothing and stays pending.
   */
  private Map<String, Integer> screenWithJudge() {
    FidelityJudge j = judge.orElseGet(() -> FidelityJudge.unavailable("none",
        "no label-fidelity judge is available here"));
    List<StoredResponse> answers = store.answers();
    Map<String, String> byPerson = PersonVerdicts.current(store);
    Optional<String> problem = Optional.empty();
    Pass pass = pass(answers, store.judgements(j.id()), byPerson);
    for (int i = 0; i < JUDGE_PASSES && !pass.waiting().isEmpty() && problem.isEmpty(); i++) {
      java.util.Set<String> waiting = new java.util.HashSet<>();
      pass.waiting().forEach(c -> waiting.add(c.id()));
      FidelityJudge.Result r = j.judge(pass.candidates(), waiting);
      if (!r.judgements().isEmpty()) {
        store.recordJudgements(r.judgements());
      }
      problem = r.problem();
      pass = pass(answers, store.judgements(j.id()), byPerson);
    }
    unjudged = pass.waiting().isEmpty() ? Optional.empty()
        : Optional.of(pass.waiting().size() + " answers wait for the label-fidelity judge: "
            + problem.orElse("not judged yet"));
    store.writeVerdicts(pass.verdicts());
    screened.accept(pass.accepted());
    return pass.accepted();
  }

  /**
   * One screening pass with the judgements known so far.
   *
   * @param candidates every answer the other rules accepted (judged or not), a person's rejections left out
   * @param waiting    those among them with no judgement yet (no verdict written: pending)
   */
  private record Pass(List<Verdict> verdicts, Map<String, Integer> accepted, List<FidelityJudge.Candidate> candidates,
      List<FidelityJudge.Candidate> waiting) {}

  private Pass pass(List<StoredResponse> answers, Map<String, Judgement> judged, Map<String, String> byPerson) {
    Screening screening = new Screening(spec.rules());
    Map<String, Integer> accepted = new LinkedHashMap<>();
    task.labels().forEach(l -> accepted.put(l.name(), 0));
    List<Verdict> verdicts = new ArrayList<>();
    List<FidelityJudge.Candidate> candidates = new ArrayList<>();
    List<FidelityJudge.Candidate> waiting = new ArrayList<>();
    for (StoredResponse answer : answers) {
      String id = answer.request().id();
      String label = answer.request().label();
      String personal = byPerson.get(id);
      if (personal != null) { // a person's rejection stands, and is not judged (nor paid for) again
        verdicts.add(new Verdict(id, false, PersonVerdict.REASON_PREFIX + personal,
            dev.attrprompt.post.TextCleaner.clean(answer.content())));
        continue;
      }
      if (accepted.getOrDefault(label, 0) >= spec.plan().perClass()) {
        verdicts.add(new Verdict(id, false, "over_quota", answer.content()));
        continue;
      }
      switch (screening.screen(answer.content(), answer.truncated())) {
        case Screening.Verdict.Accepted a -> {
          FidelityJudge.Candidate c = new FidelityJudge.Candidate(id, label, a.text());
          candidates.add(c);
          Judgement j = judged.get(id);
          if (j == null) {
            waiting.add(c);
          } else if (j.offLabel()) {
            verdicts.add(new Verdict(id, false, Screening.Reason.OFF_LABEL.id(), a.text()));
          } else {
            verdicts.add(new Verdict(id, true, null, a.text()));
            accepted.merge(label, 1, Integer::sum);
          }
        }
        case Screening.Verdict.Rejected r -> verdicts.add(new Verdict(id, false, r.reason().id(), r.text()));
      }
    }
    return new Pass(verdicts, accepted, candidates, waiting);
  }
}
