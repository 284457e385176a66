package dev.attrprompt.web;

import static dev.attrprompt.eval.html.Escape.attribute;
import static dev.attrprompt.eval.html.Escape.html;

import dev.attrprompt.UserError;
import dev.attrprompt.attributes.AttributeEdit;
import dev.attrprompt.attributes.AttributeEdits;
import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Provenance;
import dev.attrprompt.attributes.ValueRef;
import dev.attrprompt.discover.Answers;
import dev.attrprompt.discover.AttributeReview;
import dev.attrprompt.discover.Discovery;
import dev.attrprompt.llm.LlmConfig;
import dev.attrprompt.task.LabelRole;
import dev.attrprompt.task.Task;
import dev.attrprompt.task.TaskInit;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task pages: a task's labels, similar classes and attribute set with a person's review
 * (accept, reject, add and edit values, enable or disable a dimension, edit similar classes),
 * attribute discovery with the server's endpoint, a new blank task, and (through
 * {@link TaskPlanPages}) prompt preview and cost estimate. Every change goes through the same core
 * calls as the commands ({@link AttributeEdits}, {@link Discovery}, {@link TaskInit}) and lands in
 * the same YAML files; values a person adds or rewrites are recorded as a person's.
 */
public final class TaskPages {
  /** How a change made on these pages is recorded in the attribute files. */
  static final Provenance.Person PERSON = new Provenance.Person(Optional.of("reviewed in attrprompt serve"));

  private final WebContext web;
  /** Changes to task folders are made one at a time. */
  private final Object writes = new Object();

  private TaskPages(WebContext web) {
    this.web = web;
  }

  /** A task named by the request: its workspace name and folder. */
  record Named(String rel, Path dir) {}

  /** Adds the task pages' routes. */
  public static void register(RoutesConfig routes, WebContext web) {
    TaskPages pages = new TaskPages(web);
    routes.get("/task", pages::show);
    routes.get("/api/task", pages::api);
    routes.post("/task/edit", pages::edit);
    routes.post("/task/discover", pages::discover);
    routes.get("/task/new", ctx -> pages.newTaskPage(ctx, Map.of(), Optional.empty()));
    routes.post("/task/new", pages::create);
    routes.get("/task/preview", ctx -> TaskPlanPages.preview(ctx, web, pages.named(ctx)));
    routes.get("/task/estimate", ctx -> TaskPlanPages.estimate(ctx, web, pages.named(ctx)));
    routes.get("/static/task.css", ctx -> resource(ctx, "task.css", "text/css; charset=utf-8"));
    routes.get("/static/task.js", ctx -> resource(ctx, "task.js", "text/javascript; charset=utf-8"));
  }

  /** The home page's "new task" form (nothing on a read-only server). */
  public static String newTaskSection(WebContext web) {
    if (web.readOnly()) {
      return "";
    }
    return "<div id=\"new-task\"><h3>New task</h3>\n" + newTaskForm(web, Map.of()) + "</div>\n";
  }

  /** {@code dir=REL}, percent-encoded, for a link or form action (escape it for HTML). */
  static String dirQuery(String rel) {
    return "dir=" + Layout.query(rel);
  }

  /** The task the request's {@code dir} names, or 404 when it names none of the workspace's tasks. */
  Named named(Context ctx) {
    String rel = ctx.queryParam("dir");
    Optional<Path> dir = web.workspace().task(rel);
    if (dir.isEmpty()) {
      throw new Guard.Refused(404, "there is no such task in this workspace; pick one on the home page");
    }
    return new Named(rel, dir.get());
  }

  private void show(Context ctx) {
    Named t = named(ctx);
    Task task = web.workspace().loadTask(t.dir());
    page(ctx, t, task, focus(task, Params.query(ctx, "label")), Optional.empty());
  }

  /**
   * The label whose per-label lists a page shows: the one asked for, else the first one when the
   * set is too large for one page, else none (every label's).
   */
  private static Optional<String> focus(Task task, Optional<String> asked) {
    if (asked.isPresent()) {
      return Optional.of(task.label(asked.get()).orElseThrow(() -> new UserError("'" + Params.shorten(asked.get())
          + "' is not a label of the task; pick one on the task page")).name());
    }
    return TaskView.large(task) ? Optional.of(task.labels().get(0).name()) : Optional.empty();
  }

