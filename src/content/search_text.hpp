// Text for site search: what is indexed and how a reader's query becomes a
// safe FTS5 query.
#pragma once

#include <string>
#include <string_view>

namespace byline::content {

// Folds what readers type differently but mean the same: Arabic yeh and kaf
// to their Persian forms, zero-width non-joiners and Arabic diacritics
// dropped. Applied to indexed text and to queries alike.
std::string normalize_for_search(std::string_view text);

// Turns anything a reader types into an FTS5 query of quoted terms (so no
// FTS syntax from the reader is ever interpreted): "double quoted" parts
// become phrases, other words must all appear, and the last word matches as
// a prefix (results as the reader types). Returns "" when nothing
// searchable is left. At most 16 terms and 256 bytes of input are used.
std::string fts_query(std::string_view typed);

}  // namespace byline::content
