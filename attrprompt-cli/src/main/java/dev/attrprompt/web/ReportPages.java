package dev.attrprompt.web;

import dev.attrprompt.eval.classify.ClassifierKind;
import dev.attrprompt.eval.classify.Evaluator;
import dev.attrprompt.eval.embed.Embedder;
import dev.attrprompt.eval.embed.Embedders;
import dev.attrprompt.eval.html.HtmlReport;
import dev.attrprompt.eval.report.Analyzer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /report?dir=a[&dir=b...]}: the page {@code attrprompt report} writes for those runs (the
 * first the baseline), built by the report itself with its defaults and no test data, and served
 * with the report's own Content-Security-Policy (its inline scripts admitted by hash). A report
 * is built once and served again until one of its runs changes ({@link ReportCache}).
 */
final class ReportPages {
  private ReportPages() {}

  /** At most this many runs side by side. */
  static final int MAX_RUNS = 6;
  private static final Pattern CSP = Pattern.compile("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]+)\">");

  static void register(RoutesConfig routes, WebContext web) {
    routes.get("/report", ctx -> report(ctx, web));
  }

  private static void report(Context ctx, WebContext web) {
    List<String> rels = ctx.queryParams("dir");
    if (rels.isEmpty()) {
      throw new dev.attrprompt.UserError("name the runs to report on: /report?dir=RUN[&dir=RUN...]");
    }
    if (rels.size() > MAX_RUNS) {
      throw new dev.attrprompt.UserError("a report compares at most " + MAX_RUNS + " runs");
    }
    List<Path> dirs = new ArrayList<>();
    for (String rel : rels) {
      dirs.add(RunPages.runDir(rel, web));
    }
    ReportCache.Page page = web.reports().get(rels, dirs, () -> build(rels, dirs));
    Layout.securityHeaders(ctx, page.csp() + "; frame-ancestors 'none'");
    ctx.contentType("text/html; charset=utf-8").result(page.html());
  }

  private static ReportCache.Page build(List<String> rels, List<Path> dirs) {
    HtmlReport.Result result;
    try (Embedder vectors = Embedders.parse("tfidf")) {
      HtmlReport.Options options = new HtmlReport.Options(Optional.of("attrprompt report: "
          + String.join(" vs ", rels)), 50, Analyzer.Options.defaults(vectors),
          List.of(new Evaluator.Options(ClassifierKind.TFIDF_LR, Analyzer.Options.DEFAULT_SEED, Optional.empty())),
          Optional.empty(), dev.attrprompt.cli.Main.version());
      result = HtmlReport.build(new HtmlReport.Inputs(dirs, Optional.empty(), Optional.empty()), options);
    }
    Matcher m = CSP.matcher(result.html());
    if (!m.find()) {
      throw new IllegalStateException("the report page carries no Content-Security-Policy");
    }
    return new ReportCache.Page(result.html(), m.group(1));
  }
}
