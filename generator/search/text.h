// The text side of Lunr 2.3.9, reproduced exactly: tokenizer (lower-casing,
// splitting on whitespace and hyphens), trimmer, English stop-word filter
// and Porter stemmer. Strings are UTF-8; lengths and character classes
// follow JavaScript's UTF-16 semantics where lunr.js depends on them.
#ifndef COMMONPLACE_SEARCH_TEXT_H_
#define COMMONPLACE_SEARCH_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace commonplace::search {

/// JavaScript's String#toLowerCase: the full Unicode case mapping
/// (generated from the JavaScript engine itself into lower_table.inc),
/// including İ → i̇ and the final-sigma rule.
std::string LowerCase(std::string_view text);

/// One token as lunr.tokenizer makes it. `start` and `length` are lunr's
/// position metadata: UTF-16 code units into the lower-cased string.
struct Token {
  std::string_view text;  ///< Views the `lowered` string given to Tokenize.
  size_t start = 0;
  size_t length = 0;
};

/// lunr.tokenizer: lower-cases `text` into *lowered (which the tokens
/// view) and splits it on /[\s\-]+/.
std::vector<Token> Tokenize(std::string_view text, std::string* lowered);

/// As above, reusing the storage of *lowered and *tokens: an indexer
/// tokenises many texts, and allocating for each showed in profiles.
void Tokenize(std::string_view text, std::string* lowered, std::vector<Token>* tokens);

/// The tokens' text alone.
std::vector<std::string> Tokenize(std::string_view text);

/// lunr.trimmer: strips leading and trailing non-word characters, where a
/// word character is ASCII [A-Za-z0-9_] as in JavaScript's \w.
std::string Trim(std::string_view token);

/// lunr.stopWordFilter's English list.
bool IsStopWord(std::string_view token);

/// lunr.stemmer (Porter, with lunr's regular expressions).
std::string Stem(std::string_view token);

/// The whole indexing pipeline for one token: trimmer, stop-word filter,
/// stemmer. Returns false when the token is dropped (a stop word). With
/// `english` false, the trimmer alone (see IndexOptions::english).
bool PipelineTerm(std::string_view token, std::string* term, bool english = true);

}  // namespace commonplace::search

#endif  // COMMONPLACE_SEARCH_TEXT_H_
