// stats/svg_chart.h: accessible SVG charts written as text. Each chart has
// role="img", a <title> and a <desc> naming what it shows; the data table
// always sits beside it and holds the links (an image cannot contain
// controls, so charts have none, except the heat map, which is then a group). Colours come from CSS classes (chart-*), so the
// theme sets them for light, dark and print. Coordinates are printed with
// fixed precision, so the same data gives byte-identical SVG.
#ifndef COMMONPLACE_STATS_SVG_CHART_H_
#define COMMONPLACE_STATS_SVG_CHART_H_

#include <string>
#include <vector>

namespace commonplace {

struct ChartLabel {
  std::string id;     ///< Unique on the page: used for title/desc ids.
  std::string title;  ///< Short name of the chart.
  std::string desc;   ///< One sentence: what is plotted against what.
};

struct Bar {
  std::string label;
  double value = 0;
  std::string tip{};  ///< The bar's tooltip name when it differs from label (a full path).
  std::string lang{};  ///< The label's language, when not the page's.
};

/// Horizontal bars, one per label, with the value printed at the end.
std::string BarChartSvg(const ChartLabel& label, const std::vector<Bar>& bars);

/// Horizontal stacked bars: `values[i][s]` is series s of category i.
/// `category_lang[i]` and `series_lang[s]`, where given and not empty, are
/// the languages of labels not in the page's (untranslated terms).
std::string StackedBarChartSvg(const ChartLabel& label, const std::vector<std::string>& categories,
                               const std::vector<std::string>& series,
                               const std::vector<std::vector<double>>& values,
                               const std::vector<std::string>& category_lang = {},
                               const std::vector<std::string>& series_lang = {});

/// Vertical bars over consecutive bins with axis labels.
std::string HistogramSvg(const ChartLabel& label, const std::vector<Bar>& bins,
                         const std::string& x_axis, const std::string& y_axis);

/// What a heat map's cells link to and how its rows are marked.
struct HeatMapLinks {
  std::vector<std::vector<std::string>> hrefs;  ///< [row][col] → URL, or "" for no link.
  std::vector<int> row_depth;                   ///< Levels below the top (narrower terms > 0).
  std::vector<bool> row_broader;                ///< Rows whose term has narrower terms.
  /// [row][col] → a linked cell's name ("12 case studies: Row × Column") and
  /// every cell's tooltip ("Row × Column: 12 case studies") in the page's
  /// language; where absent, the English ones.
  std::vector<std::vector<std::string>> names, tips;
};

/// A matrix of counts: shaded cells, zero cells drawn as dashed gaps. Labels
/// wrap onto lines and are never cut. With links, each linked cell is an
/// <a> named "12 case studies: Row × Column", and the chart is a group
/// (role="group") rather than an image, since an image cannot hold links.
std::string HeatMapSvg(const ChartLabel& label, const std::vector<std::string>& rows,
                       const std::vector<std::string>& columns,
                       const std::vector<std::vector<long>>& counts, const HeatMapLinks& links = {});

}  // namespace commonplace

#endif  // COMMONPLACE_STATS_SVG_CHART_H_
