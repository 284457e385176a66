package dev.attrprompt.web;

import static dev.attrprompt.eval.html.Escape.attribute;
import static dev.attrprompt.eval.html.Escape.html;

import dev.attrprompt.attributes.Dimension;
import dev.attrprompt.attributes.Provenance;
import dev.attrprompt.attributes.Scope;
import dev.attrprompt.attributes.Value;
import dev.attrprompt.discover.Discovery;
import dev.attrprompt.discover.FilterVerdict;
import dev.attrprompt.discover.ProposedDimension;
import dev.attrprompt.task.Label;
import dev.attrprompt.task.Task;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The task page's body: labels with their similar classes, each dimension with its values, their
 * provenance and filtering verdicts, the forms that change them, and attribute discovery. Every
 * label, value, answer and name is escaped here; none is trusted.
 */
final class TaskView {
  private TaskView() {}

  /** Lists longer than this start folded. */
  private static final int OPEN_UP_TO = 40;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /**
   * Where a task page is: the task's workspace name, and the label whose per-label lists it shows
   * (all labels' when empty). Forms carry the label so that a change leads back to the same view.
   */
  record At(String rel, Optional<String> focus) {
    /** The query of a form's action: {@code dir=...}, and {@code show=LABEL} when focused. */
    String query() {
      return TaskPages.dirQuery(rel) + focus.map(l -> "&show=" + Layout.query(l)).orElse("");
    }

    /** The page's own address. */
    String page() {
      return "/task?" + TaskPages.dirQuery(rel) + focus.map(l -> "&label=" + Layout.query(l)).orElse("");
    }
  }

  /** Attribute sets with more per-label values than this show one label's lists at a time. */
  static final int ALL_LISTS_UP_TO = 600;

  /** Whether {@code task}'s per-label lists are too many to show on one page. */
  static boolean large(Task task) {
    return task.attributes().dimensions().stream().filter(d -> d.scope() == Scope.DEPENDENT)
        .mapToInt(Dimension::size).sum() > ALL_LISTS_UP_TO;
  }

