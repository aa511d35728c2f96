#include "docx/read_form.h"

#include <zip.h>

#include <algorithm>
#include <memory>
#include <pugixml.hpp>

#include "base/strings.h"

namespace commonplace {

namespace {

constexpr const char* kMainType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
constexpr const char* kTemplateType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml";

// The .docx as a zip archive, read within the limits.
class Package {
 public:
  Package(std::string_view bytes, const FormLimits& limits) : limits_(limits) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &ze);
    if (src) archive_ = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!archive_) {
      if (src) zip_source_free(src);
      error_ = std::string("damaged or not a .docx (a .docx is a zip archive): ") +
               zip_error_strerror(&ze);
    }
    zip_error_fini(&ze);
    if (archive_ && static_cast<size_t>(zip_get_num_entries(archive_, 0)) > limits_.max_entries) {
      error_ = "too large: the archive holds more than " + std::to_string(limits_.max_entries) +
               " files";
    }
  }
  ~Package() {
    if (archive_) zip_discard(archive_);
  }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  const std::string& error() const { return error_; }
  bool ok() const { return error_.empty(); }

  // The part at `name` (no leading '/'); false with error() set when it is
  // missing, damaged or larger than the limits allow.
  bool Read(const std::string& name, std::string* out) {
    zip_int64_t index = zip_name_locate(archive_, name.c_str(), 0);
    if (index < 0) {
      error_ = "not a Word document: it has no " + name;
      return false;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive_, index, 0, &st) != 0) {
      error_ = "damaged: cannot read " + name;
      return false;
    }
    if ((st.valid & ZIP_STAT_SIZE) && (st.size > limits_.max_part_bytes ||
                                       read_ + st.size > limits_.max_total_bytes)) {
      error_ = "too large: " + name + " would unpack to " + std::to_string(st.size >> 20) +
               " MB (a form is a few hundred KB)";
      return false;
    }
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(archive_, index, 0),
                                                           zip_fclose);
    if (!file) {
      error_ = "damaged: cannot open " + name + " (" + zip_strerror(archive_) + ")";
      return false;
    }
    out->clear();
    char buf[65536];
    for (;;) {
      zip_int64_t n = zip_fread(file.get(), buf, sizeof buf);
      if (n < 0) {
        error_ = "damaged: " + name + " cannot be unpacked (" + zip_file_strerror(file.get()) + ")";
        return false;
      }
      if (n == 0) break;
      // Whatever the archive declares, never unpack more than the limits.
      if (out->size() + n > limits_.max_part_bytes || read_ + n > limits_.max_total_bytes) {
        error_ = "too large: " + name + " unpacks to more than " +
                 std::to_string(limits_.max_part_bytes >> 20) + " MB";
        return false;
      }
      out->append(buf, static_cast<size_t>(n));
      read_ += static_cast<size_t>(n);
    }
    return true;
  }

 private:
  const FormLimits& limits_;
  zip_t* archive_ = nullptr;
  std::string error_;
  size_t read_ = 0;
};

// Parses one XML part. Word never writes a DTD, and a DTD is how entity
// expansion attacks start, so a part with one is refused before parsing.
bool ParseXml(const std::string& name, const std::string& text, pugi::xml_document* doc,
              std::string* error) {
  if (text.find("<!DOCTYPE") != std::string::npos || text.find("<!ENTITY") != std::string::npos) {
    *error = "not a Word document: " + name + " declares a DTD, which Word never writes";
    return false;
  }
  pugi::xml_parse_result r = doc->load_buffer(text.data(), text.size(), pugi::parse_default,
                                              pugi::encoding_utf8);
  if (!r) {
    *error = "damaged: " + name + " is not well-formed XML (" + r.description() + " at byte " +
             std::to_string(r.offset) + ")";
    return false;
  }
  return true;
}

