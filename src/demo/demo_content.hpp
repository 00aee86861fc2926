// Demo content: a news site to look at before writing anything. The lead
// article and its "Recent Posts" are those of a real article page
// (shared/seed/ifp-article-page.txt), dated so that the article page shows
// the same relative times; older generated articles make paging show.
#pragma once

#include "common/result.hpp"
#include "common/time.hpp"

namespace byline::store {
class Store;
}
namespace byline::media {
class MediaLibrary;
}

namespace byline::demo {

inline constexpr std::string_view kLeadArticleSlug =
    "president-putin-russia-iran-having-strategic-ties";

// Fills an empty store with the demo site, its settings and featured
// images (uploaded into `library`) included. Returns how many posts it
// wrote; does nothing (and returns 0) when the store already has posts, so
// a restart with --demo never touches real content.
Result<int> fill_with_demo_content(store::Store& store, media::MediaLibrary& library, Time now);

}  // namespace byline::demo
