// The Ghost Content API's objects (posts, pages, authors, tags, settings)
// as JSON, field by field as ../shared/specs/ghost-content-api.md §7 has
// them. Pure: built from content values and the site's settings.
#pragma once

#include "api/content_query.hpp"
#include "content/model.hpp"
#include "render/dates.hpp"
#include "site/settings.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace byline::api {

// What every object needs: where the site lives (URLs are absolute), its
// time zone (dates carry its offset), and what the request asked for.
struct JsonContext {
  std::string site_url;  // no trailing '/'
  render::DateFormatter dates;
  ContentQuery query;
};

// A published post or page, with its authors and tags when the query
// includes them.
boost::json::object post_json(const content::Post& post, const JsonContext& context);

// `posts`: how many published posts the author or tag has, shown when the
// query includes count.posts.
boost::json::object author_json(const content::User& user, const JsonContext& context,
                                std::optional<long> posts = std::nullopt);
boost::json::object tag_json(const content::Tag& tag, const JsonContext& context,
                             std::optional<long> posts = std::nullopt);

// The public settings; `sections` lead the navigation, as in the masthead.
boost::json::object settings_json(const site::SiteSettings& settings,
                                  const std::vector<content::Section>& sections);

// Ghost's reading time in minutes: 275 words a minute, and 12 seconds for
// the first image, 11 for the next, down to 3 for each one after the tenth.
int reading_minutes(std::string_view plaintext, std::string_view html, bool has_feature_image);

// Ghost's meta.pagination for page `page` of `limit` items of `total`:
// {"pagination": {"page", "limit", "pages", "total", "next", "prev"}}.
boost::json::object pagination_json(int page, int limit, long total);

// Drops the top-level fields the query's `fields` leaves out (the id stays).
void keep_asked_fields(boost::json::object& object, const ContentQuery& query);

}  // namespace byline::api
