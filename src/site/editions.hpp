// Editions of the site (settings.hpp): which one a page or a story is in,
// where its pages are, and which stories its lists hold. A story belongs to
// the edition of its language; every other story, to the site's own.
#pragma once

#include "site/settings.hpp"
#include "store/post_query.hpp"

#include <string>
#include <string_view>

namespace byline::site {

// The edition whose address starts with `language` ("fa" for "/fa/"), or
// nullptr.
const Edition* edition_named(const SiteSettings& settings, std::string_view language);

// The edition a story in `language` belongs to, by its primary subtag
// ("fa-IR" is in "fa", as the store and cache keys see it); nullptr for
// the site's own.
const Edition* edition_of(const SiteSettings& settings, std::string_view language);

// An edition's front page: "/fa/", or "/" for the site's own (nullptr).
std::string edition_path(const Edition* edition);

// The stories an edition's lists hold: those in its language or, for the
// site's own (nullptr), those in none of the editions' languages.
store::PostCondition edition_stories(const SiteSettings& settings, const Edition* edition);

// The stories of an author's or a tag's page (`of`) in `edition`: those
// in its language; on the site's own page (nullptr), all of them, as search
// finds them, so that an old link to it never shows an empty page.
store::PostCondition stories_in(const Edition* edition, store::PostCondition of);

// What those lists depend on (cache_keys.hpp): the list of the edition's
// language, or for the site's own the front page's.
std::string edition_list_key(const Edition* edition);

}  // namespace byline::site
