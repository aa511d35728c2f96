// stats/statistics.h: the statistical functions the site's figures use.
// Distributions come from Boost.Math; everything else is arithmetic that a
// reader can check against R or SciPy (tests/stats does, to 1e-9).
#ifndef COMMONPLACE_STATS_STATISTICS_H_
#define COMMONPLACE_STATS_STATISTICS_H_

#include <optional>
#include <string>
#include <vector>

namespace commonplace {

/// Mean, sample standard deviation (n - 1), median and extremes of a sample.
struct Summary {
  size_t n = 0;
  std::optional<double> mean;    ///< Absent when n == 0.
  std::optional<double> sd;      ///< Absent when n < 2.
  std::optional<double> median;  ///< Absent when n == 0.
  std::optional<double> min, max;
};
Summary Summarise(const std::vector<double>& values);

/// Herfindahl–Hirschman concentration of a set of counts: the sum of squared
/// shares, from 1/k (evenly spread over k kinds) to 1 (all one kind).
/// Absent when the counts add to zero.
std::optional<double> Herfindahl(const std::vector<double>& counts);

/// A test result, or the reason it cannot be computed.
struct TestResult {
  bool ok = false;
  std::string reason;  ///< Why not, when !ok.
  /// The same as an id ("too_few_cases", "no_variation", "negative_counts",
  /// "uneven_rows", "too_small_table"): its words are the message
  /// stats.comparison.reasons.<why> in the page's language.
  std::string why;
  double statistic = 0;
  double df = 0;
  double p = 1;
};

/// Welch's unequal-variances t-test, two-sided. Needs two values in each
/// group and some variation in at least one.
TestResult WelchT(const std::vector<double>& a, const std::vector<double>& b);

/// Fisher's exact test on the 2×2 table {{a, b}, {c, d}}, two-sided (the
/// sum of the probabilities of every table with the same margins that is
/// no more likely than the observed one). `statistic` is the sample odds
/// ratio (a·d)/(b·c), which may be infinite; df is 0.
TestResult FisherExact(long a, long b, long c, long d);

/// Pearson's chi-square test of independence on an r×c table of counts,
/// without continuity correction. Rows and columns whose totals are zero
/// are dropped first.
struct ChiSquareResult : TestResult {
  double min_expected = 0;
  double share_expected_below_5 = 0;  ///< Share of cells with expected count < 5.
  /// The usual rule for trusting the approximation: no expected count
  /// below 1 and no more than 20% below 5.
  bool expected_rule_met = false;
};
ChiSquareResult ChiSquare(const std::vector<std::vector<double>>& table);

/// Counts of each whole value from min to max (for a histogram).
std::vector<std::pair<long, long>> IntegerHistogram(const std::vector<long>& values);

/// Formats a number for people: `decimals` places, no "-0".
std::string FormatNumber(double v, int decimals);
/// Formats a p-value: three significant figures, or "< 0.001".
std::string FormatP(double p);
/// A p-value as a clause for running text: "p < 0.001" or "p = 0.0231".
std::string FormatPClause(double p);
/// A share as a percentage with one decimal ("42.9%").
std::string FormatPercent(double numerator, double denominator);

}  // namespace commonplace

#endif  // COMMONPLACE_STATS_STATISTICS_H_
