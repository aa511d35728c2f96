#include "render/page_cache.h"

#include <cstring>

#include "base/hash.h"

namespace commonplace {

namespace {

// A tag before every value keeps different trees from sharing a digest
// ("ab" + "c" is not "a" + "bc").
enum Tag : uint64_t { kNull = 1, kString, kInt, kDouble, kBool, kMap, kArray, kEnd };

}  // namespace

void PageKeyBuilder::Add(std::string_view s) {
  Mix(kString);
  Mix(s.size());
  if (s.size() > 32) {
    // A long text (a page's body, a list of cards) goes through four lanes
    // at once, then into the key.
    for (uint64_t lane : HashLanes(s).l) Mix(lane);
    return;
  }
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    Mix(w);
  }
  uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  Mix(tail);
}

namespace {

struct Visitor : boost::static_visitor<bool> {
  PageKeyBuilder* k;
  bool operator()(std::nullptr_t) const {
    k->Mix(kNull);
    return true;
  }
  bool operator()(const std::string& s) const {
    k->Add(std::string_view(s));
    return true;
  }
  bool operator()(int v) const {
    k->Mix(kInt);
    k->Mix(static_cast<uint64_t>(static_cast<int64_t>(v)));
    return true;
  }
  bool operator()(double v) const {
    uint64_t w;
    std::memcpy(&w, &v, 8);
    k->Mix(kDouble);
    k->Mix(w);
    return true;
  }
  bool operator()(bool v) const {
    k->Mix(kBool);
    k->Mix(v ? 1 : 0);
    return true;
  }
  bool operator()(const mstch::lambda&) const { return false; }
  bool operator()(const std::shared_ptr<mstch::object>&) const { return false; }
  bool operator()(const mstch::map& m) const {
    k->Mix(kMap);
    for (const auto& [name, value] : m) {
      k->Add(std::string_view(name));
      if (!boost::apply_visitor(*this, value)) return false;
    }
    k->Mix(kEnd);
    return true;
  }
  bool operator()(const mstch::array& a) const {
    k->Mix(kArray);
    for (const auto& value : a) {
      if (!boost::apply_visitor(*this, value)) return false;
    }
    k->Mix(kEnd);
    return true;
  }
};

}  // namespace

bool PageKeyBuilder::Add(const mstch::node& node) {
  Visitor v;
  v.k = this;
  return boost::apply_visitor(v, node);
}

bool PageKeyBuilder::Add(const mstch::map& map) {
  Visitor v;
  v.k = this;
  return v(map);
}

void PageCache::StartBuild() {
  reused_ = rendered_ = 0;
  used_ = 0;
  ++build_;
}

bool PageCache::Find(const std::string& path, const PageKey& key, SharedBytes* html,
                     size_t* hash) {
  Shard& shard = shards_.Of(path);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.map.find(path);
  if (it == shard.map.end() || !(it->second.key == key)) return false;
  MarkUsed(it->second);
  *html = it->second.html;
  if (hash) *hash = it->second.hash;
  ++reused_;
  return true;
}

bool PageCache::FindByInputs(const std::string& path, const PageKey& inputs, SharedBytes* html,
                             size_t* hash, std::shared_ptr<const void>* extra) {
  Shard& shard = shards_.Of(path);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.map.find(path);
  if (it == shard.map.end() || !it->second.has_inputs || !(it->second.inputs == inputs)) {
    return false;
  }
  MarkUsed(it->second);
  *html = it->second.html;
  if (hash) *hash = it->second.hash;
  if (extra) *extra = it->second.extra;
  ++reused_;
  return true;
}

void PageCache::SetInputs(const std::string& path, const PageKey& inputs,
                          std::shared_ptr<const void> extra) {
  Shard& shard = shards_.Of(path);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.map.find(path);
  // Only a page this build produced (a stale entry keeps no new inputs).
  if (it == shard.map.end() || it->second.build != build_) return;
  it->second.inputs = inputs;
  it->second.has_inputs = true;
  it->second.extra = std::move(extra);
}

size_t PageCache::Store(const std::string& path, const PageKey& key, SharedBytes html) {
  const size_t hash = HashBytes(*html);
  Shard& shard = shards_.Of(path);
  std::lock_guard<std::mutex> lock(shard.mu);
  Entry& e = shard.map[path];
  e.key = key;
  e.has_inputs = false;
  e.extra = nullptr;
  e.html = std::move(html);
  e.hash = hash;
  MarkUsed(e);
  ++rendered_;
  return hash;
}

std::shared_ptr<const void> PageCache::Memo(const std::string& name, const PageKey& key) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = memos_.find(name);
  if (it == memos_.end() || !(it->second.first == key)) return nullptr;
  return it->second.second;
}

void PageCache::SetMemo(const std::string& name, const PageKey& key,
                        std::shared_ptr<const void> value) {
  std::lock_guard<std::mutex> lock(mu_);
  memos_[name] = {key, std::move(value)};
}

std::shared_ptr<void>& PageCache::Slot(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  return slots_[name];  // an unordered_map's elements stay where they are
}

void PageCache::Prune() {
  size_t held = 0;
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    held += shard.map.size();
  }
  if (held == used_) return;  // this build produced every page held
  for (Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    std::erase_if(shard.map, [this](const auto& page) { return page.second.build != build_; });
  }
}

}  // namespace commonplace
