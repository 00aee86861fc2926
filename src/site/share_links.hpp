// Share links for an article: plain links to each network's share page,
// no scripts and no tracking.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace byline::site {

struct ShareLink {
  std::string network;  // "x", "facebook", ... (for CSS classes)
  std::string label;    // what a reader sees: "X", "Facebook", ...
  std::string href;
};

// Links to share `url` with `title` on X, Facebook, Telegram, WhatsApp, by
// email, and the article's own address to copy.
std::vector<ShareLink> share_links(std::string_view url, std::string_view title);

}  // namespace byline::site
