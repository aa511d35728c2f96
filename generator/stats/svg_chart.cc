#include "stats/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/strings.h"

namespace commonplace {

namespace {

constexpr double kWidth = 720;
constexpr double kFont = 13;

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s == "-0" ? "0" : s;
}

std::string Value(double v) {
  if (std::floor(v) == v) return std::to_string(static_cast<long long>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// Shortens a label to fit `max_chars`, on a UTF-8 boundary.
std::string Fit(const std::string& s, size_t max_chars) {
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) break;
      ++chars;
    }
  }
  if (i >= s.size()) return s;
  // Step back to leave room for the ellipsis.
  size_t cut = i;
  do {
    --cut;
  } while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80);
  return s.substr(0, cut) + "…";
}

std::string Open(const ChartLabel& l, double height, const std::string& kind, double width = kWidth) {
  std::string id = XmlEscape(l.id);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-" + kind +
         "\" viewBox=\"0 0 " + Num(width) + " " + Num(height) + "\" role=\"img\" aria-labelledby=\"" +
         id + "-title " + id + "-desc\" font-size=\"" + Num(kFont) + "\">\n<title id=\"" + id +
         "-title\">" + XmlEscape(l.title) + "</title>\n<desc id=\"" + id + "-desc\">" +
         XmlEscape(l.desc) + "</desc>\n";
}

std::string Text(double x, double y, const std::string& anchor, const std::string& text,
                 const std::string& extra = "") {
  return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + anchor + "\"" + extra +
         ">" + XmlEscape(text) + "</text>\n";
}

}  // namespace

std::string BarChartSvg(const ChartLabel& label, const std::vector<Bar>& bars) {
  const double row = 26, top = 8, left = 300, right = 60;
  double height = top * 2 + row * static_cast<double>(std::max<size_t>(bars.size(), 1));
  double max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  std::string svg = Open(label, height, "bar");
  svg += "<line class=\"chart-axis\" x1=\"" + Num(left) + "\" y1=\"" + Num(top) + "\" x2=\"" +
         Num(left) + "\" y2=\"" + Num(height - top) + "\"/>\n";
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    double y = top + row * static_cast<double>(i);
    double w = max > 0 ? (kWidth - left - right) * b.value / max : 0;
    std::string g = "<g><title>" + XmlEscape((b.tip.empty() ? b.label : b.tip) + ": " + Value(b.value)) +
                    "</title>\n";
    g += Text(left - 8, y + row / 2 + kFont / 3, "end", Fit(b.label, 40));
    g += "<rect class=\"chart-bar\" x=\"" + Num(left) + "\" y=\"" + Num(y + 4) + "\" width=\"" +
         Num(w) + "\" height=\"" + Num(row - 8) + "\"/>\n";
    g += Text(left + w + 6, y + row / 2 + kFont / 3, "start", Value(b.value));
    g += "</g>\n";
    svg += g;
  }
  return svg + "</svg>\n";
}

std::string StackedBarChartSvg(const ChartLabel& label, const std::vector<std::string>& categories,
                               const std::vector<std::string>& series,
                               const std::vector<std::vector<double>>& values) {
  const double row = 26, top = 8, left = 300, right = 60, legend = 24;
  double height = top * 2 + legend + row * static_cast<double>(std::max<size_t>(categories.size(), 1));
  double max = 0;
  for (const auto& v : values) {
    double sum = 0;
    for (double x : v) sum += x;
    max = std::max(max, sum);
  }
  std::string svg = Open(label, height, "stacked");
  // The legend first, so a reader meets the key before the bars.
  double lx = left;
  for (size_t s = 0; s < series.size(); ++s) {
    svg += "<rect class=\"chart-s" + std::to_string(s % 6) + "\" x=\"" + Num(lx) + "\" y=\"" +
           Num(top) + "\" width=\"12\" height=\"12\"/>\n";
    std::string name = Fit(series[s], 24);
    svg += Text(lx + 16, top + 11, "start", name);
    lx += 16 + 8 * static_cast<double>(name.size()) + 16;
  }
  for (size_t i = 0; i < categories.size(); ++i) {
    double y = top + legend + row * static_cast<double>(i);
    double x = left, total = 0;
    std::string tip = categories[i];
    for (size_t s = 0; s < series.size() && s < values[i].size(); ++s) {
      tip += (s ? ", " : ": ") + series[s] + " " + Value(values[i][s]);
    }
    svg += "<g><title>" + XmlEscape(tip) + "</title>\n";
    svg += Text(left - 8, y + row / 2 + kFont / 3, "end", Fit(categories[i], 40));
    for (size_t s = 0; s < series.size() && s < values[i].size(); ++s) {
      double w = max > 0 ? (kWidth - left - right) * values[i][s] / max : 0;
      svg += "<rect class=\"chart-s" + std::to_string(s % 6) + "\" x=\"" + Num(x) + "\" y=\"" +
             Num(y + 4) + "\" width=\"" + Num(w) + "\" height=\"" + Num(row - 8) + "\"/>\n";
      x += w;
      total += values[i][s];
    }
    svg += Text(x + 6, y + row / 2 + kFont / 3, "start", Value(total));
    svg += "</g>\n";
  }
  return svg + "</svg>\n";
}