// Whitespace (including no-break spaces) collapsed to single spaces, trimmed.
std::string Normal(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool is_space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      is_space = true;
      ++i;
    }
    if (is_space) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// Word's symbol-font check boxes (w:sym in Wingdings) as the characters
// the form uses.
std::string SymbolText(const pugi::xml_node& sym) {
  std::string ch = sym.attribute("w:char").as_string();
  std::transform(ch.begin(), ch.end(), ch.begin(), [](unsigned char c) { return std::toupper(c); });
  if (ch == "F0FE" || ch == "F078" || ch == "F0FD" || ch == "F0FB") return "\u2612";
  if (ch == "F0A8" || ch == "F06F" || ch == "F071") return "\u2610";
  return "";
}

// The text of a paragraph (or any run container) as a reader sees it:
// deleted text (tracked changes) is left out, inserted text kept.
void CollectText(const pugi::xml_node& node, std::string* out) {
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "w:t") {
      *out += child.text().get();
    } else if (name == "w:tab") {
      *out += '\t';
    } else if (name == "w:br" || name == "w:cr") {
      *out += '\n';
    } else if (name == "w:sym") {
      *out += SymbolText(child);
    } else if (name == "w:del" || name == "w:instrText" || name == "w:delText" ||
               name == "w:rPr" || name == "w:pPr" || name == "mc:Fallback") {
      continue;
    } else {
      CollectText(child, out);
    }
  }
}

// A block of the body: a paragraph, or a table of rows of cells.
struct Block {
  std::string text;                             // a paragraph
  std::vector<std::vector<std::string>> rows;   // a table
  bool table = false;
};

void CollectBlocks(const pugi::xml_node& parent, std::vector<Block>* blocks) {
  for (pugi::xml_node child : parent.children()) {
    std::string_view name = child.name();
    if (name == "w:p") {
      Block b;
      CollectText(child, &b.text);
      blocks->push_back(std::move(b));
    } else if (name == "w:tbl") {
      Block b;
      b.table = true;
      for (pugi::xml_node tr : child.children("w:tr")) {
        std::vector<std::string> cells;
        for (pugi::xml_node tc : tr.children()) {
          std::string_view cn = tc.name();
          if (cn == "w:sdt") tc = tc.child("w:sdtContent").child("w:tc");
          else if (cn != "w:tc") continue;
          std::string cell;
          for (pugi::xml_node p : tc.children("w:p")) {
            std::string line;
            CollectText(p, &line);
            if (!cell.empty()) cell += '\n';
            cell += line;
          }
          cells.push_back(Trim(cell));
        }
        b.rows.push_back(std::move(cells));
      }
      blocks->push_back(std::move(b));
    } else if (name == "w:sdt") {
      CollectBlocks(child.child("w:sdtContent"), blocks);
    } else if (name == "w:customXml" || name == "w:ins") {
      CollectBlocks(child, blocks);
    }
  }
}

bool StartsWithAt(std::string_view s, size_t at, std::string_view what) {
  return s.size() >= at + what.size() && s.compare(at, what.size(), what) == 0;
}

// Whether a checklist line is ticked, and the rest of the line after the
// mark. A line the form printed starts "☐"; a tick replaces it (☒ ☑ ✓ ✔ ✗
// ✘ ■, or an X typed before or in place of the box).
bool ReadMark(std::string_view line, std::string* rest) {
  static const char* kTicks[] = {"\u2612", "\u2611", "\u2713", "\u2714", "\u2717", "\u2718",
                                 "\u25A0", "\u22A0"};
  std::string s = Normal(line);
  bool ticked = false;
  size_t at = 0;
  for (int round = 0; round < 2; ++round) {  // "X ☐ Item" and "☐ X Item"
    bool found = false;
    if (StartsWithAt(s, at, "\u2610")) {
      at += 3;
      found = true;
    }
    for (const char* t : kTicks) {
      if (StartsWithAt(s, at, t)) {
        at += std::string_view(t).size();
        ticked = found = true;
        break;
      }
    }
    if (StartsWithAt(s, at, "[x]") || StartsWithAt(s, at, "[X]")) {
      at += 3;
      ticked = found = true;
    } else if (StartsWithAt(s, at, "[ ]")) {
      at += 3;
      found = true;
    } else if ((StartsWithAt(s, at, "X ") || StartsWithAt(s, at, "x ")) && round == 0) {
      at += 2;
      ticked = found = true;
    }
    while (at < s.size() && s[at] == ' ') ++at;
    if (!found) break;
  }
  *rest = s.substr(at);
  return ticked;
}

