package dev.attrprompt.eval.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ECharts options, as JSON-shaped maps, for the few kinds of chart a report draws. */
final class Charts {
  private Charts() {}

  /** Colours that stay apart in print and for common colour-vision deficiencies (Okabe–Ito). */
  static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
      "#F0E442", "#000000");

  /**
   * Bars: one group per category, one bar per series ({@code stacked}: one stack).
   *
   * @param unit appended to axis labels, e.g. "%" (empty for none)
   */
  static Map<String, Object> bars(List<String> categories, Map<String, List<? extends Number>> series, boolean stacked,
      boolean horizontal, String unit) {
    Map<String, Object> o = base();
    Map<String, Object> categoryAxis = map("type", "category", "data", categories,
        "axisLabel", map("interval", 0, "rotate", horizontal || categories.size() <= 6 ? 0 : 30, "width", 160,
            "overflow", "truncate"));
    Map<String, Object> valueAxis = map("type", "value", "axisLabel", map("formatter", "{value}" + unit));
    if (horizontal) {
      categoryAxis.put("inverse", true);
    }
    o.put("xAxis", horizontal ? valueAxis : categoryAxis);
    o.put("yAxis", horizontal ? categoryAxis : valueAxis);
    o.put("grid", map("left", horizontal ? 170 : 50, "right", 20, "top", series.size() > 1 ? 40 : 20, "bottom",
        horizontal || categories.size() <= 6 ? 30 : 80, "containLabel", false));
    List<Object> out = new ArrayList<>();
    series.forEach((name, values) -> {
      Map<String, Object> s = map("name", name, "type", "bar", "data", values);
      if (stacked) {
        s.put("stack", "all");
      }
      out.add(s);
    });
    o.put("series", out);
    if (series.size() > 1) {
      o.put("legend", map("top", 0, "type", "scroll"));
    }
    return o;
  }

  /**
   * A heatmap of counts: {@code values[row][column]}, rows drawn top to bottom.
   */
  static Map<String, Object> heatmap(List<String> columns, List<String> rows, long[][] values, String xName,
      String yName) {
    Map<String, Object> o = base();
    List<Object> data = new ArrayList<>();
    long max = 1;
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        // an empty cell for 0: the eye finds the covered cells, not a wall of zeros
        data.add(List.of(c, r, values[r][c] == 0 ? "-" : values[r][c]));
        max = Math.max(max, values[r][c]);
      }
    }
    o.put("xAxis", map("type", "category", "data", columns, "name", xName, "nameLocation", "middle", "nameGap", 60,
        "axisLabel", map("interval", 0, "rotate", columns.size() > 4 ? 30 : 0, "width", 110, "overflow", "truncate"),
        "splitArea", map("show", true)));
    o.put("yAxis", map("type", "category", "data", rows, "name", yName, "inverse", true,
        "axisLabel", map("interval", 0, "width", 150, "overflow", "truncate"), "splitArea", map("show", true)));
    o.put("grid", map("left", 170, "right", 70, "top", 20, "bottom", 90));
    o.put("visualMap", map("min", 0, "max", max, "calculable", false, "orient", "vertical", "right", 0, "top",
        "middle", "itemHeight", 120, "inRange", map("color", List.of("#f7fbff", "#6baed6", "#08306b"))));
    o.put("series", List.of(map("type", "heatmap", "data", data, "label", map("show", rows.size() * columns.size() <= 150),
        "emphasis", map("itemStyle", map("borderColor", "#333", "borderWidth", 1)))));
    return o;
  }

  /**
   * Box plots of values per category ([min, q1, median, q3, max] each), with a band per category
   * from {@code low} to {@code high} drawn as two step lines (e.g. the requested range).
   */
  static Map<String, Object> boxes(List<String> categories, List<List<Number>> boxes, String boxName, List<Number> low,
      List<Number> high, String unit) {
    Map<String, Object> o = base();
    o.put("xAxis", map("type", "category", "data", categories));
    o.put("yAxis", map("type", "value", "name", unit));
    o.put("grid", map("left", 50, "right", 20, "top", 40, "bottom", 30));
    o.put("legend", map("top", 0));
    o.put("series", List.of(
        map("name", boxName, "type", "boxplot", "data", boxes, "itemStyle", map("color", "#cfe3f3", "borderColor",
            PALETTE.get(0))),
        map("name", "requested from", "type", "line", "step", "middle", "data", low, "symbol", "none",
            "lineStyle", map("type", "dashed", "color", PALETTE.get(2)), "itemStyle", map("color", PALETTE.get(2))),
        map("name", "requested to", "type", "line", "step", "middle", "data", high, "symbol", "none",
            "lineStyle", map("type", "dashed", "color", PALETTE.get(5)), "itemStyle", map("color", PALETTE.get(5)))));
    return o;
  }

  /**
   * Lines with a spread over a numeric x axis, y at most 1 (a score): per name three lines of [x, y] points (the middle,
   * then the low and high edges, drawn dashed in the same colour and toggled with it by the legend).
   */
  static Map<String, Object> bands(Map<String, List<List<List<Number>>>> series, String xName, String yName) {
    Map<String, Object> o = base();
    o.put("xAxis", map("type", "value", "name", xName, "nameLocation", "middle", "nameGap", 28, "scale", true));
    o.put("yAxis", map("type", "value", "name", yName, "scale", true, "max", 1));
    o.put("grid", map("left", 50, "right", 20, "top", 60, "bottom", 45));
    List<Object> out = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, List<List<List<Number>>>> e : series.entrySet()) {
      String colour = PALETTE.get(i++ % PALETTE.size());
      List<List<List<Number>>> lines = e.getValue();
      out.add(map("name", e.getKey(), "type", "line", "data", lines.get(0), "symbolSize", 6,
          "itemStyle", map("color", colour), "lineStyle", map("color", colour)));
      for (List<List<Number>> edge : lines.subList(1, lines.size())) {
        out.add(map("name", e.getKey(), "type", "line", "data", edge, "symbol", "none", "silent", true,
            "lineStyle", map("type", "dashed", "width", 1, "opacity", 0.6, "color", colour)));
      }
    }
    o.put("series", out);
    o.put("legend", map("top", 0, "type", "scroll"));
    return o;
  }

  /** Height in pixels for a chart with {@code n} rows of categories drawn horizontally. */
  static int rowsHeight(int n) {
    return Math.max(160, Math.min(900, 60 + 24 * n));
  }

  private static Map<String, Object> base() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("animation", false);
    o.put("color", PALETTE);
    o.put("tooltip", map("trigger", "item", "confine", true));
    o.put("textStyle", map("fontFamily", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"));
    return o;
  }

  /** A map in the order given. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
