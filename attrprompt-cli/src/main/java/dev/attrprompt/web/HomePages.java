package dev.attrprompt.web;

import static dev.attrprompt.eval.html.Escape.attribute;
import static dev.attrprompt.eval.html.Escape.html;

import dev.attrprompt.task.Task;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The home page: the workspace's tasks and runs, each run with its state and counts. */
final class HomePages {
  private HomePages() {}

  static void register(RoutesConfig routes, WebContext web) {
    routes.get("/", ctx -> home(ctx, web));
    routes.get("/api/home", ctx -> ctx.contentType("application/json").result(Json.pretty(summary(web))));
  }

  private static void home(Context ctx, WebContext web) {
    StringBuilder b = new StringBuilder();
    b.append("<p class=\"muted\">Workspace <code>").append(html(web.workspace().root().toString())).append("</code></p>\n");
    b.append("<section id=\"tasks\"><h2>Tasks</h2>\n");
    List<Workspace.Entry> tasks = web.workspace().tasks();
    if (tasks.isEmpty()) {
      b.append("<p class=\"muted\">No task folder (one with a <code>task.yaml</code>) in this workspace. "
          + "Make one with <code>attrprompt init</code>.</p>\n");
    } else {
      b.append("<table class=\"list\"><thead><tr><th>task</th><th>labels</th><th>domain</th><th></th></tr></thead><tbody>\n");
      for (Workspace.Entry t : tasks) {
        b.append("<tr data-task=\"").append(attribute(t.rel())).append("\"><td><a href=\"/task?dir=")
            .append(attribute(Layout.query(t.rel()))).append("\">").append(html(t.rel())).append("</a></td>");
        try {
          Task task = web.workspace().loadTask(t.path());
          b.append("<td>").append(html(String.join(", ", task.labels().stream().map(l -> l.name()).toList())))
              .append("</td><td>").append(html(task.domain())).append("</td>");
        } catch (RuntimeException e) {
          b.append("<td colspan=\"2\" class=\"error\">").append(html(oneLine(e))).append("</td>");
        }
        b.append("<td>").append(web.readOnly() ? "" : "<a href=\"/run/new?task=" + attribute(Layout.query(t.rel()))
            + "\">new run</a>").append("</td></tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    b.append(TaskPages.newTaskSection(web));
    b.append("</section>\n<section id=\"runs\"><h2>Runs</h2>\n");
    List<Workspace.Entry> runs = web.workspace().runs();
    if (runs.isEmpty()) {
      b.append("<p class=\"muted\">No run folder (one with a <code>run.sqlite</code>) yet.</p>\n");
    } else {
      b.append("<table class=\"list\"><thead><tr><th>run</th><th>state</th><th>method</th><th>per label</th>"
          + "<th class=\"num\">accepted</th><th class=\"num\">rejected</th><th class=\"num\">failed</th>"
          + "<th class=\"num\">pending</th><th class=\"num\">dollars</th></tr></thead><tbody>\n");
      for (Workspace.Entry r : runs) {
        b.append("<tr data-run=\"").append(attribute(r.rel())).append("\"><td><a href=\"/run?dir=")
            .append(attribute(Layout.query(r.rel()))).append("\">").append(html(r.rel())).append("</a></td>");
        try {
          RunView v = RunView.read(web, r.rel(), r.path());
          var t = v.status().totals();
          b.append("<td><span class=\"state state-").append(v.state().text()).append("\" data-state=\"")
              .append(v.state().text()).append("\">").append(v.state().text()).append("</span></td><td>")
              .append(html(v.manifest().plan().method().name().toLowerCase(Locale.ROOT))).append("</td><td>")
              .append(v.manifest().plan().perClass()).append("</td>")
              .append(num(t.accepted())).append(num(t.rejected())).append(num(t.failed())).append(num(t.pending()))
              .append("<td class=\"num\">").append(v.status().price().isPresent()
                  ? String.format(Locale.ROOT, "$%.4f", v.status().usage().usd()) : "unknown")
              .append(v.status().usage().simulated() ? " <span class=\"badge simulated\">simulated</span>" : "").append("</td>");
        } catch (RuntimeException e) {
          b.append("<td colspan=\"8\" class=\"error\">").append(html(oneLine(e))).append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</tbody></table>\n");
    }
    b.append("</section>\n");
    Layout.page(ctx, web, "Workspace", b.toString());
  }

  /** Tasks and runs with states and totals, for scripts and tests. */
  static Map<String, Object> summary(WebContext web) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tasks", web.workspace().tasks().stream().map(Workspace.Entry::rel).toList());
    List<Map<String, Object>> runs = new ArrayList<>();
    for (Workspace.Entry r : web.workspace().runs()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("dir", r.rel());
      try {
        RunView v = RunView.read(web, r.rel(), r.path());
        row.put("state", v.state().text());
        row.put("totals", v.status().toMap().get("totals"));
      } catch (RuntimeException e) {
        row.put("error", oneLine(e));
      }
      runs.add(row);
    }
    out.put("runs", runs);
    return out;
  }

  private static String num(long n) {
    return "<td class=\"num\">" + String.format(Locale.ROOT, "%,d", n) + "</td>";
  }

  static String oneLine(RuntimeException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