// The item a checklist line names: the longest label the line starts with
// (a whole word), and what follows it.
const std::string* MatchItem(const std::vector<std::string>& items, const std::string& rest,
                             std::string* after) {
  const std::string* best = nullptr;
  std::string lower_rest = rest;
  for (char& c : lower_rest) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& item : items) {
    std::string label = Normal(item);
    for (char& c : label) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!StartsWithAt(lower_rest, 0, label)) continue;
    if (lower_rest.size() > label.size() && std::isalnum(static_cast<unsigned char>(lower_rest[label.size()]))) {
      continue;
    }
    if (!best || label.size() > Normal(*best).size()) best = &item;
  }
  if (best) {
    std::string tail = rest.substr(std::min(rest.size(), Normal(*best).size()));
    size_t i = 0;
    // The separator the writer uses (": "), or a dash or brackets a person may type.
    while (i < tail.size() && (tail[i] == ' ' || tail[i] == ':' || tail[i] == '-' || tail[i] == '(')) ++i;
    if (StartsWithAt(tail, i, "\u2013") || StartsWithAt(tail, i, "\u2014")) i += 3;
    while (i < tail.size() && tail[i] == ' ') ++i;
    *after = Trim(tail.substr(i));
    if (!after->empty() && after->back() == ')' && tail.find('(') != std::string::npos) after->pop_back();
  }
  return best;
}

void ReadSection(const WorksheetSection& s, const std::vector<Block>& blocks, size_t begin,
                 size_t end, FormAnswers::Section* out) {
  const std::string prompt = Normal(s.prompt);
  bool table_seen = false;
  for (size_t i = begin; i < end; ++i) {
    const Block& b = blocks[i];
    if (b.table) {
      if (s.kind != "table" || table_seen) {
        for (const auto& row : b.rows) {
          std::string line = Join(row, " | ");
          if (!Normal(line).empty() && Normal(line) != Normal(Join(s.columns, " | "))) out->stray.push_back(line);
        }
        continue;
      }
      table_seen = true;
      for (size_t r = 0; r < b.rows.size(); ++r) {
        const auto& row = b.rows[r];
        bool any = false;
        for (size_t c = s.rows.empty() ? 0 : 1; c < row.size(); ++c) any = any || !Normal(row[c]).empty();
        if (r == 0) {
          // The heading row, as printed (a person may have typed below it only).
          std::vector<std::string> head = s.columns;
          if (!s.rows.empty()) head.insert(head.begin(), "");
          bool is_head = row.size() == head.size();
          for (size_t c = 0; is_head && c < row.size(); ++c) is_head = Normal(row[c]) == Normal(head[c]);
          if (is_head) continue;
        }
        if (any) out->rows.push_back(row);
      }
      continue;
    }
    std::string text = Normal(b.text);
    if (text.empty() || text == prompt) continue;
    if (s.kind == "checklist") {
      std::string rest, after;
      bool ticked = ReadMark(b.text, &rest);
      const std::string* item = MatchItem(s.items, rest, &after);
      if (item && ticked) out->ticked.push_back({*item, after});
      else if (!item || !after.empty()) out->stray.push_back(text);
    } else if (s.kind == "text") {
      out->paragraphs.push_back(Trim(b.text));
    } else {
      out->stray.push_back(text);
    }
  }
}

}  // namespace