  /** The whole body for {@code task}, named {@code rel} in the workspace; {@code problem}: a line to show on top. */
  static String body(WebContext web, At at, Task task, Optional<Discoveries.State> discovery,
      Optional<String> problem) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<link rel=\"stylesheet\" href=\"/static/task.css\">\n")
        .append("<script src=\"/static/task.js\" defer></script>\n");
    problem.ifPresent(p -> b.append("<p class=\"error\" id=\"problem\" role=\"alert\">").append(html(p)).append("</p>\n"));
    b.append("<p class=\"muted task-facts\">Folder <code>").append(html(at.rel())).append("</code> · ")
        .append(html(task.domain()));
    task.source().ifPresent(s -> b.append(" (").append(html(s)).append(")"));
    b.append(" · labels are ").append(html(task.labelRole().yamlName())).append("s");
    if (task.multiLabel()) {
      b.append(" · multi-label");
    }
    b.append("</p>\n");
    String dir = TaskPages.dirQuery(at.rel());
    b.append("<p class=\"task-tools\"><a href=\"/task/preview?").append(attribute(dir))
        .append("\">Preview prompts</a> <a href=\"/task/estimate?").append(attribute(dir))
        .append("\">Estimate the cost</a>");
    if (!web.readOnly()) {
      b.append(" <a href=\"/run/new?task=").append(attribute(Layout.query(at.rel()))).append("\">Start a run</a>");
    }
    b.append("</p>\n");
    labels(b, web, at, task);
    dimensions(b, web, at, task);
    discovery(b, web, at, task, discovery);
    return b.toString();
  }

  private static void labels(StringBuilder b, WebContext web, At at, Task task) {
    b.append("<section id=\"labels\"><h2>Labels and similar classes</h2>\n")
        .append("<p class=\"muted\">AttrPrompt asks for a text that fits its label and not the label's similar "
            + "classes, the labels it is most easily confused with.</p>\n")
        .append("<table class=\"list labels\"><thead><tr><th>label</th><th>in prompts</th><th>description</th>"
            + "<th>similar classes</th></tr></thead><tbody>\n");
    Map<String, List<String>> similar = task.attributes().similar();
    for (Label l : task.labels()) {
      List<String> mine = similar.getOrDefault(l.name(), List.of());
      b.append("<tr data-label=\"").append(attribute(l.name())).append("\"><td><code>").append(html(l.name()))
          .append("</code></td><td>").append(html(l.display())).append("</td><td>")
          .append(html(l.description().orElse(""))).append("</td><td><span class=\"similar\">")
          .append(mine.isEmpty() ? "<span class=\"muted\">none</span>" : html(String.join(", ", mine)))
          .append("</span>");
      if (!web.readOnly()) {
        b.append("<details class=\"edit-similar\"><summary>edit</summary>")
            .append(open(web, at, "edit"))
            .append(hidden("op", "similar")).append(hidden("label", l.name()))
            .append("<fieldset><legend>similar to ").append(html(l.display())).append("</legend>");
        for (Label other : task.labels()) {
          if (other.equals(l)) {
            continue;
          }
          b.append("<label class=\"check\"><input type=\"checkbox\" name=\"classes\" value=\"")
              .append(attribute(other.name())).append("\"").append(mine.contains(other.name()) ? " checked" : "")
              .append("> ").append(html(other.name())).append("</label> ");
        }
        b.append("</fieldset><button type=\"submit\">Save similar classes</button></form></details>");
      }
      b.append("</td></tr>\n");
    }
    b.append("</tbody></table></section>\n");
  }

  private static void dimensions(StringBuilder b, WebContext web, At at, Task task) {
    b.append("<section id=\"dimensions\"><h2>Attribute dimensions</h2>\n");
    List<Dimension> dims = task.attributes().dimensions();
    if (dims.isEmpty()) {
      b.append("<p class=\"muted\">No dimension yet. Discover some with an LLM below, or add "
          + "<code>&lt;dimension&gt;.yaml</code> files under <code>").append(html(web.workspace().relative(task.attributesDir())))
          .append("</code> (docs/task-spec.md).</p>\n");
    }
    at.focus().ifPresent(focus -> focusPicker(b, at, task, focus));
    Map<String, FilterVerdict> verdicts = FilterVerdict.byKey(FilterVerdict.read(task));
    for (int i = 0; i < dims.size(); i++) {
      Dimension d = dims.get(i);
      b.append("<section class=\"dimension").append(d.enabled() ? "" : " disabled").append("\" id=\"dim-").append(i)
          .append("\" data-dimension=\"").append(attribute(d.name())).append("\" data-enabled=\"")
          .append(d.enabled()).append("\">\n<h3>").append(html(d.name()))
          .append(" <span class=\"badge\">").append(d.scope() == Scope.INDEPENDENT ? "same for every label"
              : "per label").append("</span>");
      if (d.kind() == dev.attrprompt.attributes.Kind.LENGTH) {
        b.append(" <span class=\"badge\">word counts</span>");
      }
      if (d.filtered()) {
        b.append(" <span class=\"badge\">filtered</span>");
      }
      if (!d.enabled()) {
        b.append(" <span class=\"badge off\">disabled</span>");
      }
      b.append("</h3>\n");
      d.description().ifPresent(s -> b.append("<p class=\"muted\">").append(html(s)).append("</p>\n"));
      if (!web.readOnly()) {
        b.append(open(web, at, "edit", "toggle")).append(hidden("dimension", d.name()))
            .append(d.enabled()
                ? "<button type=\"submit\" name=\"op\" value=\"disable\" class=\"secondary\">Disable: leave it "
                    + "out of plans</button>"
                : "<button type=\"submit\" name=\"op\" value=\"enable\">Enable: use it in plans</button>")
            .append("</form>\n");
      }
      if (d.scope() == Scope.INDEPENDENT) {
        values(b, web, at, d, Optional.empty(), d.values(), verdicts);
      } else {
        for (Map.Entry<String, List<Value>> e : d.byLabel().entrySet()) {
          if (at.focus().isPresent() && !at.focus().get().equals(e.getKey())) {
            continue;
          }
          values(b, web, at, d, Optional.of(e.getKey()), e.getValue(), verdicts);
        }
      }
      b.append("</section>\n");
    }
    b.append("</section>\n");
  }

  /** The choice of label whose per-label lists the page shows. */
  private static void focusPicker(StringBuilder b, At at, Task task, String focus) {
    b.append("<form method=\"get\" action=\"/task\" class=\"focus-form\">").append(hidden("dir", at.rel()))
        .append("<label>Per-label values of <select name=\"label\">");
    for (Label l : task.labels()) {
      b.append("<option value=\"").append(attribute(l.name())).append("\"").append(l.name().equals(focus) ? " selected" : "")
          .append(">").append(html(l.name())).append("</option>");
    }
    b.append("</select></label> <button type=\"submit\">Show</button></form>\n");
    if (large(task)) {
      b.append("<p class=\"muted\">This attribute set is large: the per-label values of one label are shown at a "
          + "time; values that are the same for every label are all shown.</p>\n");
    } else {
      b.append("<p><a href=\"/task?").append(attribute(TaskPages.dirQuery(at.rel()))).append("\">Show every label</a></p>\n");
    }
  }

  private static void values(StringBuilder b, WebContext web, At at, Dimension d, Optional<String> label,
      List<Value> values, Map<String, FilterVerdict> verdicts) {
    boolean judged = label.isPresent() && verdicts.values().stream().anyMatch(v -> v.dimension().equals(d.name()));
    List<FilterVerdict> removed = label.isEmpty() ? List.of() : verdicts.values().stream()
        .filter(v -> v.removed() && v.dimension().equals(d.name()) && v.label().equals(label.get())
            && values.stream().noneMatch(x -> x.text().equals(v.value())))
        .toList();
    b.append("<details class=\"values\"").append(values.size() <= OPEN_UP_TO ? " open" : "")
        .append(label.map(l -> " data-label=\"" + attribute(l) + "\"").orElse("")).append("><summary>")
        .append(label.map(l -> "<code>" + html(l) + "</code>: ").orElse("")).append(values.size())
        .append(values.size() == 1 ? " value" : " values");
    if (!removed.isEmpty()) {
      b.append(", ").append(removed.size()).append(" removed by filtering");
    }
    b.append("</summary>\n<table class=\"list values\"><thead><tr><th>value</th><th class=\"num weight-col\">weight</th>"
        + "<th class=\"prov-col\">provenance</th>").append(judged ? "<th class=\"verdict-col\">filtering</th>" : "")
        .append(web.readOnly() ? "" : "<th class=\"change-col\">change</th>").append("</tr></thead><tbody>\n");
    for (Value v : values) {
      b.append("<tr data-value=\"").append(attribute(v.text())).append("\"><td class=\"value\">")
          .append(html(v.text())).append("</td><td class=\"num\">").append(weight(v.weight())).append("</td><td>")
          .append(provenance(v.provenance())).append("</td>");
      if (judged) {
        b.append("<td>").append(verdictInSet(verdicts.get(FilterVerdict.key(d.name(), label.get(), v.text()))))
            .append("</td>");
      }
      if (!web.readOnly()) {
        b.append("<td>").append(open(web, at, "edit", "value-form")).append(ref(d, label))
            .append(hidden("value", v.text()))
            .append("<input name=\"new\" value=\"").append(attribute(v.text()))
            .append("\" aria-label=\"new text\" size=\"28\"> ")
            .append("<button type=\"submit\" name=\"op\" value=\"edit\">Save</button> ")
            .append("<button type=\"submit\" name=\"op\" value=\"reject\" class=\"reject\">Reject</button>")
            .append("</form></td>");
      }
      b.append("</tr>\n");
    }
    for (FilterVerdict r : removed) {
      b.append("<tr class=\"removed\" data-value=\"").append(attribute(r.value())).append("\"><td class=\"value\"><s>")
          .append(html(r.value())).append("</s></td><td></td><td>")
          .append(removedProvenance()).append("</td><td>").append(verdict(r)).append("</td>");
      if (!web.readOnly()) {
        b.append("<td>").append(open(web, at, "edit", "value-form")).append(ref(d, label))
            .append(hidden("value", r.value()))
            .append("<button type=\"submit\" name=\"op\" value=\"accept\">Accept: bring it back</button></form></td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody></table>\n");
    if (!web.readOnly()) {
      b.append(open(web, at, "edit", "add-form")).append(ref(d, label))
          .append("<input name=\"value\" placeholder=\"").append(d.kind() == dev.attrprompt.attributes.Kind.LENGTH
              ? "a word count, e.g. 80" : "a new value").append("\" aria-label=\"new value\" size=\"32\"> ")
          .append("<button type=\"submit\" name=\"op\" value=\"add\">Add</button></form>\n");
    }
    b.append("</details>\n");
  }

  private static void discovery(StringBuilder b, WebContext web, At at, Task task,
      Optional<Discoveries.State> state) {
    b.append("<section id=\"discovery\"><h2>Discover attributes with an LLM</h2>\n")
        .append("<p class=\"muted\">As in the paper: the LLM proposes dimensions, a person keeps some, then the LLM "
            + "lists values of each (per label where they depend on it) and each label's similar classes, and "
            + "values that fit a similar class too are filtered out. Every question and answer is kept in "
            + "<code>discovery/record.json</code>; answers are cached, so asking again costs nothing. The "
            + "endpoint and its key are the server's own.</p>\n");
    state.ifPresent(s -> {
      switch (s) {
        case Discoveries.State.Running r -> b.append("<p class=\"running\" id=\"discovery-state\" data-state=\"running\" "
            + "data-live=\"discovery\" data-every=\"1500\" data-src=\"/api/task?").append(attribute(TaskPages.dirQuery(at.rel())))
            .append("\">Discovery with ").append(html(r.model())).append(" is running since ")
            .append(TIME.format(r.since())).append("; this page reloads when it ends "
                + "(<a href=\"").append(attribute(at.page())).append("\">reload</a>).</p>\n");
        case Discoveries.State.Failed f -> b.append("<p class=\"error\" id=\"discovery-state\" data-state=\"failed\">")
            .append("Discovery with ").append(html(f.model())).append(" failed at ").append(TIME.format(f.since()))
            .append(": ").append(html(f.line())).append("</p>\n");
        case Discoveries.State.Done d -> done(b, d);
      }
    });
    List<ProposedDimension> proposed = Discovery.proposals(task);
    boolean running = state.filter(s -> s instanceof Discoveries.State.Running).isPresent();
    if (web.readOnly() || running) {
      if (!proposed.isEmpty()) {
        b.append("<p>Proposed: ").append(html(String.join(", ", proposed.stream()
            .map(p -> p.name() + (p.keep() ? " (kept)" : "")).toList()))).append("</p>\n");
      }
      b.append("</section>\n");
      return;
    }
    String model = task.generation().model();
    if (proposed.isEmpty()) {
      b.append(open(web, at, "discover", "discover-propose")).append(hidden("step", "propose"))
          .append(modelInput(model))
          .append("<button type=\"submit\">Ask for dimensions</button></form>\n");
    } else {
      b.append(open(web, at, "discover", "discover-values")).append(hidden("step", "values"))
          .append("<fieldset><legend>Keep these dimensions</legend>");
      for (ProposedDimension p : proposed) {
        b.append("<label class=\"check\"><input type=\"checkbox\" name=\"keep\" value=\"").append(attribute(p.name()))
            .append("\"").append(p.keep() ? " checked" : "").append("> ").append(html(p.name()))
            .append(" <span class=\"muted\">(").append(p.scope() == Scope.INDEPENDENT ? "same for every label"
                : "per label").append(")</span></label> ");
      }
      b.append("</fieldset><p><label>More, by name (comma-separated): <input name=\"more\" size=\"30\" "
          + "placeholder=\"e.g. tone, setting\"></label></p>")
          .append(modelInput(model))
          .append("<p><label>Values per dimension: <input name=\"values\" type=\"number\" min=\"1\" max=\"50\" value=\"")
          .append(Discovery.Options.DEFAULT_VALUES).append("\"></label></p>")
          .append("<p class=\"muted\">The dimensions kept are written to the attribute folder (a file of the same "
              + "name is replaced), with <code>similar.yaml</code>; other dimension files stay.</p>")
          .append("<button type=\"submit\">Discover their values</button></form>\n");
    }
    b.append("</section>\n");
  }

  private static void done(StringBuilder b, Discoveries.State.Done d) {
    Discovery.Result r = d.result();
    b.append("<div id=\"discovery-state\" data-state=\"done\" class=\"done\"><p>Discovery with ").append(html(d.model()))
        .append(" ended at ").append(TIME.format(d.since())).append(": ").append(r.requests())
        .append(r.requests() == 1 ? " request" : " requests").append(" sent (cached answers are not asked again). ")
        .append(r.needsReview() ? "Tick the dimensions to keep below." : "The attribute set above was written.")
        .append("</p>");
    if (!r.drops().isEmpty() || !r.removedByFilter().isEmpty()) {
      b.append("<ul class=\"muted\">");
      r.drops().forEach((what, n) -> b.append("<li>dropped ").append(n).append(": ").append(html(what)).append("</li>"));
      r.removedByFilter().forEach((label, n) -> b.append("<li>filtering removed ").append(n)
          .append(n.intValue() == 1 ? " value of <code>" : " values of <code>")
          .append(html(label)).append("</code></li>"));
      b.append("</ul>");
    }
    b.append("</div>\n");
  }

  private static String modelInput(String model) {
    return "<p><label>Model: <input name=\"model\" value=\"" + attribute(model) + "\" size=\"24\"></label></p>";
  }

  /** The hidden fields that name a value's list. */
  private static String ref(Dimension d, Optional<String> label) {
    return hidden("dimension", d.name()) + label.map(l -> hidden("label", l)).orElse("");
  }

  /** A POST form's start to {@code /task/<action>} for the task, with the token. */
  static String open(WebContext web, At at, String action) {
    return open(web, at, action, "");
  }

  static String open(WebContext web, At at, String action, String cssClass) {
    return "<form method=\"post\" action=\"/task/" + action + "?" + attribute(at.query()) + "\""
        + (cssClass.isEmpty() ? "" : " class=\"" + cssClass + "\"") + ">" + Layout.tokenInput(web);
  }

  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + attribute(value) + "\">";
  }

  private static String weight(double w) {
    return w == Math.rint(w) ? String.valueOf((long) w) : String.format(Locale.ROOT, "%.2f", w);
  }

  /** A short badge (LLM, person, release, imported) with the whole provenance as its title. */
  static String provenance(Provenance p) {
    String kind = switch (p) {
      case Provenance.Proposed x -> "llm";
      case Provenance.Person x -> "person";
      case Provenance.Imported x -> x.from().startsWith("AttrPrompt release") ? "release" : "imported";
    };
    String text = switch (kind) {
      case "llm" -> "LLM";
      default -> kind;
    };
    return "<span class=\"prov prov-" + kind + "\" data-provenance=\"" + kind + "\" title=\"" + attribute(p.describe())
        + "\">" + text + "</span>";
  }

  /** Filtering only ever saw values the LLM proposed. */
  private static String removedProvenance() {
    return "<span class=\"prov prov-llm\" data-provenance=\"llm\" title=\"proposed by the LLM, removed by filtering\">LLM</span>";
  }

  /**
   * The verdict of a value that is in the set: one filtering removed is there because a person
   * brought it back, and says so (a bare "removed" beside a value in use reads as a contradiction).
   */
  static String verdictInSet(FilterVerdict v) {
    if (v == null || !v.removed()) {
      return verdict(v);
    }
    return "<span class=\"verdict verdict-overruled\" data-verdict=\"brought-back\" title=\""
        + attribute("filtering removed it (the LLM answered: " + v.answer() + "); a person brought it back") + "\">"
        + "removed, brought back by a person</span>";
  }

  /** A filtering verdict with the LLM's answer as its title; empty when filtering never saw the value. */
  static String verdict(FilterVerdict v) {
    if (v == null) {
      return "";
    }
    return "<span class=\"verdict" + (v.removed() ? " verdict-removed" : "") + "\" data-verdict=\""
        + attribute(v.verdict()) + "\" title=\"" + attribute("the LLM answered: " + v.answer()) + "\">"
        + html(v.verdict()) + "</span>";
  }
}