std::string HistogramSvg(const ChartLabel& label, const std::vector<Bar>& bins,
                         const std::string& x_axis, const std::string& y_axis) {
  const double height = 280, left = 56, right = 16, top = 16, bottom = 56;
  double max = 0;
  for (const auto& b : bins) max = std::max(max, b.value);
  double plot_w = kWidth - left - right, plot_h = height - top - bottom;
  double bw = bins.empty() ? 0 : plot_w / static_cast<double>(bins.size());
  std::string svg = Open(label, height, "histogram");
  svg += "<line class=\"chart-axis\" x1=\"" + Num(left) + "\" y1=\"" + Num(top + plot_h) +
         "\" x2=\"" + Num(kWidth - right) + "\" y2=\"" + Num(top + plot_h) + "\"/>\n";
  svg += Text(left + plot_w / 2, height - 8, "middle", x_axis);
  svg += Text(14, top + plot_h / 2, "middle", y_axis,
              " transform=\"rotate(-90 14 " + Num(top + plot_h / 2) + ")\"");
  for (size_t i = 0; i < bins.size(); ++i) {
    double x = left + bw * static_cast<double>(i);
    double h = max > 0 ? plot_h * bins[i].value / max : 0;
    svg += "<g><title>" + XmlEscape(bins[i].label + ": " + Value(bins[i].value)) + "</title>\n";
    svg += "<rect class=\"chart-bar\" x=\"" + Num(x + 2) + "\" y=\"" + Num(top + plot_h - h) +
           "\" width=\"" + Num(std::max(0.0, bw - 4)) + "\" height=\"" + Num(h) + "\"/>\n";
    if (bins[i].value > 0) svg += Text(x + bw / 2, top + plot_h - h - 4, "middle", Value(bins[i].value));
    svg += Text(x + bw / 2, top + plot_h + 18, "middle", Fit(bins[i].label, 8));
    svg += "</g>\n";
  }
  return svg + "</svg>\n";
}

std::string HeatMapSvg(const ChartLabel& label, const std::vector<std::string>& rows,
                       const std::vector<std::string>& columns,
                       const std::vector<std::vector<long>>& counts) {
  const double left = 270, top = 150, cell_h = 28, cell_w = 56;
  // Room on the right for the last column's slanted label.
  double width = left + cell_w * static_cast<double>(columns.size()) + 120;
  double height = top + cell_h * static_cast<double>(rows.size()) + 8;
  long max = 0;
  for (const auto& r : counts) {
    for (long c : r) max = std::max(max, c);
  }
  std::string svg = Open(label, height, "heatmap", width);
  for (size_t j = 0; j < columns.size(); ++j) {
    double x = left + cell_w * (static_cast<double>(j) + 0.5);
    svg += Text(x, top - 8, "start", Fit(columns[j], 24),
                " transform=\"rotate(-50 " + Num(x) + " " + Num(top - 8) + ")\"");
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    double y = top + cell_h * static_cast<double>(i);
    svg += Text(left - 8, y + cell_h / 2 + kFont / 3, "end", Fit(rows[i], 34));
    for (size_t j = 0; j < columns.size(); ++j) {
      double x = left + cell_w * static_cast<double>(j);
      long n = counts[i][j];
      std::string tip = rows[i] + " × " + columns[j] + ": " + std::to_string(n) +
                        (n == 1 ? " case study" : " case studies");
      std::string g = "<g><title>" + XmlEscape(tip) + "</title>\n";
      if (n == 0) {
        g += "<rect class=\"chart-gap\" x=\"" + Num(x + 2) + "\" y=\"" + Num(y + 2) + "\" width=\"" +
             Num(cell_w - 4) + "\" height=\"" + Num(cell_h - 4) + "\"/>\n";
      } else {
        // Five shades, from the share of the largest cell.
        long shade = std::max(1L, (n * 5 + max - 1) / max);
        g += "<rect class=\"chart-heat" + std::to_string(shade) + "\" x=\"" + Num(x + 1) + "\" y=\"" +
             Num(y + 1) + "\" width=\"" + Num(cell_w - 2) + "\" height=\"" + Num(cell_h - 2) + "\"/>\n";
        g += Text(x + cell_w / 2, y + cell_h / 2 + kFont / 3, "middle", std::to_string(n),
                  shade >= 4 ? " class=\"chart-on-dark\"" : "");
      }
      g += "</g>\n";
      svg += g;
    }
  }
  return svg + "</svg>\n";
}

}  // namespace commonplace