  private void page(Context ctx, Named t, Task task, Optional<String> focus, Optional<String> problem) {
    Layout.page(ctx, web, "Task " + task.name(), List.of(new Layout.Link(t.rel(), "/task?" + dirQuery(t.rel()))),
        TaskView.body(web, new TaskView.At(t.rel(), focus), task, web.discoveries().state(t.dir()), problem));
  }

  /** The task's attribute set, as {@code attributes review --json} shows it, and its discovery's state. */
  private void api(Context ctx) {
    Named t = named(ctx);
    Task task = web.workspace().loadTask(t.dir());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dir", t.rel());
    out.put("name", task.name());
    out.put("labels", task.labels().stream().map(l -> l.name()).toList());
    Map<String, Object> discovery = new LinkedHashMap<>();
    Optional<Discoveries.State> state = web.discoveries().state(t.dir());
    discovery.put("state", state.map(Discoveries.State::text).orElse("none"));
    state.ifPresent(s -> {
      if (s instanceof Discoveries.State.Failed f) {
        discovery.put("error", f.line());
      } else if (s instanceof Discoveries.State.Done d) {
        discovery.put("needs_review", d.result().needsReview());
        discovery.put("requests", d.result().requests());
      }
    });
    discovery.put("proposed", Discovery.proposals(task).stream().map(p -> Map.of("name", p.name(),
        "scope", p.scope().yamlName(), "keep", p.keep())).toList());
    out.put("discovery", discovery);
    out.putAll(AttributeReview.of(task));
    ctx.contentType("application/json").result(Json.pretty(out));
  }

  private void edit(Context ctx) {
    Named t = named(ctx);
    Task task = web.workspace().loadTask(t.dir());
    try {
      AttributeEdit edit = editOf(ctx);
      int changes;
      synchronized (writes) {
        if (web.discoveries().running(t.dir())) {
          throw new UserError("attribute discovery is running for this task; change it after discovery ends");
        }
        changes = AttributeEdits.save(web.workspace().loadTask(t.dir()), List.of(edit), PERSON).changes();
      }
      String anchor = switch (edit) {
        case AttributeEdit.SetSimilar s -> "#labels";
        default -> Params.form(ctx, "dimension").map(d -> anchor(t, d)).orElse("");
      };
      done(ctx, t, Map.of("changes", changes, "edit", edit.describe()), anchor);
    } catch (UserError e) {
      refusedOnPage(ctx, t, task, e);
    }
  }

  /** The edit a form asks for, with one line when a field is missing. */
  private static AttributeEdit editOf(Context ctx) {
    String op = Params.requiredForm(ctx, "op", "what to do: accept, reject, add, edit, enable, disable or similar");
    return switch (op) {
      case "accept" -> new AttributeEdit.Accept(ref(ctx));
      case "reject" -> new AttributeEdit.Reject(ref(ctx));
      case "add" -> new AttributeEdit.Add(ref(ctx));
      case "edit" -> new AttributeEdit.Edit(ref(ctx), Params.requiredForm(ctx, "new", "the value's new text"));
      case "enable" -> new AttributeEdit.Enable(Params.requiredForm(ctx, "dimension", "the dimension"));
      case "disable" -> new AttributeEdit.Disable(Params.requiredForm(ctx, "dimension", "the dimension"));
      case "similar" -> new AttributeEdit.SetSimilar(Params.requiredForm(ctx, "label", "the label"),
          Params.forms(ctx, "classes").stream().flatMap(c -> TaskInit.labelList(c).stream()).toList());
      default -> throw new UserError("unknown change '" + Params.shorten(op)
          + "'; use accept, reject, add, edit, enable, disable or similar");
    };
  }

