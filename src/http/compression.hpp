// Compressing answers once, when they are cached, so that every reader
// after the first gets the smaller bytes for free.
#pragma once

#include <string>
#include <string_view>

namespace byline::http {

enum class Encoding { identity, gzip, brotli };

// The encoding to send a client whose Accept-Encoding is `accept`: brotli,
// then gzip, when the client takes them (a q of 0 refuses), else identity.
Encoding choose_encoding(std::string_view accept);

std::string_view content_coding(Encoding encoding);  // "", "gzip", "br"

// `bytes` compressed at a level meant for bytes that are compressed once
// and sent many times.
std::string gzip_compress(std::string_view bytes);
std::string brotli_compress(std::string_view bytes);

}  // namespace byline::http
