package dev.attrprompt.web;

import static dev.attrprompt.eval.html.Escape.attribute;
import static dev.attrprompt.eval.html.Escape.html;

import dev.attrprompt.run.RunStatus;
import dev.attrprompt.task.Task;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTML of the run page and of the new-run form. The page is complete as served; the app's
 * script then polls {@code /api/run/live} and updates the same elements in place (by their
 * {@code data-field}, {@code data-label} and {@code data-col} attributes).
 */
final class RunPage {
  private RunPage() {}

  static void render(Context ctx, WebContext web, RunView v) {
    String q = Layout.query(v.rel());
    Map<String, Object> live = RunPages.live(web, v);
    String state = v.state().text();
    StringBuilder b = new StringBuilder();
    b.append("<div id=\"run\" data-live=\"run\" data-src=\"/api/run/live?dir=").append(attribute(q))
        .append("\" data-state=\"").append(state).append("\">\n");
    String exported = ctx.queryParam("exported");
    if (exported != null && exported.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,79}")) {
      b.append("<p class=\"notice\">Exported to <code>").append(html(exported)).append("</code>.</p>\n");
    }
    var m = v.manifest();
    b.append("<p><span class=\"state state-").append(state).append("\" data-field=\"state\">").append(state)
        .append("</span> <span class=\"live-dot\" data-when=\"running running-elsewhere\"")
        .append(hiddenUnless(state, "running"))
        .append("></span> ").append(html(m.plan().method().id())).append(", ")
        .append(m.plan().perClass()).append(" per label, model <code>").append(html(m.generation().model()))
        .append("</code>, endpoint <code>").append(html(m.endpoint())).append("</code>");
    b.append(" <span class=\"badge simulated\" data-field=\"simulated\" title=\"the answers came from attrprompt's "
        + "simulator, not a language model\"").append(v.status().usage().simulated() ? "" : " hidden")
        .append(">simulated text</span>");
    b.append("</p>\n");
    RunTask.of(web.workspace(), m).ifPresent(t -> b.append("<p id=\"run-task\">Made from the task <a href=\"/task?dir=")
        .append(attribute(Layout.query(t.rel()))).append("\">").append(html(t.rel())).append("</a>")
        .append(t.unchanged() ? "" : " <span class=\"muted\">(its files have changed since this run was made)</span>")
        .append(".</p>\n"));
    b.append("<p class=\"muted\" data-field=\"writer\">")
        .append(v.writer().map(w -> html("Written now by " + w + " (not this server).")).orElse(""))
        .append("</p>\n<p class=\"muted\" data-field=\"ending\">")
        .append(html(String.valueOf(live.get("ending") == null ? "" : live.get("ending")))).append("</p>\n");
    b.append(cards(v, live));
    b.append(labels(v.status(), m.plan().perClass()));
    b.append("<section id=\"errors\"><h2>Errors</h2>\n<p class=\"muted\" data-field=\"no-errors\"")
        .append(v.status().totals().failed() == 0 ? "" : " hidden").append(">No request has failed.</p>\n")
        .append("<ul class=\"errors\" data-field=\"failed-by-cause\"")
        .append(v.status().failedByCause().isEmpty() ? " hidden" : "").append(">");
    v.status().failedByCause().forEach((cause, n) -> b.append("<li>").append(n).append(" × ").append(html(cause)).append("</li>"));
    b.append("</ul>\n<ul class=\"errors\" data-field=\"last-errors\" hidden></ul>\n</section>\n");
    // a run another process writes is stopped there: the page offers no Stop for it
    b.append(actions(web, v, state.equals("running") && v.writer().isPresent() ? "running-elsewhere" : state));
    b.append("</div>\n");
    Layout.page(ctx, web, v.rel(), List.of(new Layout.Link(v.rel(), "/run?dir=" + q)), b.toString());
  }

  private static String cards(RunView v, Map<String, Object> live) {
    RunStatus.Counts t = v.status().totals();
    StringBuilder b = new StringBuilder("<div class=\"cards\">\n");
    // answers arrive one by one; they are screened (accepted or rejected) when each round ends
    card(b, "answered", "answers in, of requests", String.format(Locale.ROOT, "%,d / %,d",
        v.status().usage().responses() + t.failed(), t.planned()));
    card(b, "accepted", "accepted of target", String.format(Locale.ROOT, "%,d / %,d", t.accepted(), v.target()));
    card(b, "rpm", "requests per minute", live.get("requests_per_minute") == null ? "–"
        : String.format(Locale.ROOT, "%.1f", (Double) live.get("requests_per_minute")));
    card(b, "tokens", "tokens in + out", String.format(Locale.ROOT, "%,d", (Long) live.get("tokens")));
    card(b, "usd", "dollars", dollars(live.get("usd")));
    card(b, "projected", "projected dollars", live.get("projected_usd") == null ? "–" : dollars(live.get("projected_usd")));
    card(b, "eta", "time left", eta(live.get("eta_seconds")));
    card(b, "budget", "budget", v.status().budgetUsd().isPresent()
        ? String.format(Locale.ROOT, "$%.2f", v.status().budgetUsd().getAsDouble()) : "none");
    return b.append("</div>\n").toString();
  }

  private static void card(StringBuilder b, String field, String title, String value) {
    b.append("<div class=\"card\"><div class=\"k\">").append(html(title)).append("</div><div class=\"v\" data-field=\"")
        .append(field).append("\">").append(html(value)).append("</div></div>\n");
  }

  static String dollars(Object usd) {
    return usd == null ? "unknown" : String.format(Locale.ROOT, "$%.4f", ((Number) usd).doubleValue());
  }

  static String eta(Object seconds) {
    if (seconds == null) {
      return "–";
    }
    long s = ((Number) seconds).longValue();
    return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }

  private static String labels(RunStatus s, int perClass) {
    StringBuilder b = new StringBuilder("<section id=\"labels\"><h2>Per label</h2>\n<table class=\"list\" id=\"label-table\">"
        + "<thead><tr><th>label</th><th class=\"num\">planned</th><th class=\"num\">accepted</th>"
        + "<th class=\"num\">rejected</th><th>rejected by reason</th><th class=\"num\">failed</th>"
        + "<th class=\"num\">pending</th><th>quota</th></tr></thead><tbody>\n");
    s.labels().forEach((label, l) -> {
      RunStatus.Counts c = l.counts();
      b.append("<tr data-label=\"").append(attribute(label)).append("\"><td>").append(html(label)).append("</td>")
          .append(num("planned", c.planned())).append(num("accepted", c.accepted())).append(num("rejected", c.rejected()))
          .append("<td data-col=\"reasons\">").append(html(reasons(l.rejectedByReason()))).append("</td>")
          .append(num("failed", c.failed())).append(num("pending", c.pending()))
          .append("<td><progress data-col=\"quota\" max=\"").append(perClass).append("\" value=\"")
          .append(Math.min(perClass, c.accepted())).append("\"></progress></td></tr>\n");
    });
    if (s.labels().isEmpty()) {
      b.append("<tr class=\"empty\"><td colspan=\"8\" class=\"muted\">Nothing planned yet.</td></tr>\n");
    }
    return b.append("</tbody></table>\n</section>\n").toString();
  }

  static String reasons(Map<String, Integer> byReason) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(byReason).forEach((r, n) -> b.append(b.isEmpty() ? "" : ", ").append(r).append(' ').append(n));
    return b.toString();
  }

  private static String num(String col, long n) {
    return "<td class=\"num\" data-col=\"" + col + "\">" + String.format(Locale.ROOT, "%,d", n) + "</td>";
  }

  private static String hiddenUnless(String state, String... states) {
    return List.of(states).contains(state) ? "" : " hidden";
  }

  private static String actions(WebContext web, RunView v, String state) {
    String q = Layout.query(v.rel());
    StringBuilder b = new StringBuilder("<section id=\"actions\"><h2>Actions</h2>\n");
    b.append("<p><a href=\"/samples?dir=").append(attribute(q)).append("\">Samples</a> · ")
        .append("<a href=\"/report?dir=").append(attribute(q)).append("\">Report</a> · <a href=\"/api/run?dir=")
        .append(attribute(q)).append("\">status as JSON</a></p>\n");
    if (web.readOnly()) {
      return b.append("<p class=\"muted\">This server is read-only.</p>\n</section>\n").toString();
    }
    String dir = "<input type=\"hidden\" name=\"dir\" value=\"" + attribute(v.rel()) + "\">";
    b.append("<div data-when=\"planned stopped\"").append(hiddenUnless(state, "planned", "stopped")).append(">")
        .append(Layout.form(web, "/run/resume", dir, "Resume")).append("</div>\n");
    b.append("<div data-when=\"running\"").append(hiddenUnless(state, "running")).append(">")
        .append(Layout.form(web, "/run/stop", dir, "Stop")).append("</div>\n");
    b.append("<div>").append(Layout.form(web, "/run/export", dir
        + "<label>folder <input name=\"out\" required pattern=\"[A-Za-z0-9_\\-][A-Za-z0-9._\\-]{0,79}\" value=\""
        + attribute(v.rel().replaceAll(".*/", "") + "-export") + "\"></label>"
        + "<label>format <select name=\"format\"><option>jsonl</option><option>csv</option></select></label>",
        "Export")).append("</div>\n");
    return b.append("</section>\n").toString();
  }

  /** The form that starts a run of a task. */
  static void newRun(Context ctx, WebContext web, Workspace.Entry task) {
    Task t = web.workspace().loadTask(task.path());
    StringBuilder b = new StringBuilder();
    b.append("<p>Labels: ").append(html(String.join(", ", t.labels().stream().map(l -> l.name()).toList())))
        .append(". Runs started here use this server's endpoint and key (from its environment); "
            + "the page never sees the key.</p>\n");
    if (web.readOnly()) {
      b.append("<p class=\"muted\">This server is read-only: it starts no run.</p>\n");
    } else {
      b.append("<form class=\"stack\" method=\"post\" action=\"/run/start\">").append(Layout.tokenInput(web))
          .append("<input type=\"hidden\" name=\"task\" value=\"").append(attribute(task.rel())).append("\">")
          .append("<label for=\"f-method\">method</label><select id=\"f-method\" name=\"method\">")
          .append("<option value=\"attrprompt\">attrprompt</option><option value=\"simprompt\">simprompt</option></select>")
          .append("<label for=\"f-per-class\">samples per label</label><input id=\"f-per-class\" name=\"per_class\" "
              + "type=\"number\" min=\"1\" value=\"").append(t.generation().perClass()).append("\">")
          .append("<label for=\"f-model\">model</label><input id=\"f-model\" name=\"model\" value=\"")
          .append(attribute(t.generation().model())).append("\">")
          .append("<label for=\"f-budget\">budget (USD, optional)</label><input id=\"f-budget\" name=\"budget_usd\" "
              + "inputmode=\"decimal\">")
          .append("<label for=\"f-out\">run folder</label><input id=\"f-out\" name=\"out\" required value=\"")
          .append(attribute(task.rel().replaceAll(".*/", "") + "-run")).append("\">")
          .append("<button type=\"submit\">Start the run</button></form>\n");
    }
    Layout.page(ctx, web, "New run of " + task.rel(), List.of(new Layout.Link(task.rel(), "/task?dir="
        + Layout.query(task.rel()))), b.toString());
  }
}
