package dev.attrprompt.eval.html;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of a report as it is written: HTML with every piece of text escaped on the way in, and
 * the charts' options by id (drawn by the page's script from the embedded JSON).
 */
final class Page {
  private final StringBuilder html = new StringBuilder(1 << 16);
  private final Map<String, Object> charts = new LinkedHashMap<>();
  private final Map<String, String> toc = new LinkedHashMap<>();

  /** Opens a section; {@code id} is ours (never user text). */
  Page section(String id, String title) {
    toc.put(id, title);
    html.append("<section id=\"").append(id).append("\"><h2>").append(Escape.html(title)).append("</h2>\n");
    return this;
  }

  Page end() {
    html.append("</section>\n");
    return this;
  }

  Page h3(String text) {
    html.append("<h3>").append(Escape.html(text)).append("</h3>\n");
    return this;
  }

  Page p(String text) {
    html.append("<p>").append(Escape.html(text)).append("</p>\n");
    return this;
  }

  Page note(String text) {
    html.append("<p class=\"note\">").append(Escape.html(text)).append("</p>\n");
    return this;
  }

  /** A table of text cells; the first row is the head, the first column names the rows. */
  Page table(List<List<String>> rows, String cssClass) {
    html.append("<div class=\"table-wrap\"><table class=\"").append(cssClass).append("\">\n<thead><tr>");
    for (String h : rows.get(0)) {
      html.append("<th>").append(Escape.html(h)).append("</th>");
    }
    html.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : rows.subList(1, rows.size())) {
      html.append("<tr>");
      for (int c = 0; c < row.size(); c++) {
        // long text (lists, paths) wraps and reads left to right; figures stay right-aligned on one line
        html.append(c == 0 ? "<th scope=\"row\">" : row.get(c).length() > 32 ? "<td class=\"wide\">" : "<td>")
            .append(Escape.html(row.get(c)))
            .append(c == 0 ? "</th>" : "</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table></div>\n");
    return this;
  }

  /** A chart of the given height in pixels; its ECharts option goes into the embedded JSON. */
  Page chart(String id, Map<String, Object> option, int height) {
    charts.put(id, option);
    html.append(String.format(Locale.ROOT, "<div class=\"chart\" id=\"chart-%s\" data-chart=\"%s\" style=\"height:%dpx\"></div>%n",
        id, id, height));
    return this;
  }

  /** Opens a row of side-by-side blocks (one per dataset). */
  Page grid() {
    html.append("<div class=\"grid\">\n");
    return this;
  }

  Page cell(String title) {
    html.append("<div class=\"cell\"><h4>").append(Escape.html(title)).append("</h4>\n");
    return this;
  }

  Page endCell() {
    html.append("</div>\n");
    return this;
  }

  Page endGrid() {
    html.append("</div>\n");
    return this;
  }

  /** Markup we wrote ourselves, with any user text already escaped by the caller. */
  Page raw(String markup) {
    html.append(markup);
    return this;
  }

  String html() {
    return html.toString();
  }

  Map<String, Object> charts() {
    return charts;
  }

  Map<String, String> toc() {
    return toc;
  }
}
