// Names of the content model's enumerations, as stored and as shown in APIs.
#include "content/model.hpp"

#include <array>
#include <utility>

namespace byline::content {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& names,
                           std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& names,
                         Enum value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return {};
}

constexpr std::array<std::pair<PostStatus, std::string_view>, 5> kStatusNames{{
    {PostStatus::draft, "draft"},
    {PostStatus::review, "review"},
    {PostStatus::scheduled, "scheduled"},
    {PostStatus::published, "published"},
    {PostStatus::unpublished, "unpublished"},
}};

constexpr std::array<std::pair<PostType, std::string_view>, 2> kTypeNames{{
    {PostType::article, "article"},
    {PostType::page, "page"},
}};

constexpr std::array<std::pair<Role, std::string_view>, 4> kRoleNames{{
    {Role::contributor, "contributor"},
    {Role::author, "author"},
    {Role::editor, "editor"},
    {Role::admin, "admin"},
}};

constexpr std::array<std::pair<SourceFormat, std::string_view>, 2> kFormatNames{{
    {SourceFormat::html, "html"},
    {SourceFormat::markdown, "markdown"},
}};

}  // namespace

std::string_view to_string(PostStatus status) { return name_of(kStatusNames, status); }
std::optional<PostStatus> post_status_from_string(std::string_view text) {
  return lookup(kStatusNames, text);
}
std::string_view to_string(PostType type) { return name_of(kTypeNames, type); }
std::optional<PostType> post_type_from_string(std::string_view text) {
  return lookup(kTypeNames, text);
}
std::string_view to_string(Role role) { return name_of(kRoleNames, role); }
std::optional<Role> role_from_string(std::string_view text) { return lookup(kRoleNames, text); }
std::string_view to_string(SourceFormat format) { return name_of(kFormatNames, format); }
std::optional<SourceFormat> source_format_from_string(std::string_view text) {
  return lookup(kFormatNames, text);
}

}  // namespace byline::content
