#include "load/front_matter.h"

#include "base/strings.h"

namespace commonplace {

bool NormaliseText(const std::string& path, std::string* text, Diagnostics& diags) {
  if (StartsWith(*text, "\xEF\xBB\xBF")) text->erase(0, 3);
  size_t bad = 0;
  if (!IsValidUtf8(*text, &bad)) {
    int line = 1, col = 1;
    for (size_t i = 0; i < bad; ++i) {
      if ((*text)[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>((*text)[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    diags.Error(path, {line, col}, "", "the file is not valid UTF-8",
                "save the file with UTF-8 encoding (most editors offer this under 'Save as')");
    return false;
  }
  if (text->find('\r') != std::string::npos) {
    std::string out;
    out.reserve(text->size());
    for (size_t i = 0; i < text->size(); ++i) {
      if ((*text)[i] == '\r') {
        if (i + 1 < text->size() && (*text)[i + 1] == '\n') continue;
        out += '\n';
      } else {
        out += (*text)[i];
      }
    }
    *text = std::move(out);
  }
  return true;
}

namespace {

bool IsFenceLine(const std::string& text, size_t start, size_t* next) {
  size_t end = text.find('\n', start);
  std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
  *next = end == std::string::npos ? text.size() : end + 1;
  return line == "---";
}

}  // namespace

bool SplitFrontMatter(const std::string& path, const std::string& text, FrontMatter* out,
                      Diagnostics& diags) {
  // Whitespace as Trim's std::isspace sees it, without copying the file.
  if (text.find_first_not_of(" \t\n\v\f\r") == std::string::npos) {
    diags.Error(path, {1, 1}, "", "the file is empty",
                "start with a front-matter block between two '---' lines; "
                "`commonplace new case-study <slug>` writes one for you");
    return false;
  }
  size_t pos = 0;
  if (!IsFenceLine(text, 0, &pos)) {
    diags.Error(path, {1, 1}, "", "missing front matter: the first line must be '---'",
                "put the YAML fields between a '---' line at the top and another '---' line");
    return false;
  }
  int line = 2;
  size_t yaml_start = pos;
  while (pos < text.size()) {
    size_t next;
    if (IsFenceLine(text, pos, &next)) {
      out->yaml = text.substr(yaml_start, pos - yaml_start);
      out->yaml_line = 2;
      out->body = text.substr(next);
      out->body_line = line + 1;
      return true;
    }
    pos = next;
    ++line;
  }
  diags.Error(path, {1, 1}, "", "front matter is not closed",
              "add a line containing only '---' after the last YAML field");
  return false;
}

}  // namespace commonplace
