// Feeds of published posts: RSS 2.0, Atom 1.0 and JSON Feed 1.1, built
// from one model. Pure functions: no Store, no HTTP.
#pragma once

#include "common/time.hpp"

#include <string>
#include <vector>

namespace byline::site {

struct FeedItem {
  std::string id;            // stable forever: "byline:post:42", never the URL
  std::string title;
  std::string url;           // absolute
  std::string summary;       // plain text
  std::string content_html;  // full body, URLs absolute
  std::vector<std::string> authors;
  std::vector<std::string> categories;  // section(s) then tags
  std::string image;         // absolute, or ""
  Time published{};
  Time updated{};
};

struct Feed {
  std::string title;
  std::string description;
  std::string home_url;  // the page the feed follows
  std::string language;
  Time updated{};        // the newest item's change
  std::vector<FeedItem> items;
};

// The bodies, for a feed served at `self_url`.
std::string rss_feed(const Feed& feed, std::string_view self_url);
std::string atom_feed(const Feed& feed, std::string_view self_url);
std::string json_feed(const Feed& feed, std::string_view self_url);

// `html` with root-relative src, href and srcset addresses made absolute
// under `site_url`: feed readers fetch them from elsewhere.
std::string absolute_urls(std::string_view html, std::string_view site_url);

// "Tue, 05 Mar 2024 14:07:00 +0000" (RSS); HTTP's form is http_date().
std::string rfc822_date(Time time);

}  // namespace byline::site
