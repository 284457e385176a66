package dev.attrprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attrprompt.eval.html.Escape;
import dev.attrprompt.plan.Method;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attrprompt report}: its numbers are those of analyze, status, evaluate and compare; hostile text stays text. */
class ReportCommandTest {
  @TempDir Path tmp;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void numbersAgreeWithAnalyzeStatusAndEvaluate() throws IOException {
    Path run = ReportFixtures.run(tmp, "attr", Method.ATTRPROMPT, 12, "fp-test");
    Path test = ReportFixtures.test(tmp);
    Path out = tmp.resolve("out/report.html");
    CliTest.Result r = CliTest.run("report", run.toString(), "--test", test.toString(), "--reference", test.toString(),
        "--out", out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(out.toString()).contains(tmp.resolve("out/report.json").toString());
    JsonNode report = JSON.readTree(tmp.resolve("out/report.json").toFile());
    JsonNode d = report.get("datasets").get(0);

    ObjectNode analyze = (ObjectNode) CliTest.parse(CliTest.run("analyze", run.toString(), "--reference", test.toString(),
        "--json").out());
    JsonNode reference = analyze.remove("reference");
    assertThat(d.get("analysis")).isEqualTo(analyze);
    assertThat(report.get("reference")).isEqualTo(reference);
    assertThat(d.get("analysis").get("attributes").get("adherence").has("length_in_range")).isTrue();

    JsonNode status = CliTest.parse(CliTest.run("status", run.toString(), "--json").out());
    assertThat(d.get("status")).isEqualTo(status);
    assertThat(status.get("totals").get("rejected").asInt()).isPositive(); // the fixture's refusals

    ObjectNode evaluate = (ObjectNode) CliTest.parse(CliTest.run("evaluate", "--train", run.toString(), "--test",
        test.toString(), "--json").out());
    ObjectNode evaluation = d.get("evaluation").deepCopy();
    evaluate.remove("seconds");
    evaluation.remove("seconds");
    assertThat(evaluation).isEqualTo(evaluate); // the first probe, tfidf-lr, in detail
    // one dataset still gets both probes, with the same scores as compare's
    JsonNode compared = CliTest.parse(CliTest.run("compare", run.toString(), "--test", test.toString(), "--json").out());
    assertThat(report.get("comparison").get("classifiers").toString()).isEqualTo("[\"tfidf-lr\",\"embed-lr\"]");
    assertThat(report.get("comparison").get("rows").get(0).get("probes"))
        .isEqualTo(compared.get("rows").get(0).get("probes"));
    assertThat(report.get("comparison").get("probe_embeddings")).isEqualTo(compared.get("probe_embeddings"));

    // the page embeds the same JSON it writes beside itself
    assertThat(embedded(Files.readString(out))).isEqualTo(report);
    // the cost section's totals are the status totals
    JsonNode cost = report.get("sections").get("cost").get("attr").get("total");
    assertThat(cost.get("input_tokens").asLong()).isEqualTo(status.get("totals").get("input_tokens").asLong());
    assertThat(cost.get("accepted").asLong()).isEqualTo(status.get("totals").get("accepted").asLong());
    // length adherence per requested length adds up to analyze's share
    JsonNode byLength = report.get("sections").get("attributes").get("attr").get("length_by_requested");
    long within = 0;
    long all = 0;
    for (JsonNode n : (Iterable<JsonNode>) byLength::elements) {
      within += n.get("within").asLong();
      all += n.get("shorter").asLong() + n.get("within").asLong() + n.get("longer").asLong();
    }
    assertThat((double) within / all).isCloseTo(
        analyze.get("attributes").get("adherence").get("length_in_range").asDouble(),
        org.assertj.core.api.Assertions.within(1e-6));
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("report.html", "report.json");
    }
  }