  private static ValueRef ref(Context ctx) {
    String dimension = Params.requiredForm(ctx, "dimension", "the dimension");
    String value = Params.requiredForm(ctx, "value", "the value");
    return new ValueRef(dimension, Params.form(ctx, "label"), value);
  }

  private String anchor(Named t, String dimension) {
    List<Dimension> dims = web.workspace().loadTask(t.dir()).attributes().dimensions();
    for (int i = 0; i < dims.size(); i++) {
      if (dims.get(i).name().equals(dimension.strip())) {
        return "#dim-" + i;
      }
    }
    return "";
  }

  private void discover(Context ctx) {
    Named t = named(ctx);
    Task task = web.workspace().loadTask(t.dir());
    try {
      String step = Params.form(ctx, "step").orElse("propose");
      String model = Params.model(ctx, task.generation().model());
      Discovery.Options options = switch (step) {
        case "propose" -> Discovery.Options.defaults(List.of(), false);
        case "values" -> new Discovery.Options(kept(ctx), false,
            Params.form(ctx, "values").map(v -> number("values", v, 1, 50)).orElse(Discovery.Options.DEFAULT_VALUES),
            Discovery.Options.DEFAULT_SIMILAR, Discovery.Options.DEFAULT_MAX_REJECT,
            Discovery.Options.DEFAULT_PROPOSALS);
        default -> throw new UserError("unknown step '" + Params.shorten(step) + "'; use propose or values");
      };
      // the endpoint is the server's: a request names a model, never a URL, header or key
      LlmConfig config = Discovery.config(task, web.endpoint().forModel(model));
      synchronized (writes) {
        web.discoveries().start(t.dir(), model, task, config, options);
      }
      done(ctx, t, Map.of("discovery", "running", "model", model), "#discovery");
    } catch (UserError e) {
      refusedOnPage(ctx, t, task, e);
    }
  }

  /** The dimensions a person ticked and typed, as discovery names them. */
  private static List<String> kept(Context ctx) {
    List<String> keep = new ArrayList<>();
    List<String> written = new ArrayList<>(Params.forms(ctx, "keep"));
    Params.form(ctx, "more").ifPresent(m -> written.addAll(List.of(m.split(","))));
    for (String w : written) {
      if (w.isBlank()) {
        continue;
      }
      String name = Answers.dimensionName(w.strip()).orElseThrow(() -> new UserError("'" + Params.shorten(w.strip())
          + "' cannot name a dimension: use a few words that start with a letter, e.g. writing style"));
      if (!keep.contains(name)) {
        keep.add(name);
      }
    }
    if (keep.isEmpty()) {
      throw new UserError("tick at least one dimension to keep, or name one under 'More'");
    }
    return keep;
  }

