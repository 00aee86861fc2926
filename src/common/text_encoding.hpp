// Small encodings several outputs share: XML text, UTF-8 checks and a
// content hash.
#pragma once

#include <string>
#include <string_view>

namespace byline {

// `text` escaped for XML text and attributes; characters XML 1.0 forbids
// (C0 controls other than tab, newline and carriage return) are dropped.
std::string xml_escape(std::string_view text);

// The length of the valid UTF-8 sequence at the start of `text`; 0 when
// it starts with none (a stray continuation byte, a truncated or overlong
// sequence, a surrogate, or past U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text);

// `text` with every byte that is not part of valid UTF-8 replaced by
// U+FFFD, as an HTML parser would read it.
std::string valid_utf8(std::string_view text);

// What any text typed into Byline becomes at the edge: valid UTF-8 (as
// valid_utf8 makes it) without NUL or other control characters but tab,
// newline and carriage return, which no page, feed or header can carry.
std::string clean_text(std::string_view text);

// The longest start of `text` of at most `max_bytes` that does not end
// inside a UTF-8 character.
std::string utf8_prefix(std::string_view text, std::size_t max_bytes);

// A 64-bit FNV-1a hash of `bytes` as 16 hex digits: for ETags and asset
// versions (not for anything an attacker must not forge).
std::string content_hash(std::string_view bytes);

}  // namespace byline
