// The names of what a cached page shows, and what a change makes stale.
// A page lists the keys of everything it shows (CachePolicy::shows); a
// change removes exactly the pages that list one of its keys.
#pragma once

#include "content/model.hpp"
#include "http/message.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace byline::site::cache_keys {

// A post's own text and address: its page, and every card, feed item or
// link that shows it.
std::string post(content::Id id);

// Which posts a listing holds and in what order: its pages and feeds. The
// front page's list also makes the site feed and every Recent Posts.
inline constexpr std::string_view kFrontPage = "list:front";
std::string section_list(content::Id id);
std::string tag_list(content::Id id);
std::string author_list(content::Id id);
// Which versions of a story are published (hreflang alternates).
std::string translations(content::Id original);
// The sitemaps: every published address and when it last changed.
inline constexpr std::string_view kSitemaps = "sitemaps";

// What a save of a post made stale, from the post as it was (nullptr for a
// new one) and as it is now. Nothing, when readers could see neither.
std::vector<std::string> changed_by(const content::Post* before, const content::Post& after, Time now);

// The policy of a page that shows `shows` and the cards of `cards`, each
// card with its relative time ("4 hours ago"): the page lasts until the
// first of those reads differently.
http::CachePolicy policy(std::vector<std::string> shows, const std::vector<const content::Post*>& cards, Time now);

}  // namespace byline::site::cache_keys
