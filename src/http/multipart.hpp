// Reading multipart/form-data bodies (RFC 7578), as API clients upload
// files: parts separated by a boundary the Content-Type names, each with
// its own headers. The body is already whole and bounded by its route's
// limit; parts point into it, nothing is copied.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace byline::http {

inline constexpr std::size_t kMaxMultipartParts = 16;
inline constexpr std::size_t kMaxPartHeaderBytes = 8192;

struct Part {
  std::string name;          // the form field's name
  std::string filename;      // "" when the part is no file
  std::string content_type;  // "" when the part names none
  std::string_view body;     // into the request body
};

struct Multipart {
  std::vector<Part> parts;

  // The first part named `name`, if any.
  const Part* find(std::string_view name) const;
};

// The boundary a Content-Type header names ("multipart/form-data;
// boundary=----x"), if it is multipart/form-data with a usable one.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Reads `body`, which `content_type` says is multipart/form-data. nullopt
// when it is not, or is malformed: no closing boundary, a part without a
// Content-Disposition naming it, headers too long, too many parts.
std::optional<Multipart> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace byline::http
