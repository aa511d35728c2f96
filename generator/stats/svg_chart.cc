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

// Characters (not bytes) in a UTF-8 string.
size_t Chars(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Splits a label into lines of at most `max_chars` characters at spaces; a
// word longer than a line is split on a UTF-8 boundary. Nothing is dropped.
std::vector<std::string> Wrap(const std::string& s, size_t max_chars) {
  std::vector<std::string> lines;
  std::string current;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    std::string word = s.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    while (Chars(word) > max_chars) {  // hard-split an over-long word
      size_t i = 0, chars = 0;
      for (; i < word.size(); ++i) {
        if ((static_cast<unsigned char>(word[i]) & 0xC0) != 0x80 && chars++ == max_chars) break;
      }
      if (!current.empty()) lines.push_back(std::move(current));
      current.clear();
      lines.push_back(word.substr(0, i));
      word = word.substr(i);
    }
    if (current.empty()) {
      current = word;
    } else if (Chars(current) + 1 + Chars(word) <= max_chars) {
      current += " " + word;
    } else {
      lines.push_back(std::move(current));
      current = word;
    }
  }
  if (!current.empty() || lines.empty()) lines.push_back(current);
  return lines;
}

std::string Open(const ChartLabel& l, double height, const std::string& kind, double width = kWidth,
                 const std::string& role = "img") {
  std::string id = XmlEscape(l.id);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-" + kind +
         "\" viewBox=\"0 0 " + Num(width) + " " + Num(height) + "\" role=\"" + role + "\" aria-labelledby=\"" +
         id + "-title " + id + "-desc\" font-size=\"" + Num(kFont) + "\">\n<title id=\"" + id +
         "-title\">" + XmlEscape(l.title) + "</title>\n<desc id=\"" + id + "-desc\">" +
         XmlEscape(l.desc) + "</desc>\n";
}

std::string Text(double x, double y, const std::string& anchor, const std::string& text,
                 const std::string& extra = "") {
  return "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + anchor + "\"" + extra +
         ">" + XmlEscape(text) + "</text>\n";
}

