// The names of what a cached page shows, and what a change makes stale.
// A page lists the keys of everything it shows (CachePolicy::shows); a
// change removes exactly the pages that list one of its keys.
#pragma once

#include "content/model.hpp"
#include "http/message.hpp"
#include "store/post_query.hpp"

#include <functional>

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
// The list of posts in a language, by its primary subtag ("fa" for "fa-IR";
// "" for posts that name none, in the site's language).
std::string language_list(std::string_view language);
// Which versions of a story are published (hreflang alternates).
std::string translations(content::Id original);
// Every change of a public post: for listings that any edit may alter
// (by slug, by time of last change).
inline constexpr std::string_view kAnyChange = "list:any-change";
// The sitemaps: every published address and when it last changed.
inline constexpr std::string_view kSitemaps = "sitemaps";

// The lists a listing over `where` depends on: a post can only join or
// leave it by a change that touches one of them, so an answer that shows
// these and its posts' own keys is removed by exactly the changes that
// alter it. Where the condition names tags, authors or sections, that is
// their lists (so a publish elsewhere leaves it cached); where nothing
// narrows it (negation, publication times, picks), the front page's list,
// which every post that joins or leaves a listing touches; where it tests
// what any edit changes (slugs, times of last change), kAnyChange; and so
// where the listing is ordered by what an edit changes (title, slug, time
// of last change), since an edit moves a post within it. `ids_of` gives the ids of the
// tags, authors or sections (by the leaf's kind) with those slugs, an empty list for slugs that
// name nothing.
using SlugIds = std::function<std::vector<content::Id>(store::PostCondition::Kind kind,
                                                       const std::vector<std::string>& slugs)>;
std::vector<std::string> lists_for(const store::PostCondition& where, const SlugIds& ids_of,
                                   const std::vector<store::PostOrder>& order = {});

// What a save of a post made stale, from the post as it was (nullptr for a
// new one) and as it is now. Nothing, when readers could see neither.
std::vector<std::string> changed_by(const content::Post* before, const content::Post& after,
                                    Time now);

// The policy of a page that shows `shows` and the cards of `cards`, each
// card with its relative time ("4 hours ago"): the page lasts until the
// first of those reads differently.
http::CachePolicy policy(std::vector<std::string> shows,
                         const std::vector<const content::Post*>& cards, Time now);

}  // namespace byline::site::cache_keys
