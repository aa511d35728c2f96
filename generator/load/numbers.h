// load/numbers.h: the one rule for a number written in the content, shared
// by YAML fields (YamlReader::Number and Int) and CSV cells (datasets), so a
// value accepted in one place is accepted in the other.
#ifndef COMMONPLACE_LOAD_NUMBERS_H_
#define COMMONPLACE_LOAD_NUMBERS_H_

#include <optional>
#include <string_view>

namespace commonplace {

/// A decimal number as people write it: an optional sign, digits with an
/// optional fraction (`12`, `-3.5`, `.5`, `5.`) and an optional exponent
/// (`1e6`), and nothing else: no spaces around it, no thousands separators,
/// no hexadecimal, no `nan` or `inf` (which strtod accepts), and a finite
/// value (`1e999` is refused).
std::optional<double> ParseNumber(std::string_view s);

/// A whole number: an optional sign and digits only, within int64.
std::optional<long long> ParseWholeNumber(std::string_view s);

}  // namespace commonplace

#endif  // COMMONPLACE_LOAD_NUMBERS_H_
