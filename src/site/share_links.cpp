// Share link URLs, each network's documented share endpoint.
#include "site/share_links.hpp"

#include <cctype>

namespace byline::site {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

std::vector<ShareLink> share_links(std::string_view url, std::string_view title) {
  const std::string u = percent_encode(url);
  const std::string t = percent_encode(title);
  return {
      {"x", "X", "https://x.com/intent/post?url=" + u + "&text=" + t},
      {"facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + u},
      {"telegram", "Telegram", "https://t.me/share/url?url=" + u + "&text=" + t},
      {"whatsapp", "WhatsApp", "https://wa.me/?text=" + t + "%20" + u},
      {"email", "Email", "mailto:?subject=" + t + "&body=" + u},
      {"copy", "Copy link", std::string(url)},
  };
}

}  // namespace byline::site
