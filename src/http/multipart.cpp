#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace byline::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";

std::string lower(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lowered;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The parameters after a header value's first ';': name (lower case) and
// value, quoted strings unquoted.
std::vector<std::pair<std::string, std::string>> parameters(std::string_view value) {
  std::vector<std::pair<std::string, std::string>> found;
  std::size_t at = value.find(';');
  while (at != std::string_view::npos && at < value.size()) {
    ++at;
    const auto equals = value.find('=', at);
    if (equals == std::string_view::npos) break;
    const std::string name = lower(trim(value.substr(at, equals - at)));
    std::size_t i = equals + 1;
    while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    std::string text;
    if (i < value.size() && value[i] == '"') {
      for (++i; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) ++i;
        text += value[i];
      }
      at = value.find(';', i);
    } else {
      const auto end = value.find(';', i);
      text = std::string(trim(value.substr(i, end == std::string_view::npos ? end : end - i)));
      at = end;
    }
    found.emplace_back(name, std::move(text));
  }
  return found;
}

std::string parameter(std::string_view value, std::string_view name) {
  for (auto& [key, text] : parameters(value)) {
    if (key == name) return text;
  }
  return {};
}

bool has_boundary_characters(std::string_view boundary) {
  // RFC 2046's bchars.
  static constexpr std::string_view kOthers = "'()+_,-./:=? ";
  return std::all_of(boundary.begin(), boundary.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || kOthers.find(c) != std::string_view::npos;
  });
}

}  // namespace

const Part* Multipart::find(std::string_view name) const {
  const auto it =
      std::find_if(parts.begin(), parts.end(), [&](const Part& p) { return p.name == name; });
  return it == parts.end() ? nullptr : &*it;
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  if (lower(trim(content_type.substr(0, semicolon))) != "multipart/form-data") return std::nullopt;
  std::string boundary = parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 70 || boundary.back() == ' ' ||
      !has_boundary_characters(boundary)) {
    return std::nullopt;
  }
  return boundary;
}

std::optional<Multipart> parse_multipart(std::string_view content_type, std::string_view body) {
  const auto boundary = multipart_boundary(content_type);
  if (!boundary) return std::nullopt;
  const std::string delimiter = "--" + *boundary;
  const std::string separator = std::string(kCrlf) + delimiter;

  // Anything before the first delimiter is a preamble, to be ignored.
  std::size_t at;
  if (body.starts_with(delimiter)) {
    at = delimiter.size();
  } else {
    at = body.find(separator);
    if (at == std::string_view::npos) return std::nullopt;
    at += separator.size();
  }
  Multipart read;
  while (true) {
    if (body.substr(at).starts_with("--")) return read;  // the closing delimiter
    // Whitespace may follow a delimiter before its line ends.
    while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
    if (!body.substr(at).starts_with(kCrlf)) return std::nullopt;
    at += kCrlf.size();
    if (read.parts.size() == kMaxMultipartParts) return std::nullopt;

    const auto headers_end = body.find("\r\n\r\n", at);
    const bool no_headers = body.substr(at).starts_with(kCrlf);
    if (!no_headers &&
        (headers_end == std::string_view::npos || headers_end - at > kMaxPartHeaderBytes)) {
      return std::nullopt;
    }
    Part part;
    bool named = false;
    if (!no_headers) {
      std::string_view headers = body.substr(at, headers_end - at);
      while (!headers.empty()) {
        const auto line_end = headers.find(kCrlf);
        const std::string_view line = headers.substr(0, line_end);
        headers =
            line_end == std::string_view::npos ? std::string_view() : headers.substr(line_end + 2);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) return std::nullopt;
        const std::string name = lower(trim(line.substr(0, colon)));
        const std::string_view value = trim(line.substr(colon + 1));
        if (name == "content-disposition") {
          if (lower(trim(value.substr(0, value.find(';')))) != "form-data") return std::nullopt;
          for (auto& [key, text] : parameters(value)) {
            if (key == "name") {
              part.name = std::move(text);
              named = true;
            } else if (key == "filename") {
              part.filename = std::move(text);
            }
          }
        } else if (name == "content-type") {
          part.content_type = std::string(value);
        }
      }
      at = headers_end + 4;
    } else {
      at += kCrlf.size();
    }
    if (!named) return std::nullopt;
    const auto end = body.find(separator, at);
    if (end == std::string_view::npos) return std::nullopt;
    part.body = body.substr(at, end - at);
    read.parts.push_back(std::move(part));
    at = end + separator.size();
  }
}

}  // namespace byline::http
