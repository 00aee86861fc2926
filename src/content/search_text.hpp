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
// a prefix (results as the reader types) once it has kMinPrefixCharacters.
// Returns "" when nothing searchable is left. At most 16 terms and 256
// bytes of input are used.
std::string fts_query(std::string_view typed);

// Rule: a word matches as a prefix only from three characters on: "a*"
// would make the index merge the lists of every word that starts with a.
inline constexpr std::size_t kMinPrefixCharacters = 3;

// How much of a post's text a snippet looks through for the reader's words.
inline constexpr std::size_t kMaxSnippetScanBytes = 32 * 1024;

// A snippet of `text` for a search of `typed`: about 24 words around the
// first place the reader's words appear (folded as the index folds them),
// each match between \x01 and \x02, "…" where text was left out; the start
// of the text when the words are not in its first kMaxSnippetScanBytes.
// Linear in that bound, whatever the text repeats.
std::string make_snippet(std::string_view text, std::string_view typed);

}  // namespace byline::content