bool ReadFormDocx(std::string_view docx, const Worksheet& form, const FormLanguages& languages,
                  FormAnswers* answers, std::string* error, const FormLimits& limits) {
  *answers = {};
  if (docx.size() > limits.max_file_bytes) {
    *error = "too large: " + std::to_string(docx.size() >> 20) + " MB (a form is under 1 MB)";
    return false;
  }
  Package package(docx, limits);
  if (!package.ok()) {
    *error = package.error();
    return false;
  }
  // [Content_Types].xml names the main document part; a package without
  // one is not a Word document, and a macro-enabled one is refused.
  std::string types_text, main_name;
  if (!package.Read("[Content_Types].xml", &types_text)) {
    *error = package.error();
    return false;
  }
  pugi::xml_document types;
  if (!ParseXml("[Content_Types].xml", types_text, &types, error)) return false;
  for (pugi::xml_node o : types.child("Types").children("Override")) {
    std::string type = o.attribute("ContentType").as_string();
    if (type == kMainType || type == kTemplateType) {
      main_name = o.attribute("PartName").as_string();
    } else if (type.find("wordprocessingml.document.macroEnabled") != std::string::npos) {
      *error = "not accepted: a macro-enabled document (.docm); save the form as .docx";
      return false;
    }
  }
  if (!main_name.empty() && main_name[0] == '/') main_name.erase(0, 1);
  if (main_name.empty() || main_name.find("..") != std::string::npos) {
    *error = "not a Word document: [Content_Types].xml names no main document part";
    return false;
  }
  std::string body_text;
  if (!package.Read(main_name, &body_text)) {
    *error = package.error();
    return false;
  }
  pugi::xml_document doc;
  if (!ParseXml(main_name, body_text, &doc, error)) return false;
  pugi::xml_node body = doc.child("w:document").child("w:body");
  if (!body) {
    *error = "not a Word document: " + main_name + " has no w:document/w:body";
    return false;
  }
  std::vector<Block> blocks;
  CollectBlocks(body, &blocks);

  // Each section runs from its heading to the next section's heading.
  std::vector<std::pair<size_t, const WorksheetSection*>> starts;
  size_t next_section = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].table) continue;
    std::string text = Normal(blocks[i].text);
    for (size_t k = next_section; k < form.sections.size(); ++k) {
      if (text == Normal(form.sections[k].heading)) {
        starts.push_back({i, &form.sections[k]});
        next_section = k + 1;
        break;
      }
    }
  }
  if (starts.size() * 2 < form.sections.size()) {
    *error = "this is not the " + form.title + " (it has " + std::to_string(starts.size()) +
             " of the form's " + std::to_string(form.sections.size()) +
             " section headings); download the form from the worksheets page and fill that in";
    return false;
  }
  // The closing note ("… Licence: CC BY 4.0.") in each language: the words
  // of worksheet_file.licence before the licence's name.
  std::vector<std::string> licence_words;
  for (const Messages* m : languages) {
    std::string words = m->Raw("worksheet_file.licence");
    words = Normal(words.substr(0, words.find("{licence}")));
    if (!words.empty()) licence_words.push_back(" " + words + " ");
  }
  for (size_t k = 0; k < starts.size(); ++k) {
    size_t begin = starts[k].first + 1;
    size_t end = k + 1 < starts.size() ? starts[k + 1].first : blocks.size();
    if (k + 1 == starts.size() && end > begin) {
      // The last section ends before the form's closing source note.
      for (size_t i = begin; i < end; ++i) {
        if (blocks[i].table) continue;
        std::string text = Normal(blocks[i].text);
        bool note = false;
        for (const auto& words : licence_words) {
          note = note || (text + " ").find(words) != std::string::npos;
        }
        if (note) {
          end = i;
          break;
        }
      }
    }
    ReadSection(*starts[k].second, blocks, begin, end, &answers->sections[starts[k].second->id]);
  }
  return true;
}

}  // namespace commonplace
