package dev.attrprompt.web;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.plan.Method;
import dev.attrprompt.run.Exporter;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.RunConfig;
import dev.attrprompt.task.Task;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The run pages: a run live ({@code /run?dir=}), its status as {@code status --json} prints it
 * ({@code /api/run?dir=}) and with speeds and errors ({@code /api/run/live?dir=}); starting a run
 * from a task, resuming, stopping and exporting it, each through the core run API on a background
 * thread, one job per run at a time. The key is the server's: no form carries one.
 */
final class RunPages {
  private RunPages() {}

  static void register(RoutesConfig routes, WebContext web) {
    routes.get("/run", ctx -> RunPage.render(ctx, web, view(ctx, web)));
    routes.get("/run/new", ctx -> RunPage.newRun(ctx, web, taskEntry(ctx.queryParam("task"), web)));
    routes.get("/api/run", ctx -> {
      Path dir = runDir(ctx.queryParam("dir"), web);
      try (Run run = Run.openReadOnly(dir)) {
        ctx.contentType("application/json").result(Json.pretty(run.status().toMap()));
      }
    });
    routes.get("/api/run/live", ctx -> ctx.contentType("application/json").result(Json.write(live(web, view(ctx, web)))));
    routes.post("/run/start", ctx -> start(ctx, web));
    routes.post("/run/resume", ctx -> resume(ctx, web));
    routes.post("/run/stop", ctx -> stop(ctx, web));
    routes.post("/run/export", ctx -> export(ctx, web));
  }

  /** The run a request names, or 404 (nothing outside the runs the workspace found is looked at). */
  static Path runDir(String rel, WebContext web) {
    return web.workspace().run(rel).orElseThrow(() -> new Guard.Refused(404, "there is no such run in this workspace"));
  }

  static Workspace.Entry taskEntry(String rel, WebContext web) {
    Path dir = web.workspace().task(rel).orElseThrow(() -> new Guard.Refused(404, "there is no such task in this workspace"));
    return new Workspace.Entry(rel, dir);
  }

  private static RunView view(Context ctx, WebContext web) {
    String rel = ctx.queryParam("dir");
    return RunView.read(web, rel, runDir(rel, web));
  }

  /** What the live page shows: the status as {@code status --json}, the state, speeds, errors. */
  static Map<String, Object> live(WebContext web, RunView v) {
    Path dir = web.workspace().run(v.rel()).orElseThrow();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dir", v.rel());
    out.put("state", v.state().text());
    out.put("per_class", v.manifest().plan().perClass());
    out.put("target", v.target());
    out.putAll(web.rates().observe(dir, v.status(), v.target()));
    if (v.state() == RunView.State.STOPPED || v.state() == RunView.State.PLANNED) {
      out.put("eta_seconds", null); // nobody works on it: no time left to tell
    }
    Optional<RunJob> job = web.runs().job(dir);
    out.put("working_here", job.map(RunJob::working).orElse(false));
    out.put("writer", v.writer().orElse(null));
    out.put("last_errors", job.map(RunJob::lastErrors).orElse(java.util.List.of()));
    out.put("ending", ending(v, job));
    out.put("status", v.status().toMap());
    return out;
  }

  /**
   * The line under the state: how the server's last job on the run ended, unless a person's
   * rejections have made a run short since (the job's "every label has its quota" is then no
   * longer true): that says what Resume will do.
   */
  private static String ending(RunView v, Optional<RunJob> job) {
    Optional<String> last = job.filter(j -> !j.working()).flatMap(RunJob::ending);
    boolean stale = last.isEmpty() || job.get().endedComplete();
    if (v.state() == RunView.State.STOPPED && stale) {
      long byPerson = v.status().labels().values().stream().flatMap(l -> l.rejectedByReason().entrySet().stream())
          .filter(e -> e.getKey().startsWith("person: ")).mapToLong(Map.Entry::getValue).sum();
      long missing = v.target() - v.status().totals().accepted();
      if (byPerson > 0 && missing > 0) {
        return missing + (missing == 1 ? " sample" : " samples") + " short of the target after a person's rejections: "
            + "Resume buys only " + (missing == 1 ? "that one" : "those");
      }
    }
    return job.flatMap(RunJob::ending).orElse(null);
  }

