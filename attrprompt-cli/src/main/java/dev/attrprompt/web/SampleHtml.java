package dev.attrprompt.web;

import static dev.attrprompt.eval.html.Escape.attribute;
import static dev.attrprompt.eval.html.Escape.html;

import dev.attrprompt.run.PersonVerdict;
import dev.attrprompt.run.SampleDetail;
import dev.attrprompt.run.SampleQuery;
import dev.attrprompt.run.SampleRow;
import dev.attrprompt.run.SampleVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The samples pages' HTML. Every label, value, reason, id and text (model output, untrusted) goes
 * through {@code Escape.html} or {@code Escape.attribute}, and into links through
 * {@link Layout#query}; nothing is placed in a script.
 */
final class SampleHtml {
  private SampleHtml() {}

  /** The list: filters, counts, one row per request with its verdict and a person's actions, pages. */
  static String list(WebContext web, String rel, int perClass, boolean simulated, SampleQuery.Facets facets,
      SampleQuery.Page page) {
    SampleQuery.Filter f = page.filter();
    String here = listUrl(rel, f, f.offset());
    StringBuilder b = new StringBuilder(8_192);
    b.append("<link rel=\"stylesheet\" href=\"/static/samples.css\">\n");
    b.append("<p class=\"muted\">Run <a href=\"/run?dir=").append(attribute(Layout.query(rel))).append("\"><code>")
        .append(html(rel)).append("</code></a>").append(simulated ? SIMULATED : "").append(" · ").append(perClass)
        .append(" accepted per label wanted · ");
    facets.verdicts().forEach((v, n) -> b.append("<span class=\"verdict v-").append(v.id()).append("\">")
        .append(v.id()).append(" ").append(String.format(Locale.ROOT, "%,d", n)).append("</span> "));
    b.append("</p>\n");
    filters(b, rel, facets, f);
    long from = page.rows().isEmpty() ? 0 : f.offset() + 1;
    b.append("<p id=\"count\" data-total=\"").append(page.total()).append("\">")
        .append(String.format(Locale.ROOT, "%,d–%,d of %,d", from, f.offset() + page.rows().size(), page.total()))
        .append(" matching</p>\n");
    if (page.rows().isEmpty()) {
      b.append("<p class=\"muted\">No sample matches these filters.</p>\n");
    } else {
      b.append("<table class=\"list samples\" id=\"samples\"><thead><tr><th>id</th><th>verdict</th><th>label</th>"
          + "<th>attributes</th><th>text</th>").append(web.readOnly() ? "" : "<th>a person's verdict</th>")
          .append("</tr></thead><tbody>\n");
      for (SampleRow r : page.rows()) {
        row(b, web, rel, r, here);
      }
      b.append("</tbody></table>\n");
    }
    b.append("<nav class=\"pager\">");
    if (f.offset() > 0) {
      b.append("<a rel=\"prev\" href=\"").append(attribute(listUrl(rel, f, Math.max(0, f.offset() - f.limit()))))
          .append("\">← previous</a> ");
    }
    if (page.hasMore()) {
      b.append("<a rel=\"next\" href=\"").append(attribute(listUrl(rel, f, f.offset() + f.limit())))
          .append("\">next →</a>");
    }
    b.append("</nav>\n");
    return b.toString();
  }

  private static void filters(StringBuilder b, String rel, SampleQuery.Facets facets, SampleQuery.Filter f) {
    b.append("<form method=\"get\" action=\"/samples\" class=\"filters\" id=\"filters\">")
        .append("<input type=\"hidden\" name=\"dir\" value=\"").append(attribute(rel)).append("\">");
    b.append("<label>label <select name=\"label\"><option value=\"\">any</option>");
    facets.labels().forEach((l, n) -> option(b, l, l + " (" + n + ")", f.label().orElse("")));
    b.append("</select></label>");
    String chosen = f.attributes().entrySet().stream().findFirst().map(e -> e.getKey() + "=" + e.getValue()).orElse("");
    b.append("<label>attribute value <select name=\"value\"><option value=\"\">any</option>");
    facets.values().forEach((dimension, values) -> {
      b.append("<optgroup label=\"").append(attribute(dimension)).append("\">");
      values.forEach((v, n) -> option(b, dimension + "=" + v, v + " (" + n + ")", chosen));
      b.append("</optgroup>");
    });
    b.append("</select></label>");
    f.attributes().entrySet().stream().skip(1).forEach(e -> b.append("<input type=\"hidden\" name=\"value\" value=\"")
        .append(attribute(e.getKey() + "=" + e.getValue())).append("\">"));
    b.append("<label>verdict <select name=\"verdict\"><option value=\"\">any</option>");
    for (SampleVerdict v : SampleVerdict.values()) {
      option(b, v.id(), v.id() + " (" + facets.verdicts().getOrDefault(v, 0L) + ")", f.verdict().map(SampleVerdict::id).orElse(""));
    }
    b.append("</select></label>");
    b.append("<label>reason <select name=\"reason\"><option value=\"\">any</option>");
    facets.reasons().forEach((r, n) -> option(b, r, r + " (" + n + ")", f.reason().orElse("")));
    b.append("</select></label>");
    b.append("<label>text <input type=\"search\" name=\"q\" value=\"").append(attribute(f.search().orElse("")))
        .append("\" placeholder=\"words in the text\"></label>");
    if (f.limit() != SampleQuery.Filter.DEFAULT_LIMIT) {
      b.append("<input type=\"hidden\" name=\"limit\" value=\"").append(f.limit()).append("\">");
    }
    b.append("<button type=\"submit\">Filter</button> <a href=\"/samples?dir=").append(attribute(Layout.query(rel)))
        .append("\">clear</a></form>\n");
  }

  private static void option(StringBuilder b, String value, String text, String selected) {
    b.append("<option value=\"").append(attribute(value)).append('"').append(value.equals(selected) ? " selected" : "")
        .append('>').append(html(text)).append("</option>");
  }

  private static void row(StringBuilder b, WebContext web, String rel, SampleRow r, String here) {
    b.append("<tr data-id=\"").append(attribute(r.id())).append("\" data-verdict=\"").append(r.verdict().id())
        .append("\"><td><a href=\"").append(attribute(sampleUrl(rel, r.id(), here))).append("\"><code>")
        .append(html(r.id())).append("</code></a></td><td>");
    verdict(b, r);
    b.append("</td><td>").append(html(String.join(", ", r.labels()))).append("</td><td class=\"attrs\">");
    attributes(b, r.attributes());
    b.append("</td><td class=\"text\"><div class=\"clip\">").append(html(r.text().or(r::error).orElse("")))
        .append("</div></td>");
    if (!web.readOnly()) {
      b.append("<td class=\"act\">").append(actions(web, rel, r, here)).append("</td>");
    }
    b.append("</tr>\n");
  }

  private static void verdict(StringBuilder b, SampleRow r) {
    b.append("<span class=\"verdict v-").append(r.verdict().id()).append("\">").append(r.verdict().id()).append("</span>");
    r.reason().ifPresent(x -> b.append("<div class=\"reason\">").append(html(x)).append("</div>"));
  }

  private static void attributes(StringBuilder b, Map<String, String> attributes) {
    attributes.forEach((k, v) -> b.append("<div><span class=\"k\">").append(html(k)).append(":</span> ")
        .append(html(v)).append("</div>"));
  }

  /** The reject form of an accepted (or a person-rejected) sample, the restore form of a person-rejected one. */
  private static String actions(WebContext web, String rel, SampleRow r, String back) {
    String hidden = "<input type=\"hidden\" name=\"dir\" value=\"" + attribute(rel) + "\"><input type=\"hidden\" "
        + "name=\"id\" value=\"" + attribute(r.id()) + "\"><input type=\"hidden\" name=\"back\" value=\""
        + attribute(back) + "\">";
    return switch (r.verdict()) {
      case ACCEPTED -> Layout.form(web, "/sample/reject", hidden + "<input name=\"reason\" required maxlength=\""
          + PersonVerdict.MAX_REASON + "\" placeholder=\"reason\" aria-label=\"reason for rejecting\">", "Reject")
          .replace("<button type=\"submit\">", "<button type=\"submit\" class=\"danger\">");
      case PERSON_REJECTED -> Layout.form(web, "/sample/restore", hidden, "Restore")
          .replace("<button type=\"submit\">", "<button type=\"submit\" class=\"secondary\">");
      default -> "";
    };
  }

  /** One sample: facts, a person's actions, the prompt and the raw answer side by side, the verdicts. */
  static String one(WebContext web, String rel, boolean simulated, SampleDetail d, String back) {
    SampleRow r = d.row();
    StringBuilder b = new StringBuilder(8_192);
    b.append("<link rel=\"stylesheet\" href=\"/static/samples.css\">\n");
    b.append("<p><a href=\"").append(attribute(back)).append("\">← samples</a>").append(simulated ? SIMULATED : "")
        .append("</p>\n");
    b.append("<dl class=\"facts\" id=\"facts\" data-verdict=\"").append(r.verdict().id()).append("\">");
    fact(b, "label", html(String.join(", ", r.labels())));
    StringBuilder v = new StringBuilder();
    verdict(v, r);
    fact(b, "verdict", v.toString());
    r.error().ifPresent(e -> fact(b, "error", html(e)));
    fact(b, "round", String.valueOf(r.round()));
    fact(b, "seed", String.valueOf(d.seed()));
    StringBuilder a = new StringBuilder();
    attributes(a, r.attributes());
    fact(b, "attributes", a.toString());
    d.answer().ifPresent(ans -> fact(b, "answered by", html(ans.model()) + " · " + html(ans.finishReason()
        .orElse("no finish reason")) + " · " + ans.promptTokens() + " + " + ans.completionTokens() + " tokens · "
        + String.format(Locale.ROOT, "$%.6f", ans.usd()) + (ans.cached() ? " · from the cache" : "")));
    b.append("</dl>\n");
    if (!web.readOnly() && (r.verdict() == SampleVerdict.ACCEPTED || r.verdict() == SampleVerdict.PERSON_REJECTED)) {
      String hidden = "<input type=\"hidden\" name=\"dir\" value=\"" + attribute(rel) + "\"><input type=\"hidden\" "
          + "name=\"id\" value=\"" + attribute(r.id()) + "\">";
      b.append("<div class=\"actions\" id=\"actions\">");
      b.append(Layout.form(web, "/sample/reject", hidden + "<label>reason <input name=\"reason\" required maxlength=\""
          + PersonVerdict.MAX_REASON + "\" placeholder=\"why it should not be in the data\"></label>",
          r.verdict() == SampleVerdict.ACCEPTED ? "Reject" : "Change the reason")
          .replace("<button type=\"submit\">", "<button type=\"submit\" class=\"danger\">"));
      if (r.verdict() == SampleVerdict.PERSON_REJECTED) {
        b.append(Layout.form(web, "/sample/restore", hidden, "Restore")
            .replace("<button type=\"submit\">", "<button type=\"submit\" class=\"secondary\">"));
      }
      b.append("<p class=\"muted\">A sample a person rejects is left out of exports; resuming the run buys only "
          + "the shortfall.</p></div>\n");
    }
    b.append("<div class=\"side\"><section><h2>Prompt</h2><pre class=\"prompt\" id=\"prompt\">")
        .append(html(d.prompt())).append("</pre></section><section><h2>Answer</h2>");
    if (d.answer().isPresent()) {
      b.append("<pre class=\"answer\" id=\"answer\">").append(html(d.answer().get().content())).append("</pre>");
    } else {
      b.append("<p class=\"muted\" id=\"answer\">No answer stored.</p>");
    }
    b.append("</section></div>\n");
    if (r.text().isPresent() && d.answer().isPresent() && !r.text().get().equals(d.answer().get().content())) {
      b.append("<h2>Text after cleaning</h2><pre class=\"answer\" id=\"text\">").append(html(r.text().get()))
          .append("</pre>\n");
    }
    if (!d.personVerdicts().isEmpty()) {
      b.append("<h2>A person's verdicts</h2><ul class=\"history\" id=\"history\">");
      for (PersonVerdict pv : d.personVerdicts()) {
        b.append("<li>").append(html(pv.at().toString())).append(" · ").append(pv.kind().id())
            .append(pv.reason().map(x -> ": " + html(x)).orElse("")).append("</li>");
      }
      b.append("</ul>\n");
    }
    return b.toString();
  }

  /** The mark of a run answered by the simulator: its texts are not training data. */
  private static final String SIMULATED = " <span class=\"badge\" title=\"answered by attrprompt's simulator, not a "
      + "language model\">simulated</span>";

  private static void fact(StringBuilder b, String key, String valueHtml) {
    b.append("<dt>").append(html(key)).append("</dt><dd>").append(valueHtml).append("</dd>");
  }

  /** The list's address for {@code f} at {@code offset}: every part percent-encoded. */
  static String listUrl(String rel, SampleQuery.Filter f, int offset) {
    StringBuilder u = new StringBuilder("/samples?dir=").append(Layout.query(rel));
    f.label().ifPresent(l -> u.append("&label=").append(Layout.query(l)));
    f.attributes().forEach((k, v) -> u.append("&value=").append(Layout.query(k + "=" + v)));
    f.verdict().ifPresent(v -> u.append("&verdict=").append(v.id()));
    f.reason().ifPresent(r -> u.append("&reason=").append(Layout.query(r)));
    f.search().ifPresent(q -> u.append("&q=").append(Layout.query(q)));
    if (f.limit() != SampleQuery.Filter.DEFAULT_LIMIT) {
      u.append("&limit=").append(f.limit());
    }
    if (offset > 0) {
      u.append("&offset=").append(offset);
    }
    return u.toString();
  }

  static String sampleUrl(String rel, String id, String back) {
    return "/sample?dir=" + Layout.query(rel) + "&id=" + Layout.query(id) + "&back=" + Layout.query(back);
  }

  private static volatile String css;

  /** The samples pages' own stylesheet (beside the app's), from the jar. */
  static String stylesheet() {
    if (css == null) {
      try (InputStream in = SampleHtml.class.getResourceAsStream("/web/static/samples.css")) {
        if (in == null) {
          throw new IllegalStateException("the jar holds no /web/static/samples.css");
        }
        css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return css;
  }
}