// ` lang="…"` for the label at `i` of `langs`, when one is given.
std::string LangAttribute(const std::vector<std::string>& langs, size_t i) {
  if (i >= langs.size() || langs[i].empty()) return "";
  return " lang=\"" + XmlEscape(langs[i]) + "\"";
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
    std::string g = (b.lang.empty() ? "<g>" : "<g lang=\"" + XmlEscape(b.lang) + "\">") + "<title>" +
                    XmlEscape((b.tip.empty() ? b.label : b.tip) + ": " + Value(b.value)) + "</title>\n";
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
                               const std::vector<std::vector<double>>& values,
                               const std::vector<std::string>& category_lang,
                               const std::vector<std::string>& series_lang) {
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
    svg += Text(lx + 16, top + 11, "start", name, LangAttribute(series_lang, s));
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
    svg += Text(left - 8, y + row / 2 + kFont / 3, "end", Fit(categories[i], 40),
                LangAttribute(category_lang, i));
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
                       const std::vector<std::vector<long>>& counts, const HeatMapLinks& links) {
  // Labels wrap onto lines (never cut): rows at kRowChars a line beside the
  // cells, columns at kColChars a line, slanted above them. Sizes come from
  // an average glyph width, so the layout stays byte-identical.
  const double left = 270, line = 16, char_w = 7, slant_sin = 0.766, slant_cos = 0.643;
  const size_t kRowChars = 34, kColChars = 24;
  std::vector<std::vector<std::string>> row_lines, col_lines;
  size_t max_col_lines = 1, max_col_chars = 0;
  for (const auto& c : columns) {
    col_lines.push_back(Wrap(c, kColChars));
    max_col_lines = std::max(max_col_lines, col_lines.back().size());
    for (const auto& l : col_lines.back()) max_col_chars = std::max(max_col_chars, Chars(l));
  }
  // Slanted labels sit side by side: a column is wide enough for its lines.
  const double cell_w = std::max(56.0, std::ceil(line * static_cast<double>(max_col_lines) / slant_sin) + 4);
  const double top = std::max(60.0, char_w * static_cast<double>(max_col_chars) * slant_sin +
                                         line * static_cast<double>(max_col_lines - 1) * slant_cos + 24);
  std::vector<double> row_y, row_h;
  double y = top;
  for (const auto& r : rows) {
    row_lines.push_back(Wrap(r, kRowChars));
    double h = std::max(28.0, line * static_cast<double>(row_lines.back().size()) + 12);
    row_y.push_back(y);
    row_h.push_back(h);
    y += h;
  }
  double width = left + cell_w * static_cast<double>(columns.size()) +
                 std::max(40.0, char_w * static_cast<double>(max_col_chars) * slant_cos) + 16;
  double height = y + 8;
  long max = 0;
  for (const auto& r : counts) {
    for (long c : r) max = std::max(max, c);
  }
  std::string svg = Open(label, height, "heatmap", width, links.hrefs.empty() ? "img" : "group");
  for (size_t j = 0; j < columns.size(); ++j) {
    double x = left + cell_w * (static_cast<double>(j) + 0.5);
    const auto& lines = col_lines[j];
    // The last line sits on the anchor; earlier lines stack above it.
    std::string t = "<text x=\"" + Num(x) + "\" y=\"" + Num(top - 8) + "\" text-anchor=\"start\"" +
                    " transform=\"rotate(-50 " + Num(x) + " " + Num(top - 8) + ")\">";
    for (size_t k = 0; k < lines.size(); ++k) {
      double dy = k == 0 ? -line * static_cast<double>(lines.size() - 1) : line;
      t += "<tspan x=\"" + Num(x) + "\" dy=\"" + Num(dy) + "\">" + XmlEscape(lines[k]) + "</tspan>";
    }
    svg += t + "</text>\n";
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    const double ry = row_y[i], rh = row_h[i];
    const auto& lines = row_lines[i];
    int depth = i < links.row_depth.size() ? links.row_depth[i] : 0;
    bool broader = i < links.row_broader.size() && links.row_broader[i];
    std::string cls = broader ? " class=\"chart-broader\"" : depth > 0 ? " class=\"chart-narrower\"" : "";
    double first = ry + rh / 2 - line * static_cast<double>(lines.size() - 1) / 2 + kFont / 3;
    std::string t = "<text x=\"" + Num(left - 8) + "\" y=\"" + Num(first) + "\" text-anchor=\"end\"" + cls + ">";
    for (size_t k = 0; k < lines.size(); ++k) {
      t += "<tspan x=\"" + Num(left - 8) + "\" dy=\"" + Num(k == 0 ? 0 : line) + "\">" +
           XmlEscape(lines[k]) + "</tspan>";
    }
    svg += t + "</text>\n";
    for (size_t j = 0; j < columns.size(); ++j) {
      double x = left + cell_w * static_cast<double>(j);
      long n = counts[i][j];
      auto given = [&](const std::vector<std::vector<std::string>>& words) -> const std::string* {
        return i < words.size() && j < words[i].size() ? &words[i][j] : nullptr;
      };
      std::string noun = n == 1 ? " case study" : " case studies";
      const std::string* tip_given = given(links.tips);
      const std::string* name_given = given(links.names);
      std::string tip = tip_given ? *tip_given : rows[i] + " × " + columns[j] + ": " + std::to_string(n) + noun;
      std::string name = name_given ? *name_given : std::to_string(n) + noun + ": " + rows[i] + " × " + columns[j];
      const std::string* href =
          i < links.hrefs.size() && j < links.hrefs[i].size() && !links.hrefs[i][j].empty()
              ? &links.hrefs[i][j] : nullptr;
      std::string g = href ? "<a href=\"" + XmlEscape(*href) + "\" aria-label=\"" +
                                 XmlEscape(name) +
                                 "\"><title>" + XmlEscape(tip) + "</title>\n"
                           : "<g><title>" + XmlEscape(tip) + "</title>\n";
      if (n == 0) {
        g += "<rect class=\"chart-gap\" x=\"" + Num(x + 2) + "\" y=\"" + Num(ry + 2) + "\" width=\"" +
             Num(cell_w - 4) + "\" height=\"" + Num(rh - 4) + "\"/>\n";
      } else {
        // Five shades, from the share of the largest cell.
        long shade = std::max(1L, (n * 5 + max - 1) / max);
        g += "<rect class=\"chart-heat" + std::to_string(shade) + "\" x=\"" + Num(x + 1) + "\" y=\"" +
             Num(ry + 1) + "\" width=\"" + Num(cell_w - 2) + "\" height=\"" + Num(rh - 2) + "\"/>\n";
        g += Text(x + cell_w / 2, ry + rh / 2 + kFont / 3, "middle", std::to_string(n),
                  shade >= 4 ? " class=\"chart-on-dark\"" : "");
      }
      g += href ? "</a>\n" : "</g>\n";
      svg += g;
    }
  }
  return svg + "</svg>\n";
}

}  // namespace commonplace
