// Rendered pieces of pages, kept so that a page the page cache let go is
// put together again without the database or a template. Two kinds so far:
// an article's page around its Recent Posts (parts: before, after), and
// the Recent Posts list (one part per post). Each lists what it shows, like
// a cached page, and leaves the same way.
#pragma once

#include "common/dependent_cache.hpp"
#include "content/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace byline::site {

struct Fragment {
  std::vector<std::string> parts;     // HTML
  std::vector<content::Id> post_ids;  // the post each part is about, where that matters
  std::vector<std::string> shows;     // cache_keys.hpp
  std::optional<Time> changes_at;     // when its text changes by itself
  // An article's: the language its page is in, which its Recent Posts are
  // said in ("4 hours ago"), and the edition they come from ("": the
  // site's own).
  std::string language;
  std::string edition;

  std::size_t bytes() const {
    std::size_t total = sizeof(Fragment);
    for (const auto& part : parts) total += part.size();
    for (const auto& key : shows) total += key.size();
    return total + post_ids.size() * sizeof(content::Id);
  }
};

using FragmentCache = DependentCache<Fragment>;

}  // namespace byline::site