  private static int number(String field, String text, int min, int max) {
    try {
      int v = Integer.parseInt(text.strip());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new UserError("'" + field + "' must be a whole number from " + min + " to " + max + ", not '"
        + Params.shorten(text) + "'");
  }

  private void create(Context ctx) {
    Map<String, String> typed = new LinkedHashMap<>();
    for (String f : List.of("name", "labels", "domain", "source", "label_role")) {
      Params.form(ctx, f).ifPresent(v -> typed.put(f, v));
    }
    String rel;
    try {
      String name = Params.requiredForm(ctx, "name", "a folder name for the task, e.g. my-reviews").strip();
      List<String> labels = TaskInit.labelList(Params.requiredForm(ctx, "labels",
          "the labels, one per line or separated by commas"));
      String domain = Params.requiredForm(ctx, "domain", "the kind of text, e.g. news article");
      LabelRole role = Params.form(ctx, "label_role").map(r -> LabelRole.parse(r).orElseThrow(() ->
          new UserError("unknown label role '" + Params.shorten(r) + "'; use one of "
              + String.join(", ", LabelRole.names())))).orElse(LabelRole.TOPIC);
      synchronized (writes) {
        Path dir = web.workspace().newFolder(name);
        TaskInit.blank(dir, labels, domain, Params.form(ctx, "source"), role);
        rel = web.workspace().relative(dir);
      }
    } catch (UserError e) {
      if (Layout.wantsJson(ctx)) {
        throw e;
      }
      ctx.status(400);
      newTaskPage(ctx, typed, Optional.of(e.getMessage()));
      return;
    }
    Named t = new Named(rel, web.workspace().root().resolve(rel));
    done(ctx, t, Map.of("created", rel), "");
  }

  private void newTaskPage(Context ctx, Map<String, String> typed, Optional<String> problem) {
    StringBuilder b = new StringBuilder();
    b.append("<link rel=\"stylesheet\" href=\"/static/task.css\">\n");
    problem.ifPresent(p -> b.append("<p class=\"error\" id=\"problem\" role=\"alert\">").append(html(p)).append("</p>\n"));
    b.append(web.readOnly() ? "<p class=\"muted\">This server is read-only: it makes no task.</p>"
        : newTaskForm(web, typed));
    Layout.page(ctx, web, "New task", b.toString());
  }

  /** The form that makes a blank task, as {@code attrprompt init DIR --labels ... --domain ...} does. */
  private static String newTaskForm(WebContext web, Map<String, String> typed) {
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"post\" action=\"/task/new\" class=\"new-task\">").append(Layout.tokenInput(web))
        .append("<p><label>Folder name <input name=\"name\" required pattern=\"[A-Za-z0-9_\\-][A-Za-z0-9._\\-]{0,79}\" "
            + "placeholder=\"my-reviews\" value=\"").append(attribute(typed.getOrDefault("name", "")))
        .append("\"></label> <span class=\"muted\">made in the workspace's folder</span></p>")
        .append("<p><label>Labels<br><textarea name=\"labels\" rows=\"4\" cols=\"40\" required placeholder=\"")
        .append("positive, negative\">").append(html(typed.getOrDefault("labels", "")))
        .append("</textarea></label><br><span class=\"muted\">one per line, or separated by commas</span></p>")
        .append("<p><label>Kind of text <input name=\"domain\" required placeholder=\"movie review\" value=\"")
        .append(attribute(typed.getOrDefault("domain", ""))).append("\"></label></p>")
        .append("<p><label>Where such texts appear <input name=\"source\" placeholder=\"optional, e.g. IMDb\" value=\"")
        .append(attribute(typed.getOrDefault("source", ""))).append("\"></label></p>")
        .append("<p><label>A label is the text's <select name=\"label_role\">");
    String chosen = typed.getOrDefault("label_role", LabelRole.TOPIC.yamlName());
    for (String role : LabelRole.names()) {
      b.append("<option value=\"").append(role).append("\"").append(role.equals(chosen) ? " selected" : "")
          .append(">").append(role).append("</option>");
    }
    b.append("</select></label></p><button type=\"submit\">Create the task</button></form>\n");
    return b.toString();
  }

  /** A change was made: 303 back to the task page, or JSON when the request asks for it. */
  private void done(Context ctx, Named t, Map<String, Object> json, String anchor) {
    if (Layout.wantsJson(ctx)) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("dir", t.rel());
      out.putAll(json);
      ctx.contentType("application/json").result(Json.write(out));
    } else {
      String show = Params.query(ctx, "show").map(l -> "&label=" + Layout.query(l)).orElse("");
      ctx.redirect("/task?" + dirQuery(t.rel()) + show + anchor, HttpStatus.SEE_OTHER);
    }
  }

  /** A person's mistake: 400 with the task page and the line on top (or the JSON error). */
  private void refusedOnPage(Context ctx, Named t, Task task, UserError e) {
    if (Layout.wantsJson(ctx)) {
      throw e;
    }
    ctx.status(400);
    Optional<String> focus;
    try {
      focus = focus(task, Params.query(ctx, "show"));
    } catch (UserError ignored) {
      focus = focus(task, Optional.empty());
    }
    page(ctx, t, task, focus, Optional.of(e.getMessage()));
  }

  private static void resource(Context ctx, String name, String type) throws IOException {
    try (InputStream in = TaskPages.class.getResourceAsStream("/web/static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar holds no /web/static/" + name);
      }
      ctx.contentType(type).result(in.readAllBytes());
    }
  }
}
