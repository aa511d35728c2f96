#include "stats/statistics.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/hypergeometric.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>

namespace commonplace {

Summary Summarise(const std::vector<double>& values) {
  Summary s;
  s.n = values.size();
  if (values.empty()) return s;
  double sum = 0;
  for (double v : values) sum += v;
  double mean = sum / static_cast<double>(s.n);
  s.mean = mean;
  if (s.n >= 2) {
    double ss = 0;
    for (double v : values) ss += (v - mean) * (v - mean);
    s.sd = std::sqrt(ss / static_cast<double>(s.n - 1));
  }
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  size_t mid = s.n / 2;
  s.median = s.n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  s.min = sorted.front();
  s.max = sorted.back();
  return s;
}

std::optional<double> Herfindahl(const std::vector<double>& counts) {
  double total = 0;
  for (double c : counts) total += c;
  if (total <= 0) return std::nullopt;
  double h = 0;
  for (double c : counts) h += (c / total) * (c / total);
  return h;
}

namespace {

// Sample mean and variance (n - 1).
std::pair<double, double> MeanVar(const std::vector<double>& x) {
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double ss = 0;
  for (double v : x) ss += (v - mean) * (v - mean);
  return {mean, ss / static_cast<double>(x.size() - 1)};
}

}  // namespace

TestResult WelchT(const std::vector<double>& a, const std::vector<double>& b) {
  TestResult r;
  if (a.size() < 2 || b.size() < 2) {
    r.reason = "each group needs at least two cases";
    r.why = "too_few_cases";
    return r;
  }
  auto [ma, va] = MeanVar(a);
  auto [mb, vb] = MeanVar(b);
  double qa = va / static_cast<double>(a.size());
  double qb = vb / static_cast<double>(b.size());
  if (qa + qb == 0) {
    r.reason = "no variation within either group";
    r.why = "no_variation";
    return r;
  }
  r.statistic = (ma - mb) / std::sqrt(qa + qb);
  r.df = (qa + qb) * (qa + qb) /
         (qa * qa / static_cast<double>(a.size() - 1) + qb * qb / static_cast<double>(b.size() - 1));
  boost::math::students_t dist(r.df);
  r.p = 2 * boost::math::cdf(boost::math::complement(dist, std::fabs(r.statistic)));
  r.ok = true;
  return r;
}

TestResult FisherExact(long a, long b, long c, long d) {
  TestResult r;
  if (a < 0 || b < 0 || c < 0 || d < 0) {
    r.reason = "counts cannot be negative";
    r.why = "negative_counts";
    return r;
  }
  r.ok = true;
  double ad = static_cast<double>(a) * static_cast<double>(d);
  double bc = static_cast<double>(b) * static_cast<double>(c);
  r.statistic = bc == 0 ? (ad == 0 ? std::numeric_limits<double>::quiet_NaN()
                                   : std::numeric_limits<double>::infinity())
                        : ad / bc;
  long row1 = a + b, col1 = a + c, n = a + b + c + d;
  if (row1 == 0 || col1 == 0 || row1 == n || col1 == n) {
    r.p = 1;  // a margin is empty: every table with these margins is the observed one
    return r;
  }
  boost::math::hypergeometric_distribution<double> dist(static_cast<unsigned>(col1),
                                                        static_cast<unsigned>(row1),
                                                        static_cast<unsigned>(n));
  double observed = boost::math::pdf(dist, static_cast<unsigned>(a));
  long lo = std::max(0L, row1 + col1 - n), hi = std::min(row1, col1);
  double p = 0;
  // Tables within a relative 1e-7 of the observed probability count as
  // equally likely, so rounding cannot drop the observed table's twins.
  for (long x = lo; x <= hi; ++x) {
    double px = boost::math::pdf(dist, static_cast<unsigned>(x));
    if (px <= observed * (1 + 1e-7)) p += px;
  }
  r.p = std::min(1.0, p);
  return r;
}

ChiSquareResult ChiSquare(const std::vector<std::vector<double>>& table) {
  ChiSquareResult r;
  std::vector<double> row_total(table.size(), 0);
  size_t cols = table.empty() ? 0 : table[0].size();
  std::vector<double> col_total(cols, 0);
  double n = 0;
  for (size_t i = 0; i < table.size(); ++i) {
    if (table[i].size() != cols) {
      r.reason = "rows differ in length";
      r.why = "uneven_rows";
      return r;
    }
    for (size_t j = 0; j < cols; ++j) {
      row_total[i] += table[i][j];
      col_total[j] += table[i][j];
      n += table[i][j];
    }
  }
  std::vector<size_t> rows_kept, cols_kept;
  for (size_t i = 0; i < table.size(); ++i) {
    if (row_total[i] > 0) rows_kept.push_back(i);
  }
  for (size_t j = 0; j < cols; ++j) {
    if (col_total[j] > 0) cols_kept.push_back(j);
  }
  if (rows_kept.size() < 2 || cols_kept.size() < 2) {
    r.reason = "the table needs at least two non-empty rows and two non-empty columns";
    r.why = "too_small_table";
    return r;
  }
  double chi2 = 0;
  size_t below5 = 0;
  r.min_expected = std::numeric_limits<double>::infinity();
  for (size_t i : rows_kept) {
    for (size_t j : cols_kept) {
      double e = row_total[i] * col_total[j] / n;
      double o = table[i][j];
      chi2 += (o - e) * (o - e) / e;
      r.min_expected = std::min(r.min_expected, e);
      if (e < 5) ++below5;
    }
  }
  size_t cells = rows_kept.size() * cols_kept.size();
  r.share_expected_below_5 = static_cast<double>(below5) / static_cast<double>(cells);
  r.expected_rule_met = r.min_expected >= 1 && r.share_expected_below_5 <= 0.2;
  r.statistic = chi2;
  r.df = static_cast<double>((rows_kept.size() - 1) * (cols_kept.size() - 1));
  boost::math::chi_squared dist(r.df);
  r.p = boost::math::cdf(boost::math::complement(dist, chi2));
  r.ok = true;
  return r;
}

std::vector<std::pair<long, long>> IntegerHistogram(const std::vector<long>& values) {
  std::vector<std::pair<long, long>> bins;
  if (values.empty()) return bins;
  auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  std::map<long, long> counts;
  for (long v : values) counts[v]++;
  for (long v = *lo; v <= *hi; ++v) bins.emplace_back(v, counts.count(v) ? counts[v] : 0);
  return bins;
}

std::string FormatNumber(double v, int decimals) {
  if (std::isnan(v)) return "n/a";
  if (std::isinf(v)) return v > 0 ? "∞" : "−∞";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s[0] == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

std::string FormatP(double p) {
  if (std::isnan(p)) return "n/a";
  if (p < 0.001) return "< 0.001";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", p);
  return buf;
}

std::string FormatPClause(double p) {
  std::string f = FormatP(p);
  return f.rfind("< ", 0) == 0 ? "p " + f : "p = " + f;
}

std::string FormatPercent(double numerator, double denominator) {
  if (denominator <= 0) return "n/a";
  return FormatNumber(100.0 * numerator / denominator, 1) + "%";
}

}  // namespace commonplace
