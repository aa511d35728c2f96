#include "linkcheck/internal_links.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/hash.h"
#include "base/parallel.h"
#include "base/strings.h"

namespace commonplace {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Appends code point `cp` as UTF-8.
// Decodes the character references an attribute value may hold: the few
// named ones the generator writes, and numeric ones.
std::string Decode(std::string_view s) {
  static const std::pair<const char*, const char*> kNamed[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '&') {
      out += s[i++];
      continue;
    }
    bool done = false;
    for (const auto& [name, text] : kNamed) {
      if (s.substr(i).rfind(name, 0) == 0) {
        out += text;
        i += std::string_view(name).size();
        done = true;
        break;
      }
    }
    if (done) continue;
    if (i + 2 < s.size() && s[i + 1] == '#') {
      bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
      size_t j = i + (hex ? 3 : 2);
      unsigned long cp = 0;
      size_t digits = 0;
      while (j < s.size() && digits < 8 &&
             (hex ? std::isxdigit(static_cast<unsigned char>(s[j]))
                  : std::isdigit(static_cast<unsigned char>(s[j])))) {
        cp = cp * (hex ? 16 : 10) +
             static_cast<unsigned long>(std::isdigit(static_cast<unsigned char>(s[j]))
                                            ? s[j] - '0'
                                            : Lower(s[j]) - 'a' + 10);
        ++j;
        ++digits;
      }
      if (digits > 0) {
        AppendUtf8(static_cast<char32_t>(cp), &out);
        i = j < s.size() && s[j] == ';' ? j + 1 : j;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// Elements whose content is text up to their end tag, never markup.
bool IsRawTextElement(const std::string& name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" ||
         name == "xmp" || name == "iframe" || name == "noembed" || name == "noframes" ||
         name == "plaintext";
}

// Resolves `href` (relative to the directory of `page`) to a site path;
// returns false when it leaves the site.
bool Resolve(const std::string& page, const std::string& href, std::string* out) {
  std::vector<std::string> parts;
  std::string path = href;
  if (path.empty() || path[0] != '/') {
    size_t slash = page.rfind('/');
    std::string dir = slash == std::string::npos ? "" : page.substr(0, slash + 1);
    path = dir + path;
  } else {
    path = path.substr(1);
  }
  bool trailing = path.empty() || path.back() == '/';
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    std::string seg = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (seg == "..") {
      if (parts.empty()) return false;
      parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::string r;
  for (size_t i = 0; i < parts.size(); ++i) r += (i ? "/" : "") + parts[i];
  if (trailing || r.empty()) r += (r.empty() ? "" : "/") + std::string("index.html");
  *out = r;
  return true;
}

}  // namespace

namespace {

// A small HTML tokenizer: calls f(name, raw value) for each attribute of
// each start tag. Attributes are read only inside start tags, so text
// ("write src=logo.png"), comments, the contents of <script> and <style>,
// and the quoted values of other attributes are never mistaken for
// attributes. Names are lower-cased; values are not yet decoded.
template <typename F>
void ForEachAttribute(const std::string& html, F f) {
  const size_t n = html.size();
  size_t i = 0;
  while (i < n) {
    size_t lt = html.find('<', i);
    if (lt == std::string::npos) break;
    i = lt + 1;
    if (html.compare(lt, 4, "<!--") == 0) {  // comment
      size_t end = html.find("-->", lt + 4);
      i = end == std::string::npos ? n : end + 3;
      continue;
    }
    if (i < n && (html[i] == '!' || html[i] == '?')) {  // doctype, CDATA, processing instruction
      size_t end = html.find('>', i);
      i = end == std::string::npos ? n : end + 1;
      continue;
    }
    bool closing = i < n && html[i] == '/';
    if (closing) ++i;
    if (i >= n || !IsAlpha(html[i])) continue;  // a '<' in text
    std::string name;
    while (i < n && !IsSpace(html[i]) && html[i] != '/' && html[i] != '>') name += Lower(html[i++]);
    // Attributes, up to the '>' that ends the tag.
    while (i < n && html[i] != '>') {
      if (IsSpace(html[i]) || html[i] == '/') {
        ++i;
        continue;
      }
      size_t an = i++;  // the first character may be '=', as in HTML
      while (i < n && !IsSpace(html[i]) && html[i] != '/' && html[i] != '>' && html[i] != '=') ++i;
      std::string attr_name;
      for (size_t k = an; k < i; ++k) attr_name += Lower(html[k]);
      size_t j = i;
      while (j < n && IsSpace(html[j])) ++j;
      if (j >= n || html[j] != '=') {
        i = j;  // no value
        continue;
      }
      i = j + 1;
      while (i < n && IsSpace(html[i])) ++i;
      std::string_view value;
      if (i < n && (html[i] == '"' || html[i] == '\'')) {
        char q = html[i];
        size_t end = html.find(q, i + 1);
        if (end == std::string::npos) end = n;
        value = std::string_view(html).substr(i + 1, end - i - 1);
        i = end < n ? end + 1 : n;
      } else {
        size_t vs = i;
        while (i < n && !IsSpace(html[i]) && html[i] != '>') ++i;
        value = std::string_view(html).substr(vs, i - vs);
      }
      if (!closing) f(attr_name, value);
    }
    if (i < n) ++i;  // past '>'
    if (!closing && IsRawTextElement(name)) {
      // Skip to the matching end tag (case-insensitive).
      size_t k = i;
      while (true) {
        k = html.find("</", k);
        if (k == std::string::npos) {
          i = n;
          break;
        }
        bool match = k + 2 + name.size() <= n;
        for (size_t m = 0; match && m < name.size(); ++m) match = Lower(html[k + 2 + m]) == name[m];
        if (match) {
          i = k;
          break;
        }
        k += 2;
      }
    }
  }
}

}  // namespace

std::vector<std::string> AttributeValues(const std::string& html, const std::string& attr) {
  std::vector<std::string> out;
  std::string want;
  for (char c : attr) want += Lower(c);
  ForEachAttribute(html, [&](const std::string& name, std::string_view value) {
    if (name == want) out.push_back(Decode(value));
  });
  return out;
}

void LinkIndex::Pool::Intern(std::vector<std::string>&& strings,
                             std::vector<const std::string*>* out) {
  out->reserve(out->size() + strings.size());
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& s : strings) out->push_back(&*strings_.insert(std::move(s)).first);
}

const std::string* LinkIndex::Pool::Find(const std::string& s) const {
  auto it = strings_.find(s);
  return it == strings_.end() ? nullptr : &*it;
}

bool LinkIndex::Page::HasId(const std::string* id) const {
  return id && std::binary_search(ids.begin(), ids.end(), id, std::less<const std::string*>());
}

void LinkIndex::StartBuild() { ++build_; }

void LinkIndex::Add(const std::string& path, const std::string& data) {
  Add(path, data, std::hash<std::string>{}(data));
}

void LinkIndex::Add(const std::string& path, const std::string& data, size_t hash) {
  Shard& shard = shards_.Of(path);
  {
    std::lock_guard<std::mutex> lock(shard.mu);
    auto it = shard.map.find(path);
    if (it != shard.map.end() && it->second.hash == hash && it->second.size == data.size()) {
      it->second.build = build_;  // the same reading, and what the last Check found on it
      return;
    }
  }
  // A new or changed file is read without the lock.
  auto page = std::make_shared<Page>();
  if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".html") == 0) {
    std::vector<std::string> links, ids;
    ForEachAttribute(data, [&](const std::string& name, std::string_view value) {
      if (name == "href" || name == "src") {
        links.push_back(Decode(value));
      } else if (name == "id" || name == "name") {
        ids.push_back(Decode(value));
      }
    });
    pool_.Intern(std::move(links), &page->links);
    pool_.Intern(std::move(ids), &page->ids);
    std::sort(page->ids.begin(), page->ids.end(), std::less<const std::string*>());
    page->ids.erase(std::unique(page->ids.begin(), page->ids.end()), page->ids.end());
    page->ids.shrink_to_fit();
  }
  bool changed;
  {
    std::lock_guard<std::mutex> lock(shard.mu);
    auto [it, came] = shard.map.try_emplace(path);
    File& file = it->second;
    // Pages linking here need checking again only if it came or its
    // anchors changed; its own links are checked again either way.
    changed = came || file.page->ids != page->ids;
    file.hash = hash;
    file.size = data.size();
    file.has_links = !page->links.empty();
    file.page = std::move(page);
    file.checked = nullptr;
    file.has_broken = false;
    file.build = build_;
  }
  if (changed) {
    std::lock_guard<std::mutex> lock(mu_);
    changed_.insert(path);
  }
}

std::vector<BrokenLink> CheckInternalLinks(const std::map<std::string, std::string>& files,
                                           const std::string& base_path) {
  LinkIndex index;
  std::vector<const std::pair<const std::string, std::string>*> all;
  for (const auto& f : files) all.push_back(&f);
  ParallelFor(all.size(), ThreadCount(0), [&](size_t i) { index.Add(all[i]->first, all[i]->second); });
  return index.Check(base_path);
}

std::vector<BrokenLink> LinkIndex::Check(const std::string& base_path) {
  std::lock_guard<std::mutex> lock(mu_);
  // The files this build did not add have gone; the pages with links are
  // gathered in the same walk. Each page is then checked on any core, in no
  // particular order: only the broken links are put in page order, below.
  std::vector<std::pair<const std::string*, File*>> pages;
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> shard_lock(shard.mu);
    for (auto it = shard.map.begin(); it != shard.map.end();) {
      if (it->second.build != build_) {
        changed_.insert(it->first);
        it = shard.map.erase(it);
        continue;
      }
      if (it->second.has_links) pages.emplace_back(&it->first, &it->second);
      ++it;
    }
  }
  auto has_anchor = [&](const std::string& page, const std::string& fragment) {
    const File* file = Find(page);
    return file && file->page->HasId(pool_.Find(fragment));
  };
  // A page read as last time keeps last time's finding unless a file its
  // links lead to came, went or changed its anchors.
  const bool reuse = checked_once_ && checked_base_path_ == base_path;
  const std::unordered_set<std::string>& changed = changed_;
  // A kept page's targets are compared with the changed files by hash
  // first, in a bit set that stays in the cache: 10,000 pages of some 50
  // targets each, against a few hundred files.
  constexpr uint64_t kFilterBits = uint64_t{1} << 16;
  std::vector<uint64_t> changed_filter(kFilterBits / 64, 0);
  auto filter_bit = [](uint64_t hash) { return hash & (kFilterBits - 1); };
  for (const std::string& path : changed) {
    const uint64_t bit = filter_bit(Hash64(path));
    changed_filter[bit / 64] |= uint64_t{1} << (bit % 64);
  }
  auto maybe_changed = [&](uint64_t hash) {
    const uint64_t bit = filter_bit(hash);
    return (changed_filter[bit / 64] >> (bit % 64)) & 1;
  };
  std::vector<char> fresh(pages.size(), 0);
  ParallelFor(pages.size(), ThreadCount(0), [&](size_t i) {
    const std::string& page = *pages[i].first;
    File& file = *pages[i].second;
    if (reuse && file.checked) {
      bool same = true;
      const Checked& last = *file.checked;
      for (size_t k = 0; same && !changed.empty() && k < last.targets.size(); ++k) {
        same = !maybe_changed(last.target_hashes[k]) || changed.count(last.targets[k]) == 0;
      }
      if (same) return;
    }
    fresh[i] = 1;
    auto checked = std::make_shared<Checked>();
    std::vector<BrokenLink>& broken = checked->broken;
    std::vector<std::string>& targets = checked->targets;
    for (const std::string* link : file.page->links) {
      const std::string& href = *link;
      if (Trim(href).empty()) {
        // The Markdown pass removes unsafe links and reports them at their
        // content file; an empty one here comes from a template or a value
        // that was blanked because it was unsafe.
        broken.push_back({page, href,
                          "empty link (its target is missing, or was unsafe, such as "
                          "javascript:, and was removed)"});
        continue;
      }
      size_t colon = href.find(':');
      size_t delim = href.find_first_of("/?#");
      if (colon != std::string::npos && (delim == std::string::npos || colon < delim)) continue;
      if (href.rfind("//", 0) == 0) continue;  // another host
      std::string path = href.substr(0, href.find_first_of("?#"));
      std::string fragment;
      if (size_t hash = href.find('#'); hash != std::string::npos) fragment = href.substr(hash + 1);
      std::string target;
      if (path.empty()) {
        target = page;
      } else if (path[0] == '/') {
        if (path.rfind(base_path, 0) != 0) {
          broken.push_back({page, href, "outside the site's path prefix " + base_path});
          continue;
        }
        if (!Resolve("", "/" + path.substr(base_path.size()), &target)) {
          broken.push_back({page, href, "leaves the site"});
          continue;
        }
      } else if (!Resolve(page, path, &target)) {
        broken.push_back({page, href, "leaves the site"});
        continue;
      }
      if (targets.empty() || targets.back() != target) targets.push_back(target);
      if (!Find(target)) {
        broken.push_back({page, href, "no such file: " + target});
        continue;
      }
      if (!fragment.empty() && target.size() > 5 &&
          target.compare(target.size() - 5, 5, ".html") == 0 && !has_anchor(target, fragment)) {
        broken.push_back({page, href, "no anchor #" + fragment + " in " + target});
      }
    }
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    checked->target_hashes.reserve(targets.size());
    for (const std::string& target : targets) checked->target_hashes.push_back(Hash64(target));
    file.has_broken = !broken.empty();
    file.checked = std::move(checked);
  });
  // Broken links by page, then in the order written.
  std::vector<std::pair<const std::string*, const Checked*>> with_broken;
  rechecked_ = 0;
  for (size_t i = 0; i < pages.size(); ++i) {
    rechecked_ += fresh[i];
    const File& file = *pages[i].second;
    if (file.has_broken) with_broken.emplace_back(pages[i].first, file.checked.get());
  }
  std::sort(with_broken.begin(), with_broken.end(),
            [](const auto& a, const auto& b) { return *a.first < *b.first; });
  std::vector<BrokenLink> broken;
  for (const auto& [page, c] : with_broken) broken.insert(broken.end(), c->broken.begin(), c->broken.end());
  checked_once_ = true;
  checked_base_path_ = base_path;
  changed_.clear();
  return broken;
}

}  // namespace commonplace
