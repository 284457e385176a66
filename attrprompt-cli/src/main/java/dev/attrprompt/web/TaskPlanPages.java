package dev.attrprompt.web;

import static dev.attrprompt.eval.html.Escape.attribute;
import static dev.attrprompt.eval.html.Escape.html;

import dev.attrprompt.UserError;
import dev.attrprompt.cost.Estimate;
import dev.attrprompt.cost.Estimator;
import dev.attrprompt.cost.PriceTable;
import dev.attrprompt.plan.Method;
import dev.attrprompt.plan.Plan;
import dev.attrprompt.plan.PlanOptions;
import dev.attrprompt.plan.PlannedRequest;
import dev.attrprompt.plan.SamplingMode;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * A task's plan seen before anything is paid: the prompt of any label and index under a method,
 * seed and sampling mode (what {@code attrprompt prompts} shows), and the price of a run of a
 * method, size and model (what {@code attrprompt estimate} prints). Both are GET pages that only
 * read; a mistake in their fields is one line on the page, with status 400.
 */
final class TaskPlanPages {
  private TaskPlanPages() {}

  /** The largest index or size a form takes: far beyond any run, far below an overflow. */
  static final int MAX_INDEX = 1_000_000_000;
  static final int MAX_PER_CLASS = 10_000_000;

  /** The plan fields both pages share, as given or defaulted. */
  private record Chosen(Method method, SamplingMode mode, long seed) {}

  static void preview(Context ctx, WebContext web, TaskPages.Named t) {
    Task task = web.workspace().loadTask(t.dir());
    StringBuilder b = new StringBuilder();
    b.append("<link rel=\"stylesheet\" href=\"/static/task.css\">\n");
    String labelName = Params.query(ctx, "label").orElse(task.labels().get(0).name());
    long index = 0;
    Chosen chosen = null;
    String result = "";
    try {
      chosen = chosen(ctx, task);
      index = Params.queryLong(ctx, "index", 0, MAX_INDEX).orElse(0);
      Label label = task.label(labelName).orElseThrow(() -> new UserError("'" + Params.shorten(labelName)
          + "' is not a label of the task; use one of: " + String.join(", ", task.labels().stream().map(Label::name).toList())));
      Plan plan = Plan.of(task, PlanOptions.forTask(task, chosen.method(), OptionalInt.empty(),
          OptionalLong.of(chosen.seed()), chosen.mode()));
      result = request(t, task, plan, plan.item(label, index));
    } catch (UserError e) {
      ctx.status(400);
      b.append("<p class=\"error\" id=\"problem\" role=\"alert\">").append(html(e.getMessage())).append("</p>\n");
    }
    Chosen shown = chosen != null ? chosen : defaults(task);
    b.append("<form method=\"get\" action=\"/task/preview\" class=\"plan-form\">")
        .append(TaskView.hidden("dir", t.rel())).append(methodSelect(shown.method()))
        .append("<label>Label <select name=\"label\">");
    for (Label l : task.labels()) {
      b.append("<option value=\"").append(attribute(l.name())).append("\"")
          .append(l.name().equals(Label.normalise(labelName)) ? " selected" : "").append(">")
          .append(html(l.name())).append("</option>");
    }
    b.append("</select></label> <label>Index <input name=\"index\" type=\"number\" min=\"0\" max=\"").append(MAX_INDEX)
        .append("\" value=\"").append(index).append("\"></label> ")
        .append(seedAndMode(shown)).append("<button type=\"submit\">Show the prompt</button></form>\n")
        .append(result);
    Layout.page(ctx, web, "Prompt preview · " + task.name(), nav(t), b.toString());
  }

