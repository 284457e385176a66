package dev.attrprompt.web;

import dev.attrprompt.UserError;
import dev.attrprompt.run.PersonVerdict;
import dev.attrprompt.run.Run;
import dev.attrprompt.run.SampleDetail;
import dev.attrprompt.run.SampleQuery;
import dev.attrprompt.run.SampleVerdict;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The samples of a run: a filtered, searchable, paged list ({@code /samples?dir=}), one sample
 * with its prompt and raw answer side by side ({@code /sample?dir=&id=}), and a person's verdict
 * (POST {@code /sample/reject} with a reason, POST {@code /sample/restore}), all through the core
 * run API ({@link Run#samples}, {@link Run#rejectByPerson}, {@link Run#restore}). JSON twins:
 * {@code /api/samples} and {@code /api/sample}. Model text, labels and values reach HTML only
 * through {@link SampleHtml}'s escaping.
 */
final class SamplePages {
  private SamplePages() {}

  /** Where a form may send the person back to: this area's own pages, nothing else. */
  private static final Pattern BACK = Pattern.compile("/samples?\\?[A-Za-z0-9%&=._~+*-]*");

  static void register(RoutesConfig routes, WebContext web) {
    routes.get("/samples", ctx -> list(ctx, web));
    routes.get("/sample", ctx -> one(ctx, web));
    routes.get("/api/samples", ctx -> json(ctx, web.workspace().run(ctx.queryParam("dir")), run -> {
      SampleQuery.Page page = run.samples(filter(ctx));
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("total", page.total());
      m.put("limit", page.filter().limit());
      m.put("offset", page.filter().offset());
      m.put("samples", page.rows().stream().map(dev.attrprompt.run.SampleRow::toMap).toList());
      return m;
    }));
    routes.get("/api/sample", ctx -> json(ctx, web.workspace().run(ctx.queryParam("dir")),
        run -> run.sample(String.valueOf(ctx.queryParam("id"))).map(SampleDetail::toMap)
            .orElseThrow(() -> new Missing("there is no sample with this id in this run"))));
    routes.get("/static/samples.css", ctx -> ctx.contentType("text/css; charset=utf-8")
        .result(SampleHtml.stylesheet()));
    routes.post("/sample/reject", ctx -> change(ctx, web, (run, id) -> run.rejectByPerson(id,
        String.valueOf(ctx.formParam("reason")))));
    routes.post("/sample/restore", ctx -> change(ctx, web, Run::restore));
  }

  /** A run or sample the request names that the workspace does not hold: 404. */
  static final class Missing extends RuntimeException {
    Missing(String message) {
      super(message, null, false, false);
    }
  }

  private static void list(Context ctx, WebContext web) {
    String rel = String.valueOf(ctx.queryParam("dir"));
    Optional<Path> dir = web.workspace().run(ctx.queryParam("dir"));
    if (dir.isEmpty()) {
      notFound(ctx, web, "there is no such run in this workspace");
      return;
    }
    SampleQuery.Filter filter = filter(ctx);
    try (Run run = Run.openReadOnly(dir.get())) {
      SampleQuery.Page page = run.samples(filter);
      String body = SampleHtml.list(web, rel, run.manifest().plan().perClass(), run.status().usage().simulated(),
          run.sampleFacets(), page);
      Layout.page(ctx, web, "Samples", nav(rel, false, ""), body);
    }
  }

  private static void one(Context ctx, WebContext web) {
    String rel = String.valueOf(ctx.queryParam("dir"));
    Optional<Path> dir = web.workspace().run(ctx.queryParam("dir"));
    String id = String.valueOf(ctx.queryParam("id"));
    if (dir.isEmpty()) {
      notFound(ctx, web, "there is no such run in this workspace");
      return;
    }
    try (Run run = Run.openReadOnly(dir.get())) {
      Optional<SampleDetail> d = run.sample(id);
      if (d.isEmpty()) {
        notFound(ctx, web, "there is no sample with this id in this run");
        return;
      }
      String back = Optional.ofNullable(ctx.queryParam("back")).filter(b -> BACK.matcher(b).matches())
          .orElse("/samples?dir=" + Layout.query(rel));
      Layout.page(ctx, web, "Sample " + id, nav(rel, true, back), SampleHtml.one(web, rel,
          run.status().usage().simulated(), d.get(), back));
    }
  }

  interface Change {
    PersonVerdict apply(Run run, String id);
  }

  private static void change(Context ctx, WebContext web, Change change) {
    String rel = String.valueOf(ctx.formParam("dir"));
    Optional<Path> dir = web.workspace().run(ctx.formParam("dir"));
    if (dir.isEmpty()) {
      notFound(ctx, web, "there is no such run in this workspace");
      return;
    }
    String id = String.valueOf(ctx.formParam("id"));
    try (Run run = Run.open(dir.get())) {
      if (run.sample(id).isEmpty()) {
        notFound(ctx, web, "there is no sample with this id in this run");
        return;
      }
      change.apply(run, id);
      if (Layout.wantsJson(ctx)) {
        ctx.contentType("application/json").result(Json.write(run.sample(id).orElseThrow().toMap()));
        return;
      }
    }
    String back = Optional.ofNullable(ctx.formParam("back")).filter(b -> BACK.matcher(b).matches())
        .orElse("/sample?dir=" + Layout.query(rel) + "&id=" + Layout.query(id));
    ctx.status(303).header("Location", back);
  }

  private static void json(Context ctx, Optional<Path> dir, java.util.function.Function<Run, Object> read) {
    if (dir.isEmpty()) {
      ctx.status(404).contentType("application/json").result("{\"error\":" + Json.write("there is no such run in this "
          + "workspace") + "}");
      return;
    }
    try (Run run = Run.openReadOnly(dir.get())) {
      ctx.contentType("application/json").result(Json.pretty(read.apply(run)));
    } catch (Missing e) {
      ctx.status(404).contentType("application/json").result("{\"error\":" + Json.write(e.getMessage()) + "}");
    }
  }

  /** The filter the query names; bad numbers or names are a person's mistake (400). */
  static SampleQuery.Filter filter(Context ctx) {
    SampleQuery.Filter f = new SampleQuery.Filter(Optional.ofNullable(ctx.queryParam("label")), Map.of(),
        Optional.ofNullable(ctx.queryParam("verdict")).filter(v -> !v.isBlank()).map(SampleVerdict::parse),
        Optional.ofNullable(ctx.queryParam("reason")), Optional.ofNullable(ctx.queryParam("q")),
        number(ctx, "limit", SampleQuery.Filter.DEFAULT_LIMIT), number(ctx, "offset", 0));
    for (String v : ctx.queryParams("value")) {
      if (!v.isBlank()) {
        f = f.withAttribute(v);
      }
    }
    return f;
  }

  private static int number(Context ctx, String name, int otherwise) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new UserError(name + " is a whole number, not '" + v + "'");
    }
  }

  private static List<Layout.Link> nav(String rel, boolean sample, String back) {
    String q = Layout.query(rel);
    return sample
        ? List.of(new Layout.Link(rel, "/run?dir=" + q), new Layout.Link("samples", back))
        : List.of(new Layout.Link(rel, "/run?dir=" + q), new Layout.Link("samples", "/samples?dir=" + q));
  }

  private static void notFound(Context ctx, WebContext web, String line) {
    Layout.error(ctx, web, 404, line);
  }
}
