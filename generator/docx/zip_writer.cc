#include "docx/zip_writer.h"

#include <zip.h>

#include <memory>

namespace commonplace {

namespace {

// 1980-01-01 00:00, the earliest time a zip entry can hold, written as the
// MS-DOS date and time fields themselves: no build clock leaks into the
// archive, and (unlike a time_t, which libzip converts to local time) the
// bytes do not depend on the time zone of the machine that builds them.
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // years since 1980, month, day
constexpr zip_uint16_t kDosTime = 0;

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};

}  // namespace

std::string ZipEntries(const std::vector<std::pair<std::string, std::string>>& entries,
                       std::string* err) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!src) {
    *err = zip_error_strerror(&error);
    zip_error_fini(&error);
    return "";
  }
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error);
  if (!za) {
    *err = zip_error_strerror(&error);
    zip_source_free(src);
    zip_error_fini(&error);
    return "";
  }
  zip_source_keep(src);  // keep the buffer alive after zip_close
  std::unique_ptr<zip_source_t, SourceFree> holder(src);
  for (const auto& [name, data] : entries) {
    zip_source_t* part = zip_source_buffer(za, data.data(), data.size(), 0);
    zip_int64_t idx = part ? zip_file_add(za, name.c_str(), part, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
      if (part) zip_source_free(part);
      *err = zip_strerror(za);
      zip_discard(za);
      return "";
    }
    zip_file_set_dostime(za, static_cast<zip_uint64_t>(idx), kDosTime, kDosDate, 0);
    zip_set_file_compression(za, static_cast<zip_uint64_t>(idx), ZIP_CM_DEFLATE, 9);
  }
  if (zip_close(za) != 0) {
    *err = zip_strerror(za);
    zip_discard(za);
    return "";
  }
  zip_stat_t st;
  if (zip_source_open(src) != 0 || zip_source_stat(src, &st) != 0) {
    *err = "cannot read the archive back";
    return "";
  }
  std::string out(st.size, '\0');
  zip_int64_t n = zip_source_read(src, out.data(), st.size);
  zip_source_close(src);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) {
    *err = "short read of the archive";
    return "";
  }
  return out;
}

bool UnzipEntries(const std::string& archive, std::vector<std::pair<std::string, std::string>>* out,
                  std::string* err) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
  zip_t* za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
  if (!za) {
    *err = zip_error_strerror(&error);
    if (src) zip_source_free(src);
    zip_error_fini(&error);
    return false;
  }
  zip_int64_t count = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st);
    zip_file_t* f = zip_fopen_index(za, static_cast<zip_uint64_t>(i), 0);
    if (!f) {
      *err = zip_strerror(za);
      zip_close(za);
      return false;
    }
    std::string data(st.size, '\0');
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    out->emplace_back(st.name, std::move(data));
  }
  zip_close(za);
  return true;
}

}  // namespace commonplace