  private static String request(TaskPages.Named t, Task task, Plan plan, PlannedRequest r) {
    StringBuilder b = new StringBuilder();
    b.append("<section id=\"request\" data-id=\"").append(attribute(r.id())).append("\"><h2>")
        .append(html(r.id())).append("</h2>\n<p class=\"muted\">").append(plan.options().method().id())
        .append(" · label <code>").append(html(r.label())).append("</code>");
    if (task.multiLabel()) {
      b.append(" · labels ").append(html(String.join(", ", r.labels())));
    }
    b.append(" · seed sent with the request ").append(r.seed()).append("</p>\n");
    if (!r.attributes().isEmpty()) {
      b.append("<table class=\"list attributes\"><thead><tr><th>dimension</th><th>sampled value</th></tr></thead><tbody>");
      r.attributes().forEach((k, v) -> b.append("<tr data-dimension=\"").append(attribute(k)).append("\"><td>")
          .append(html(k)).append("</td><td>").append(html(v)).append("</td></tr>"));
      b.append("</tbody></table>\n");
    }
    b.append("<pre class=\"prompt\" id=\"prompt\">").append(html(r.prompt())).append("</pre>\n<p>");
    String base = "/task/preview?" + TaskPages.dirQuery(t.rel()) + "&method=" + plan.options().method().id()
        + "&label=" + Layout.query(r.label()) + "&seed=" + plan.options().seed() + "&mode=" + plan.options().mode().id()
        + "&index=";
    if (r.index() > 0) {
      b.append("<a href=\"").append(attribute(base + (r.index() - 1))).append("\" id=\"previous\">previous index</a> ");
    }
    if (r.index() < MAX_INDEX) {
      b.append("<a href=\"").append(attribute(base + (r.index() + 1))).append("\" id=\"next\">next index</a>");
    }
    b.append("</p></section>\n");
    return b.toString();
  }

  static void estimate(Context ctx, WebContext web, TaskPages.Named t) {
    Task task = web.workspace().loadTask(t.dir());
    StringBuilder b = new StringBuilder();
    b.append("<link rel=\"stylesheet\" href=\"/static/task.css\">\n");
    String model = Params.query(ctx, "model").map(String::strip).orElse(task.generation().model());
    int perClass = task.generation().perClass();
    Chosen chosen = null;
    String result = "";
    try {
      chosen = chosen(ctx, task);
      perClass = Params.queryInt(ctx, "per_class", 1, MAX_PER_CLASS).orElse(perClass);
      Plan plan = Plan.of(task, PlanOptions.forTask(task, chosen.method(), OptionalInt.of(perClass),
          OptionalLong.of(chosen.seed()), chosen.mode()));
      result = table(t, task, plan, Estimator.estimate(plan, Optional.of(model), Optional.empty()));
    } catch (UserError e) {
      ctx.status(400);
      b.append("<p class=\"error\" id=\"problem\" role=\"alert\">").append(html(e.getMessage())).append("</p>\n");
    }
    Chosen shown = chosen != null ? chosen : defaults(task);
    TreeSet<String> models = new TreeSet<>(PriceTable.withOverrides(task.prices()).all().keySet());
    b.append("<form method=\"get\" action=\"/task/estimate\" class=\"plan-form\">")
        .append(TaskView.hidden("dir", t.rel())).append(methodSelect(shown.method()))
        .append("<label>Per label <input name=\"per_class\" type=\"number\" min=\"1\" max=\"").append(MAX_PER_CLASS)
        .append("\" value=\"").append(perClass).append("\"></label> ")
        .append("<label>Model <input name=\"model\" list=\"models\" value=\"").append(attribute(model))
        .append("\" size=\"22\"></label><datalist id=\"models\">");
    models.forEach(m -> b.append("<option value=\"").append(attribute(m)).append("\">"));
    b.append("</datalist> ").append(seedAndMode(shown)).append("<button type=\"submit\">Estimate</button></form>\n")
        .append(result);
    Layout.page(ctx, web, "Cost estimate · " + task.name(), nav(t), b.toString());
  }

