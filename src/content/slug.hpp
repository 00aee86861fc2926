// Slugs: the readable, stable part of a URL ("irans-mission-denies-…").
#pragma once

#include <string>
#include <string_view>

namespace byline::content {

inline constexpr std::size_t kMaxSlugBytes = 120;

// Makes a slug from a title or name: lower case, accented Latin letters
// folded to ASCII, letters and digits of every script kept (a Persian title
// keeps its Persian slug), invisible characters (zero-width spaces and
// joiners, soft hyphens, direction marks) dropped, everything else a
// single '-'. Never longer than
// kMaxSlugBytes and never cut inside a character. May return "" when the text
// has no letters or digits; the caller picks a fallback.
std::string make_slug(std::string_view text);

// True when `slug` is already in the form make_slug produces.
bool is_valid_slug(std::string_view slug);

// True when a word of `slug` (between dashes) mixes scripts whose letters
// look alike, as "pаypal" with a Cyrillic "а" does, by ICU's spoof checker
// (anything less than its moderately restrictive level): such an address
// passes for another one.
bool mixes_lookalike_scripts(std::string_view slug);

// True for the slugs Byline's own addresses need, present and planned
// ("newsroom", "feed", "wp-json", "ghost", ...): no post may take one, or
// that post would be unreachable or shadow a route.
bool is_reserved_slug(std::string_view slug);

}  // namespace byline::content
