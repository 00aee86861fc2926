#include "api/ghost_ids.hpp"

#include <charconv>
#include <cstdio>

namespace byline::api {
namespace {

std::string_view marker(GhostKind kind) {
  switch (kind) {
    case GhostKind::post:
      return "62b1e001";
    case GhostKind::user:
      return "62b1e002";
    case GhostKind::tag:
      return "62b1e003";
  }
  return "62b1e000";
}

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

}  // namespace

std::string ghost_id(GhostKind kind, content::Id id) {
  char digits[17];
  std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(id));
  return std::string(marker(kind)) + digits;
}

std::optional<content::Id> local_id(GhostKind kind, std::string_view text) {
  if (!is_object_id(text) || !text.starts_with(marker(kind))) return std::nullopt;
  unsigned long long id = 0;
  const std::string_view digits = text.substr(8);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id, 16);
  if (error != std::errc{} || end != digits.data() + digits.size() || id == 0 ||
      id > static_cast<unsigned long long>(INT64_MAX)) {
    return std::nullopt;
  }
  return static_cast<content::Id>(id);
}

bool is_object_id(std::string_view text) {
  if (text.size() != 24) return false;
  for (const char c : text) {
    if (!is_lower_hex(c)) return false;
  }
  return true;
}

std::string ghost_uuid(content::Id post_id) {
  // A version 8 (custom) UUID: the marker, then the id; the variant bits
  // are the usual 10.
  char text[37];
  const auto id = static_cast<unsigned long long>(post_id);
  std::snprintf(text, sizeof text, "62b1e001-0000-8000-8%03llx-%012llx", (id >> 48) & 0xfff,
                id & 0xffffffffffffULL);
  return text;
}

}  // namespace byline::api
