#include "api/record_listing.hpp"

#include "store/store.hpp"

namespace byline::api {

Result<PublishedPostCounts> published_post_counts(store::Store& store) {
  auto counted = store.published_counts(content::PostType::article, now_utc());
  BYLINE_TRY(counted);
  return PublishedPostCounts{PostCounts(counted->by_tag.begin(), counted->by_tag.end()),
                             PostCounts(counted->by_author.begin(), counted->by_author.end())};
}

}  // namespace byline::api
