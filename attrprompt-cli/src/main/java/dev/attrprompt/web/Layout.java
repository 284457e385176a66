package dev.attrprompt.web;

import dev.attrprompt.eval.html.Escape;
import io.javalin.http.Context;
import java.util.List;

/**
 * The frame of every page: title, navigation, the token in a meta tag (absent when read-only),
 * the app's stylesheet and script, and the security headers. Every piece of text that reaches a
 * page goes through {@link Escape}.
 */
public final class Layout {
  private Layout() {}

  /** The pages' policy: nothing but this server's own files, no inline script, no framing. */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

  /** A link in the navigation. */
  public record Link(String text, String href) {}

  /** Answers with a full page whose navigation has Home only. */
  public static void page(Context http, WebContext web, String title, String bodyHtml) {
    page(http, web, title, List.of(), bodyHtml);
  }

  /**
   * Answers with a full page: {@code title} (plain text, escaped here), navigation with Home and
   * {@code nav} (the current task or run), and {@code bodyHtml} (already escaped by the caller).
   */
  public static void page(Context http, WebContext web, String title, List<Link> nav, String bodyHtml) {
    StringBuilder b = new StringBuilder(bodyHtml.length() + 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Escape.html(title)).append(" · attrprompt</title>\n");
    if (!web.readOnly()) {
      b.append("<meta name=\"attrprompt-token\" content=\"").append(Escape.attribute(web.token())).append("\">\n");
    }
    b.append("<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n")
        .append("<script src=\"/static/app.js\" defer></script>\n</head>\n<body")
        .append(web.readOnly() ? " data-read-only=\"true\"" : "").append(">\n<header><nav>")
        .append("<a class=\"brand\" href=\"/\">attrprompt</a>");
    for (Link l : nav) {
      b.append(" <span class=\"sep\">/</span> <a href=\"").append(Escape.attribute(l.href())).append("\">")
          .append(Escape.html(l.text())).append("</a>");
    }
    if (web.readOnly()) {
      b.append(" <span class=\"badge\">read-only</span>");
    }
    b.append("</nav></header>\n<main>\n<h1>").append(Escape.html(title)).append("</h1>\n")
        .append(bodyHtml).append("\n</main>\n</body>\n</html>\n");
    http.contentType("text/html; charset=utf-8").result(b.toString());
  }

  /** The hidden input every form carries (empty on a read-only server, whose pages have no forms). */
  public static String tokenInput(WebContext web) {
    return web.readOnly() ? "" : "<input type=\"hidden\" name=\"" + Guard.FIELD + "\" value=\""
        + Escape.attribute(web.token()) + "\">";
  }

  /**
   * A POST form to {@code action} with the token, {@code fieldsHtml} and a submit button; nothing
   * on a read-only server.
   */
  public static String form(WebContext web, String action, String fieldsHtml, String button) {
    if (web.readOnly()) {
      return "";
    }
    return "<form method=\"post\" action=\"" + Escape.attribute(action) + "\">" + tokenInput(web) + fieldsHtml
        + "<button type=\"submit\">" + Escape.html(button) + "</button></form>";
  }

  /** A link's query value: {@code s} percent-encoded (then escaped by the caller for HTML). */
  public static String query(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A one-line error page with {@code status}: what went wrong and what to do, never a stack trace. */
  static void error(Context http, WebContext web, int status, String line) {
    http.status(status);
    if (wantsJson(http)) {
      http.contentType("application/json").result("{\"error\":" + json(line) + "}");
      return;
    }
    page(http, web, status == 404 ? "Not found" : status == 403 ? "Refused" : status >= 500 ? "Failed" : "Not done",
        "<p class=\"error\">" + Escape.html(line) + "</p><p><a href=\"/\">Home</a></p>");
  }

  /** Whether the request asks for JSON rather than a page. */
  public static boolean wantsJson(Context http) {
    String accept = http.header("Accept");
    return accept != null && accept.contains("application/json") && !accept.contains("text/html");
  }

  static String json(String s) {
    return Json.write(s);
  }

  static void securityHeaders(Context http, String csp) {
    http.header("Content-Security-Policy", csp);
    http.header("X-Content-Type-Options", "nosniff");
    http.header("Referrer-Policy", "no-referrer");
    http.header("X-Frame-Options", "DENY");
    http.header("Cache-Control", "no-store");
  }
}
