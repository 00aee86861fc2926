// Share link URLs, each network's documented share endpoint.
#include "site/share_links.hpp"

#include "http/percent_encoding.hpp"

namespace byline::site {

std::vector<ShareLink> share_links(std::string_view url, std::string_view title) {
  const std::string u = http::url_encode(url);
  const std::string t = http::url_encode(title);
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
