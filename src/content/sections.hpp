// Sections form a tree (WordPress's categories do): each may have a
// parent. These read the tree out of the flat list the Store keeps, and
// keep it a tree.
#pragma once

#include "content/model.hpp"

#include <vector>

namespace byline::content {

// The section `id` and its ancestors, the outermost first ("World",
// "Europe", "France"); empty when there is no such section. A loop in the
// stored parents (which may_be_parent keeps out) ends the walk.
std::vector<Section> section_trail(const std::vector<Section>& sections, Id id);

// Whether `parent` (0: none) may be the parent of section `id` (0: a new
// one): an existing section that is neither `id` nor one of its descendants.
bool may_be_parent(const std::vector<Section>& sections, Id id, Id parent);

}  // namespace byline::content
