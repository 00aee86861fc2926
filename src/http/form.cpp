// Form, query and cookie parsing.
#include "http/form.hpp"

#include "http/percent_encoding.hpp"

#include "common/text_encoding.hpp"

namespace byline::http {
Form Form::parse(std::string_view encoded, std::size_t max_fields) {
  Form form;
  std::size_t start = 0;
  while (start <= encoded.size() && form.fields_.size() < max_fields) {
    auto end = encoded.find('&', start);
    if (end == std::string_view::npos) end = encoded.size();
    const auto pair = encoded.substr(start, end - start);
    if (!pair.empty()) {
      const auto equals = pair.find('=');
      const auto name = pair.substr(0, equals);
      const auto value = equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
      // Rule: what a browser sends is valid UTF-8 text once it is read,
      // whatever bytes it spelled; this is the one place that makes it so.
      form.fields_.emplace_back(clean_text(*percent_decode(name, true, false)),
                                clean_text(*percent_decode(value, true, false)));
    }
    start = end + 1;
  }
  return form;
}

const std::string& Form::get(std::string_view name) const {
  static const std::string kEmpty;
  for (const auto& [key, value] : fields_) {
    if (key == name) return value;
  }
  return kEmpty;
}

std::vector<std::string> Form::all(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : fields_) {
    if (key == name) values.push_back(value);
  }
  return values;
}

bool Form::has(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (key == name) return true;
  }
  return false;
}

std::optional<std::string_view> find_cookie(std::string_view cookie_header, std::string_view name) {
  std::string_view rest = cookie_header;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    auto pair = rest.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) return pair.substr(equals + 1);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return std::nullopt;
}

std::string_view cookie(const Request& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (header != "cookie") continue;
    if (const auto found = find_cookie(value, name)) return *found;
  }
  return {};
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
  std::string header = std::string(name) + "=" + std::string(value) + "; Path=" + options.path;
  if (options.max_age_seconds >= 0) header += "; Max-Age=" + std::to_string(options.max_age_seconds);
  if (options.http_only) header += "; HttpOnly";
  if (options.secure) header += "; Secure";
  if (!options.same_site.empty()) header += "; SameSite=" + options.same_site;
  return header;
}

}  // namespace byline::http
