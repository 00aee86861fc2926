// Small encodings several outputs share: XML text and a content hash.
#pragma once

#include <string>
#include <string_view>

namespace byline {

// `text` escaped for XML text and attributes; characters XML 1.0 forbids
// (C0 controls other than tab, newline and carriage return) are dropped.
std::string xml_escape(std::string_view text);

// A 64-bit FNV-1a hash of `bytes` as 16 hex digits: for ETags and asset
// versions (not for anything an attacker must not forge).
std::string content_hash(std::string_view bytes);

}  // namespace byline