  @Test
  void aComparisonAgreesWithCompare() throws IOException {
    Path sim = ReportFixtures.run(tmp, "sim", Method.SIMPROMPT, 10, "fp-test");
    Path attr = ReportFixtures.run(tmp, "attr", Method.ATTRPROMPT, 10, "fp-test");
    Path test = ReportFixtures.test(tmp);
    Path out = tmp.resolve("cmp.html");
    CliTest.Result r = CliTest.run("report", sim.toString(), attr.toString(), "--test", test.toString(), "--out",
        out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode report = JSON.readTree(tmp.resolve("cmp.json").toFile());
    // both commands run both probes by default, with the same figures
    JsonNode compare = CliTest.parse(CliTest.run("compare", sim.toString(), attr.toString(), "--test", test.toString(),
        "--json").out());
    assertThat(report.get("comparison")).isEqualTo(compare);
    assertThat(compare.get("classifiers").toString()).isEqualTo("[\"tfidf-lr\",\"embed-lr\"]");
    assertThat(compare.get("rows").get(1).get("probes").get("embed-lr").get("paper_protocol").asBoolean()).isTrue();
    assertThat(report.get("datasets").get(0).get("title").asText()).isEqualTo("simprompt");
    assertThat(report.get("datasets").get(1).get("title").asText()).isEqualTo("attrprompt");
    String html = Files.readString(out);
    for (String section : new String[] {"overview", "quota", "cost", "attributes", "diversity", "downstream", "samples"}) {
      assertThat(html).as(section).contains("<section id=\"" + section + "\">");
    }
    assertThat(html).contains("simprompt: its samples carry no attribute values");
    assertThat(html).doesNotContain("Simulated text");
    String downstream = html.substring(html.indexOf("<section id=\"downstream\">"));
    assertThat(downstream.substring(0, downstream.indexOf("</section>")))
        .contains("embed-lr (paper) macro-F1", "tfidf-lr accuracy", "embed-lr is the probe of the paper&#39;s protocol");
    assertThat(report.get("charts").has("curve")).isFalse();
  }

  @Test
  void aCurveIsCompareCurveDrawnOnThePage() throws IOException {
    Path sim = ReportFixtures.run(tmp, "sim", Method.SIMPROMPT, 10, "fp-test");
    Path attr = ReportFixtures.run(tmp, "attr", Method.ATTRPROMPT, 10, "fp-test");
    Path test = ReportFixtures.test(tmp);
    Path out = tmp.resolve("curve.html");
    CliTest.Result r = CliTest.run("report", sim.toString(), attr.toString(), "--test", test.toString(), "--curve",
        "0.5,1", "--curve-draws", "2", "--classifier", "tfidf-lr", "--out", out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode report = JSON.readTree(tmp.resolve("curve.json").toFile());
    JsonNode compare = CliTest.parse(CliTest.run("compare", sim.toString(), attr.toString(), "--test", test.toString(),
        "--curve", "0.5,1", "--curve-draws", "2", "--classifier", "tfidf-lr", "--json").out());
    assertThat(report.get("comparison")).isEqualTo(compare);
    for (int i = 0; i < 2; i++) {
      JsonNode curve = report.get("comparison").get("rows").get(i).get("curve");
      assertThat(curve).isEqualTo(compare.get("rows").get(i).get("curve"));
      assertThat(curve.size()).isEqualTo(2);
      assertThat(curve.get(0).get("macro_f1").get("tfidf-lr").get("draws").asInt()).isEqualTo(2);
      assertThat(curve.get(1).get("macro_f1").get("tfidf-lr").get("draws").asInt()).isEqualTo(1);
    }
    // the chart draws those means: one line per dataset and probe, its dashed edges mean ± sd (within 0 and 1)
    JsonNode series = report.get("charts").get("curve").get("series");
    assertThat(series.size()).isEqualTo(6);
    JsonNode attrCurve = compare.get("rows").get(1).get("curve");
    JsonNode line = series.get(3);
    assertThat(line.get("name").asText()).isEqualTo("attrprompt, tfidf-lr");
    for (int k = 0; k < 2; k++) {
      JsonNode f1 = attrCurve.get(k).get("macro_f1").get("tfidf-lr");
      assertThat(line.get("data").get(k).get(0).asDouble()).isEqualTo(attrCurve.get(k).get("samples").asDouble());
      assertThat(line.get("data").get(k).get(1).asDouble()).isEqualTo(f1.get("mean").asDouble());
      assertThat(series.get(5).get("data").get(k).get(1).asDouble()).isCloseTo(
          Math.min(1, f1.get("mean").asDouble() + f1.get("spread").asDouble()), org.assertj.core.api.Assertions.within(2e-4));
    }
    // runs record their cost, so the curve is also drawn against dollars
    assertThat(report.get("charts").get("curve-cost").get("series").get(3).get("data").get(0).get(0).asDouble())
        .isEqualTo(attrCurve.get(0).get("cost_usd").asDouble());
    assertThat(Files.readString(out)).contains("Macro-F1 by dollars spent");
  }

  @Test
  void aFileHasACurveAgainstSamplesOnly() throws IOException {
    Path data = AnalyzeCommandTest.generated(tmp);
    Path out = tmp.resolve("file-curve.html");
    CliTest.Result r = CliTest.run("report", data.toString(), "--test", data.toString(), "--curve", "0.5,1",
        "--classifier", "tfidf-lr", "--out", out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    JsonNode report = JSON.readTree(tmp.resolve("file-curve.json").toFile());
    JsonNode curve = report.get("comparison").get("rows").get(0).get("curve");
    assertThat(curve.get(0).get("cost_usd").isNull()).isTrue();
    assertThat(report.get("charts").get("curve").get("series").get(0).get("name").asText()).isEqualTo("tfidf-lr");
    assertThat(report.get("charts").get("curve").get("series").get(0).get("data").get(1).get(1).asDouble())
        .isEqualTo(curve.get(1).get("macro_f1").get("tfidf-lr").get("mean").asDouble());
    assertThat(report.get("charts").has("curve-cost")).isFalse();
    assertThat(Files.readString(out)).contains("Datasets read from a file record no cost");
  }

  @Test
  void aCurveWithoutTestDataIsRefused() throws IOException {
    Path data = AnalyzeCommandTest.generated(tmp);
    Path out = tmp.resolve("c.html");
    CliTest.Result r = CliTest.run("report", data.toString(), "--curve", "0.5", "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("error: --curve needs --test: the curve is macro-F1 on the real data of --test");
    assertThat(out).doesNotExist();
    CliTest.Result bad = CliTest.run("report", data.toString(), "--test", data.toString(), "--curve", "0.5,7",
        "--out", out.toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--curve mixes fractions and counts");
    assertThat(out).doesNotExist();
  }

  @Test
  void hostileTextIsEscapedWhereverItLands() throws IOException {
    Path run = ReportFixtures.run(tmp, "attr", Method.ATTRPROMPT, 6, "fp-test");
    Path data = tmp.resolve("hostile.jsonl");
    String label = "</script><!--x";
    Files.writeString(data, JSON.writeValueAsString(java.util.Map.of("text", ReportFixtures.PAYLOAD, "label", label,
        "attributes", java.util.Map.of("tone\"><b>", "<i>loud</i>"))) + "\n"
        + JSON.writeValueAsString(java.util.Map.of("text", "an ordinary text about billing in Paris", "label", "billing"))
        + "\n");
    Path out = tmp.resolve("hostile.html");
    CliTest.Result r = CliTest.run("report", run.toString(), data.toString(), "--title", "<b>T</b>", "--out",
        out.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.code()).isZero();
    String html = Files.readString(out);
    // exactly our three script blocks: the data, the chart library, the page's script
    assertThat(count(html, "<script")).isEqualTo(3);
    assertThat(count(html, "</script>")).isEqualTo(3);
    String body = html.substring(0, html.indexOf("<script")); // the page before the data and the scripts
    assertThat(body).doesNotContain("<b>T</b>").contains("<title>&lt;b&gt;T&lt;/b&gt;</title>");
    assertThat(body).doesNotContain("<img").doesNotContain("<i>loud").doesNotContain("<!--");
    assertThat(html).contains(Escape.html(ReportFixtures.PAYLOAD)); // in the samples table, as text
    assertThat(html).contains("data-labels=\"" + Escape.attribute(JSON.writeValueAsString(java.util.List.of(label))) + "\"");
    String block = html.substring(html.indexOf("<script type=\"application/json\""), html.indexOf("</script>"));
    assertThat(block).doesNotContain("<!--").doesNotContain("\u2028").doesNotContain("&");
    JsonNode embedded = embedded(html);
    assertThat(embedded.get("datasets").get(1).get("analysis").get("labels").has(label)).isTrue();
    assertThat(embedded.get("title").asText()).isEqualTo("<b>T</b>");
  }

  @Test
  void simulatedRunsAreLabelledSimulated() throws IOException {
    Path run = ReportFixtures.run(tmp, "attr", Method.ATTRPROMPT, 5, "attrprompt-sim");
    Path out = tmp.resolve("r.html");
    CliTest.Result r = CliTest.run("report", run.toString(), "--out", out.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("simulated");
    String html = Files.readString(out);
    assertThat(html).contains("<strong>Simulated text.</strong>").contains("SIMULATED TEXT");
    assertThat(JSON.readTree(tmp.resolve("r.json").toFile()).get("simulated").asBoolean()).isTrue();
  }

  @Test
  void aDataFileAloneGetsOnlyItsSections() throws IOException {
    Path data = AnalyzeCommandTest.generated(tmp);
    Path out = tmp.resolve("plain.html");
    CliTest.Result r = CliTest.run("report", data.toString(), "--out", out.toString());
    assertThat(r.code()).isZero();
    String html = Files.readString(out);
    assertThat(html).contains("<section id=\"overview\">", "<section id=\"regions\">", "<section id=\"diversity\">",
        "<section id=\"samples\">");
    assertThat(html).doesNotContain("<section id=\"quota\">", "<section id=\"cost\">", "<section id=\"attributes\">",
        "<section id=\"downstream\">");
  }

  @Test
  void mistakesAreOneLineWithExitCode2AndWriteNothing() throws IOException {
    Path out = tmp.resolve("x/report.html");
    CliTest.Result missing = CliTest.run("report", tmp.resolve("nope.jsonl").toString(), "--out", out.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().strip()).isEqualTo("error: " + tmp.resolve("nope.jsonl") + ": no such file");
    assertThat(tmp.resolve("x")).doesNotExist();
    Path data = AnalyzeCommandTest.generated(tmp);
    Files.createDirectories(tmp.resolve("adir"));
    CliTest.Result dir = CliTest.run("report", data.toString(), "--out", tmp.resolve("adir").toString());
    assertThat(dir.code()).isEqualTo(2);
    assertThat(dir.err()).startsWith("error: " + tmp.resolve("adir") + ": is a folder");
    CliTest.Result noOut = CliTest.run("report", data.toString());
    assertThat(noOut.code()).isEqualTo(2);
    assertThat(noOut.err()).contains("--out");
    CliTest.Result badTest = CliTest.run("report", data.toString(), "--test", tmp.resolve("missing.jsonl").toString(),
        "--out", out.toString());
    assertThat(badTest.code()).isEqualTo(2);
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  /** The JSON the page embeds, read back as the browser reads it. */
  static JsonNode embedded(String html) throws IOException {
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL)
        .matcher(html);
    assertThat(m.find()).isTrue();
    return JSON.readTree(m.group(1));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
