#include "search/index_command.h"

#include <brotli/encode.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "base/fs.h"
#include "search/documents_json.h"
#include "search/lunr_index.h"
#include "search/shards.h"

namespace commonplace::search {

std::string Gzip(const std::string& data) {
  z_stream zs{};
  // 15 + 16: a gzip wrapper; zlib writes a zero mtime, so output is stable.
  if (deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) return "";
  std::string out(deflateBound(&zs, data.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return rc == Z_STREAM_END ? out : "";
}

std::string Brotli(const std::string& data) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  if (size == 0) size = data.size() + 1024;
  std::string out(size, '\0');
  if (!BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                             data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                             reinterpret_cast<uint8_t*>(out.data()))) {
    return "";
  }
  out.resize(size);
  return out;
}

std::string CompactRef(size_t index) {
  static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string code;
  do {
    code.insert(code.begin(), kLetters[index % 52]);
    index /= 52;
  } while (index > 0);
  return code;
}

namespace {

// The input file's text: mapped when it is a regular file (a corpus is tens
// of megabytes, and reading it meant copying it and faulting in as much new
// memory, all before any other work could start), read otherwise. The map
// is dropped as soon as the documents are parsed; a file truncated by
// someone else before then would stop the command with SIGBUS.
class InputText {
 public:
  InputText() = default;
  InputText(const InputText&) = delete;
  InputText& operator=(const InputText&) = delete;
  bool Open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p = ::mmap(nullptr, st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p != MAP_FAILED) {
        map_ = p;
        size_ = static_cast<size_t>(st.st_size);
      }
    }
    ::close(fd);
    if (map_) return true;
    auto text = ReadFile(path);  // a pipe or an empty file: its size is not known in advance
    if (!text) return false;
    read_ = std::move(*text);
    return true;
  }

  std::string_view View() const {
    return map_ ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(read_);
  }

  ~InputText() { Close(); }

  void Close() {
    if (map_) ::munmap(map_, size_);
    map_ = nullptr;
    std::string().swap(read_);
  }

 private:
  void* map_ = nullptr;
  size_t size_ = 0;
  std::string read_;
};

// The --compact-refs file: {"code":"ref",…} as nlohmann::ordered_json would
// dump it. An ordered_json object finds each new key by a linear search,
// which for 10,000 documents took longer than building the index.
std::string RefMapJson(const std::vector<std::string>& codes, const std::vector<std::string>& refs) {
  std::string out = "{";
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i) out += ',';
    out += '"' + codes[i] + "\":";  // codes are letters: nothing to escape
    out += nlohmann::json(refs[i]).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  out += '}';
  return out;
}

}  // namespace

int RunIndexCommand(const IndexCommandOptions& o, std::ostream& err) {
  if (o.fields.empty()) {
    err << "error: give at least one --field, e.g. --field title^10 --field body\n";
    return 2;
  }
  if (o.output.empty() && o.shards.empty()) {
    err << "error: give -o FILE for the index, --shards DIR for its shards, or both\n";
    return 2;
  }
  if (o.decimals < 0 || o.decimals > 10) {
    err << "error: --decimals must be between 0 and 10\n";
    return 2;
  }
  std::vector<Field> fields;
  for (const auto& spec : o.fields) {
    Field f;
    size_t caret = spec.find('^');
    f.name = spec.substr(0, caret);
    if (caret != std::string::npos) {
      char* end = nullptr;
      f.boost = std::strtod(spec.c_str() + caret + 1, &end);
      if (!end || *end != '\0' || !(f.boost > 0)) {
        err << "error: bad boost in --field " << spec << ": write name^number, e.g. title^10\n";
        return 2;
      }
    }
    if (f.name.empty() || f.name.find('/') != std::string::npos) {
      err << "error: bad field name '" << f.name << "' (it may not be empty or contain '/')\n";
      return 2;
    }
    fields.push_back(f);
  }
  InputText text;
  if (!text.Open(o.input)) {
    err << o.input << ": error: cannot read the file\n";
    return 1;
  }
  DocumentsSpec spec;
  spec.ref = o.ref;
  for (const auto& f : fields) spec.fields.push_back(f.name);
  spec.boost = o.doc_boost;
  std::vector<Document> docs;
  std::string problem;
  if (!ReadDocumentsJson(text.View(), spec, &docs, &problem)) {
    err << o.input << ":" << problem << "\n";
    return 1;
  }
  text.Close();  // the documents hold what is needed: lower the peak memory
  std::string ref_map;
  if (!o.compact_refs.empty()) {
    std::vector<std::string> codes, refs;
    for (size_t i = 0; i < docs.size(); ++i) {
      codes.push_back(CompactRef(i));
      refs.push_back(std::move(docs[i].ref));
      docs[i].ref = codes.back();
    }
    ref_map = RefMapJson(codes, refs);
  }
  IndexOptions io;
  io.decimals = o.decimals;
  io.positions = o.positions;
  std::string error, hint;
  if (!o.shards.empty()) {
    // Through the build's output tree: it refuses a folder of someone
    // else's files and swaps the new folder in whole.
    OutputTree tree;
    bool ok = tree.StreamTo(o.shards, &error, &hint);
    for (auto& file : ok ? BuildLunrShards(fields, docs, io) : std::vector<ShardFile>{}) {
      ok = tree.Add(file.path, std::move(file.content));
      if (!ok) break;
    }
    if (!ok || !tree.Commit(o.shards, &error, &hint)) {
      tree.Discard();
      err << o.shards << ": error: " << (error.empty() ? "could not write the shards" : error) << "\n";
      if (!hint.empty()) err << "  hint: " << hint << "\n";
      return 1;
    }
    if (o.output.empty()) return 0;
  }
  std::string index = BuildLunrIndexJson(fields, docs, io);
  if (!WriteFileAtomic(o.output, index, &error) ||
      (o.gzip && !WriteFileAtomic(o.output + ".gz", Gzip(index), &error)) ||
      (o.brotli && !WriteFileAtomic(o.output + ".br", Brotli(index), &error)) ||
      (!o.compact_refs.empty() &&
       !WriteFileAtomic(o.compact_refs, ref_map, &error))) {
    err << "error: " << error << "\n";
    return 1;
  }
  return 0;
}

}  // namespace commonplace::search
