// The section tree: trails for breadcrumbs, and the rule that keeps it a tree.
#include "content/sections.hpp"

#include <algorithm>

namespace byline::content {
namespace {

const Section* find(const std::vector<Section>& sections, Id id) {
  auto found =
      std::find_if(sections.begin(), sections.end(), [&](const Section& s) { return s.id == id; });
  return found == sections.end() ? nullptr : &*found;
}

}  // namespace

std::vector<Section> section_trail(const std::vector<Section>& sections, Id id) {
  std::vector<Section> trail;
  for (const Section* at = find(sections, id); at; at = find(sections, at->parent_id)) {
    if (std::any_of(trail.begin(), trail.end(), [&](const Section& s) { return s.id == at->id; }))
      break;
    trail.push_back(*at);
  }
  std::reverse(trail.begin(), trail.end());
  return trail;
}

bool may_be_parent(const std::vector<Section>& sections, Id id, Id parent) {
  if (parent == 0) return true;
  if (!find(sections, parent)) return false;
  if (id == 0) return true;
  // `parent` must not have `id` on its own trail.
  const auto trail = section_trail(sections, parent);
  return std::none_of(trail.begin(), trail.end(), [&](const Section& s) { return s.id == id; });
}

}  // namespace byline::content
