#include "search/index_command.h"

#include <brotli/encode.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "base/fs.h"
#include "search/documents_json.h"
#include "search/lunr_index.h"

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

int RunIndexCommand(const IndexCommandOptions& o, std::ostream& err) {
  if (o.fields.empty()) {
    err << "error: give at least one --field, e.g. --field title^10 --field body\n";
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
  auto text = ReadFile(o.input);
  if (!text) {
    err << o.input << ": error: cannot read the file\n";
    return 1;
  }
  DocumentsSpec spec;
  spec.ref = o.ref;
  for (const auto& f : fields) spec.fields.push_back(f.name);
  spec.boost = o.doc_boost;
  std::vector<Document> docs;
  std::string problem;
  if (!ReadDocumentsJson(*text, spec, &docs, &problem)) {
    err << o.input << ":" << problem << "\n";
    return 1;
  }
  nlohmann::ordered_json ref_map = nlohmann::ordered_json::object();
  if (!o.compact_refs.empty()) {
    for (size_t i = 0; i < docs.size(); ++i) {
      std::string code = CompactRef(i);
      ref_map[code] = std::move(docs[i].ref);
      docs[i].ref = std::move(code);
    }
  }
  IndexOptions io;
  io.decimals = o.decimals;
  io.positions = o.positions;
  std::string index = BuildLunrIndexJson(fields, docs, io);
  std::string error;
  if (!WriteFileAtomic(o.output, index, &error) ||
      (o.gzip && !WriteFileAtomic(o.output + ".gz", Gzip(index), &error)) ||
      (o.brotli && !WriteFileAtomic(o.output + ".br", Brotli(index), &error)) ||
      (!o.compact_refs.empty() &&
       !WriteFileAtomic(o.compact_refs, ref_map.dump(-1, ' ', false,
                                                     nlohmann::json::error_handler_t::replace),
                        &error))) {
    err << "error: " << error << "\n";
    return 1;
  }
  return 0;
}

}  // namespace commonplace::search
