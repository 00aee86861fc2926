// Request targets: the origin and absolute forms, and the canonical path.
#include "http/target.hpp"

#include "http/form.hpp"
#include "http/percent_encoding.hpp"

#include <algorithm>
#include <cctype>

namespace byline::http {
namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != lower_prefix[i]) return false;
  }
  return true;
}

OriginTarget split_origin(std::string_view origin) {
  const auto question = origin.find('?');
  if (question == std::string_view::npos) return {std::string(origin), {}};
  return {std::string(origin.substr(0, question)), std::string(origin.substr(question + 1))};
}

}  // namespace

std::optional<OriginTarget> parse_target(std::string_view target) {
  if (target.starts_with('/')) return split_origin(target);
  for (const std::string_view scheme :
       {std::string_view("http://"), std::string_view("https://")}) {
    if (!starts_with_ignoring_case(target, scheme)) continue;
    std::string_view rest = target.substr(scheme.size());
    // The authority runs to the first '/', '?' or '#'; it must not be empty.
    const auto authority_end = rest.find_first_of("/?#");
    if (authority_end == 0) return std::nullopt;
    rest =
        authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
    if (rest.starts_with('#')) rest = {};
    // "http://host" and "http://host?q" mean the root (RFC 9112, 3.2.2).
    if (rest.empty() || rest.starts_with('?')) return split_origin("/" + std::string(rest));
    return split_origin(rest);
  }
  return std::nullopt;
}

std::optional<std::string> decode_path_segment(std::string_view segment) {
  auto decoded = percent_decode(segment, false, true);
  if (!decoded || decoded->find('\0') != std::string::npos ||
      decoded->find('/') != std::string::npos) {
    return std::nullopt;
  }
  return decoded;
}

std::optional<std::string> canonical_path(std::string_view path) {
  if (!path.starts_with('/')) return std::nullopt;
  std::string canonical;
  canonical.reserve(path.size());
  std::size_t start = 0;
  while (start < path.size()) {
    // path[start] is a '/'.
    canonical += '/';
    auto end = path.find('/', start + 1);
    if (end == std::string_view::npos) end = path.size();
    auto segment = decode_path_segment(path.substr(start + 1, end - start - 1));
    if (!segment) return std::nullopt;
    canonical += *segment;
    start = end;
  }
  return canonical;
}

std::string canonical_query(std::string_view query, const std::vector<std::string>* kept) {
  if (query.empty()) return {};
  std::vector<std::pair<std::string, std::string>> fields;
  const Form form = Form::parse(query);
  for (const auto& [name, value] : form.fields()) {
    if (kept && std::find(kept->begin(), kept->end(), name) == kept->end()) continue;
    fields.emplace_back(name, value);
  }
  std::sort(fields.begin(), fields.end());
  std::string canonical;
  for (const auto& [name, value] : fields) {
    if (!canonical.empty()) canonical += '&';
    canonical += url_encode(name);
    canonical += '=';
    canonical += url_encode(value);
  }
  return canonical;
}

std::optional<std::string> canonical_address(std::string_view url_or_path,
                                             const std::vector<std::string>* kept) {
  url_or_path = url_or_path.substr(0, url_or_path.find('#'));
  auto target = parse_target(url_or_path);
  if (!target) return std::nullopt;
  auto address = canonical_path(target->path);
  if (!address) return std::nullopt;
  const std::string query = canonical_query(target->query, kept);
  if (!query.empty()) *address += "?" + query;
  return address;
}

void apply_rest_route(OriginTarget& target) {
  constexpr std::string_view kField = "rest_route=";
  if (target.query.empty()) return;
  std::string kept;
  std::optional<std::string> route;
  std::string_view rest = target.query;
  while (true) {
    const auto amp = rest.find('&');
    const std::string_view part = rest.substr(0, amp);
    if (!route && part.starts_with(kField)) {
      auto decoded = percent_decode(part.substr(kField.size()), false, true);
      if (!decoded || decoded->empty() || decoded->front() != '/') return;
      for (const char c : *decoded) {
        const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' ||
                           c == '_' || c == '.';
        if (!plain) return;
      }
      if (decoded->find("..") != std::string::npos) return;  // no way out of /wp-json/
      route = std::move(*decoded);
    } else if (!part.empty()) {
      kept += (kept.empty() ? "" : "&") + std::string(part);
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  if (!route) return;
  target.path = "/wp-json" + *route;
  target.query = std::move(kept);
}

}  // namespace byline::http