  /** The table {@code attrprompt estimate} prints, line for line. */
  private static String table(TaskPages.Named t, Task task, Plan plan, Estimate e) {
    StringBuilder b = new StringBuilder();
    b.append("<section id=\"estimate\"><h2>").append(html(task.name())).append(", ")
        .append(plan.options().method().id()).append(", ").append(String.format(Locale.ROOT, "%,d", plan.options().perClass()))
        .append(" per label × ").append(task.labels().size()).append(" labels</h2>\n<table class=\"list estimate\"><tbody>\n");
    row(b, "model", "model", e.model(), String.format(Locale.ROOT, "tokenizer %s; $%.2f / $%.2f per 1M input / output "
        + "tokens; built-in prices are list prices of %s", e.encoding(), e.price().inputPerMillion(),
        e.price().outputPerMillion(), PriceTable.AS_OF));
    row(b, "requests", "requests", String.format(Locale.ROOT, "%,d", e.requests()), "");
    String inMargin = "";
    String outMargin = "";
    if (e.basis() instanceof Estimate.Basis.Sampled s) {
      inMargin = String.format(Locale.ROOT, "± %,d (95%%; from %,d sampled prompts per label)", s.inputMargin(), s.perLabel());
      outMargin = e.outputFromLength() ? String.format(Locale.ROOT, "± %,d; ", s.outputMargin()) : "";
    } else {
      inMargin = "every prompt counted";
    }
    row(b, "input tokens", "input_tokens", String.format(Locale.ROOT, "%,d", e.inputTokens()), inMargin);
    row(b, "output tokens", "output_tokens", String.format(Locale.ROOT, "%,d", e.outputTokens()),
        String.format(Locale.ROOT, "%sexpected (%s); at most %,d (max_tokens per request)", outMargin, e.outputBasis(),
            e.outputTokensBound()));
    row(b, "cost online", "usd", String.format(Locale.ROOT, "$%,.4f", e.usd()), "expected");
    row(b, "cost with the Batch API", "usd_batch", String.format(Locale.ROOT, "$%,.4f", e.usdBatch()), "expected");
    row(b, "cost at most", "usd_bound", String.format(Locale.ROOT, "$%,.4f", e.usdBound()),
        "online, if every reply ran to max_tokens");
    String command = "attrprompt estimate " + shellWord(t.rel()) + " --method " + plan.options().method().id()
        + " --per-class " + plan.options().perClass() + " --model " + shellWord(e.model()) + " --seed "
        + plan.options().seed() + " --mode " + plan.options().mode().id();
    b.append("</tbody></table>\n<p class=\"muted\">Nothing was sent to any model. In the workspace folder, "
        + "<code id=\"command\">").append(html(command)).append("</code> prints the same figures.</p></section>\n");
    return b.toString();
  }

  /** {@code s} as one word for a POSIX shell: as it is when it is plain, else in single quotes. */
  static String shellWord(String s) {
    return s.matches("[A-Za-z0-9._/@%+=:,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  private static void row(StringBuilder b, String name, String field, String value, String note) {
    b.append("<tr><th>").append(html(name)).append("</th><td class=\"num\" data-field=\"").append(field).append("\">")
        .append(html(value)).append("</td><td class=\"muted\">").append(html(note)).append("</td></tr>\n");
  }

  private static Chosen chosen(Context ctx, Task task) {
    Chosen d = defaults(task);
    return new Chosen(Params.query(ctx, "method").map(Method::parse).orElse(d.method()),
        Params.query(ctx, "mode").map(SamplingMode::parse).orElse(d.mode()),
        Params.queryLong(ctx, "seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(d.seed()));
  }

  /** AttrPrompt when the task has a dimension to sample, else SimPrompt; the task's seed; uniform draws. */
  private static Chosen defaults(Task task) {
    return new Chosen(task.attributes().enabled().isEmpty() ? Method.SIMPROMPT : Method.ATTRPROMPT,
        SamplingMode.UNIFORM, task.generation().seed());
  }

  private static String methodSelect(Method chosen) {
    StringBuilder b = new StringBuilder("<label>Method <select name=\"method\">");
    for (Method m : Method.values()) {
      b.append("<option value=\"").append(m.id()).append("\"").append(m == chosen ? " selected" : "").append(">")
          .append(m.id()).append("</option>");
    }
    return b.append("</select></label> ").toString();
  }

  private static String seedAndMode(Chosen c) {
    StringBuilder b = new StringBuilder("<label>Seed <input name=\"seed\" type=\"number\" value=\"").append(c.seed())
        .append("\"></label> <label>Sampling <select name=\"mode\">");
    for (SamplingMode m : SamplingMode.values()) {
      b.append("<option value=\"").append(m.id()).append("\"").append(m == c.mode() ? " selected" : "").append(">")
          .append(m.id()).append("</option>");
    }
    return b.append("</select></label> ").toString();
  }

  private static List<Layout.Link> nav(TaskPages.Named t) {
    return List.of(new Layout.Link(t.rel(), "/task?" + TaskPages.dirQuery(t.rel())));
  }
}
