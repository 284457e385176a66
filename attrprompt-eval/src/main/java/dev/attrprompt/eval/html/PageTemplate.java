package dev.attrprompt.eval.html;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Properties;

/**
 * The page around the sections: styles, the embedded JSON, Apache ECharts and the page's script,
 * all inline. A Content-Security-Policy admits only those two scripts (by hash) and no request of
 * any kind, so the page makes none, and text that escaped its escaping could not run.
 */
final class PageTemplate {
  private PageTemplate() {}

  static final String CSS = resource("report.css");
  static final String SCRIPT = resource("report.js");
  static final String ECHARTS = checked(resource("echarts.min.js"));
  static final String ECHARTS_VERSION = echartsVersion();

  static String html(Model m, Page page, String json) {
    String csp = "default-src 'none'; script-src '" + sha256(ECHARTS) + "' '" + sha256(SCRIPT) + "'; "
        + "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; base-uri 'none'; "
        + "form-action 'none'";
    StringBuilder h = new StringBuilder(ECHARTS.length() + json.length() + page.html().length() + 8192);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(csp).append("\">\n")
        .append("<meta name=\"generator\" content=\"attrprompt ").append(Escape.attribute(m.toolVersion())).append("\">\n")
        .append("<title>").append(Escape.html(m.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n")
        .append("</head>\n<body>\n<header>\n<h1>").append(Escape.html(m.title())).append("</h1>\n")
        .append("<p class=\"sub\">").append(Escape.html(subtitle(m))).append("</p>\n<nav>");
    page.toc().forEach((id, title) -> h.append("<a href=\"#").append(id).append("\">").append(Escape.html(title))
        .append("</a>"));
    h.append("</nav>\n</header>\n<main>\n").append(page.html()).append("</main>\n<footer>")
        .append("Made by attrprompt ").append(Escape.html(m.toolVersion()))
        .append(". Charts drawn with Apache ECharts ").append(ECHARTS_VERSION)
        .append(" (Apache License 2.0), inlined; this page loads nothing from the network.</footer>\n")
        .append("<script type=\"application/json\" id=\"report-data\">").append(Escape.scriptJson(json))
        .append("</script>\n<script>").append(ECHARTS).append("</script>\n<script>").append(SCRIPT)
        .append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static String subtitle(Model m) {
    StringBuilder s = new StringBuilder();
    if (m.comparing()) {
      s.append(m.datasets().size()).append(" datasets compared, ").append(m.datasets().get(0).title())
          .append(" the baseline");
    } else {
      s.append(String.format(Locale.ROOT, "%,d samples, %d labels", m.datasets().get(0).dataset().size(),
          m.datasets().get(0).dataset().labels().size()));
    }
    m.testName().ifPresent(t -> s.append("; tested on ").append(t));
    m.reference().ifPresent(r -> s.append("; reference ").append(r.dataset().name()));
    if (m.simulated()) {
      s.append(" — SIMULATED TEXT");
    }
    return s.toString();
  }

  /** The inlined library must not end its own script block. */
  private static String checked(String script) {
    String lower = script.toLowerCase(Locale.ROOT);
    if (lower.contains("</script") || lower.contains("<!--")) {
      throw new IllegalStateException("the bundled script contains </script or <!--; it cannot be inlined as it is");
    }
    return script;
  }

  static String sha256(String script) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = PageTemplate.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " next to " + PageTemplate.class.getName()
            + " (the build unpacks echarts.min.js from the ECharts WebJar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + name, e);
    }
  }

  private static String echartsVersion() {
    Properties p = new Properties();
    try (InputStream in = PageTemplate.class.getResourceAsStream("echarts.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through
    }
    return p.getProperty("echarts.version", "");
  }
}