  private static void start(Context ctx, WebContext web) {
    Workspace.Entry taskEntry = taskEntry(ctx.formParam("task"), web);
    Task task = web.workspace().loadTask(taskEntry.path());
    Method method = Method.parse(field(ctx, "method", "attrprompt"));
    int perClass = integer(ctx, "per_class", task.generation().perClass());
    String model = Params.model(ctx, task.generation().model());
    String name = field(ctx, "out", "");
    Path dir = web.workspace().newFolder(name);
    PriceTable prices = PriceTable.withOverrides(task.prices());
    LlmConfig llm = web.endpoint().forModel(model).prices(prices).build();
    RunConfig.Builder config = RunConfig.builder(task).method(method).perClass(perClass).model(model)
        .prices(prices).endpoint(llm.baseUrl()).toolVersion(dev.attrprompt.cli.Main.version());
    budget(ctx).ifPresent(config::budgetUsd);
    Run run = Run.create(dir, task, config.build()); // bad options are refused here, before anything is sent
    String rel = web.workspace().relative(dir);
    try {
      web.runs().start(dir, new RunJob(rel, () -> run, r -> r.generate(llm)));
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
    done(ctx, rel, "started");
  }

  private static void resume(Context ctx, WebContext web) {
    String rel = ctx.formParam("dir");
    Path dir = runDir(rel, web);
    notWrittenElsewhere(web, dir);
    String model;
    try (Run run = Run.openReadOnly(dir)) {
      model = run.manifest().generation().model();
    }
    LlmConfig llm = web.endpoint().forModel(model).build();
    web.runs().start(dir, new RunJob(rel, () -> Run.open(dir), r -> r.generate(llm)));
    done(ctx, rel, "resumed");
  }

  private static void stop(Context ctx, WebContext web) {
    String rel = ctx.formParam("dir");
    Path dir = runDir(rel, web);
    Optional<RunJob> job = web.runs().job(dir).filter(RunJob::working);
    if (job.isEmpty()) {
      notWrittenElsewhere(web, dir);
      throw new UserError("this run is not working; nothing to stop");
    }
    job.get().stop();
    done(ctx, rel, "stopping");
  }

  private static void export(Context ctx, WebContext web) {
    String rel = ctx.formParam("dir");
    Path dir = runDir(rel, web);
    Exporter.Format format = switch (field(ctx, "format", "jsonl").toLowerCase(Locale.ROOT)) {
      case "jsonl" -> Exporter.Format.JSONL;
      case "csv" -> Exporter.Format.CSV;
      default -> throw new UserError("the export format is jsonl or csv");
    };
    Path out = web.workspace().newFolder(field(ctx, "out", ""));
    try (Run run = Run.openReadOnly(dir)) {
      run.export(out, new Exporter.Options(format, Map.of(), false));
    }
    String name = web.workspace().relative(out);
    if (Layout.wantsJson(ctx)) {
      ctx.contentType("application/json").result(Json.write(Map.of("dir", rel, "exported", name)));
    } else {
      ctx.redirect("/run?dir=" + Layout.query(rel) + "&exported=" + Layout.query(name), HttpStatus.SEE_OTHER);
    }
  }

  private static void notWrittenElsewhere(WebContext web, Path dir) {
    if (!web.runs().working(dir)) {
      Run.writerOf(dir).ifPresent(w -> {
        throw new UserError("this run is being written by " + w + "; stop it there (Ctrl-C), then try again");
      });
    }
  }

  private static void done(Context ctx, String rel, String what) {
    if (Layout.wantsJson(ctx)) {
      ctx.contentType("application/json").result(Json.write(Map.of("dir", rel, "done", what)));
    } else {
      ctx.redirect("/run?dir=" + Layout.query(rel), HttpStatus.SEE_OTHER);
    }
  }

  private static String field(Context ctx, String name, String otherwise) {
    String v = ctx.formParam(name);
    return v == null || v.isBlank() ? otherwise : v.strip();
  }

  private static int integer(Context ctx, String name, int otherwise) {
    String v = field(ctx, name, "" + otherwise);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UserError("samples per label must be a whole number, not '" + v + "'");
    }
  }

  private static Optional<Double> budget(Context ctx) {
    String v = field(ctx, "budget_usd", "");
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      double d = Double.parseDouble(v);
      if (!(d > 0) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return Optional.of(d);
    } catch (NumberFormatException e) {
      throw new UserError("the budget is a number of dollars above 0, e.g. 2.50, not '" + v + "'");
    }
  }
}
