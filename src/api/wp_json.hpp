// Byline's posts, pages, sections, tags and staff as WordPress's REST API
// shows them (context "view", and "embed" inside _embedded), so that
// clients written for WordPress read them unchanged. Sections are
// WordPress categories. Ids are Byline's; a post imported from WordPress
// has WordPress's where no other post had it.
#pragma once

#include "content/model.hpp"
#include "render/dates.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace byline::api {

struct WpContext {
  std::string site_url;  // no trailing '/'
  render::DateFormatter dates;
  std::string api_root() const { return site_url + "/wp-json/"; }
};

// "2024-05-01T09:30:00": the site's wall-clock time, without an offset,
// as WordPress gives `date`; and the same in UTC, also without one, as it
// gives `date_gmt`.
std::string wp_local_time(Time time, const render::DateFormatter& dates);
std::string wp_gmt_time(Time time);

// A published post or page; `featured_media`: the upload its featured
// image is (0: none, or an image from elsewhere).
boost::json::object wp_post_json(const content::Post& post, const WpContext& context,
                                 content::Id featured_media = 0);
// An image a published post features, as WordPress's attachment: `post_id`
// is that post, `alt` and `caption` what it says of the image. `embed`: the
// shorter form _embedded carries.
struct FeaturedImage {
  const content::Media& media;
  content::Id post_id = 0;
  std::string_view alt;
  std::string_view caption;
};
boost::json::object wp_media_json(const FeaturedImage& image, const WpContext& context,
                                  bool embed = false);
// One result of /wp/v2/search: `type` "post" or "term", `subtype` "post",
// "page", "category" or "post_tag", `route` the item's own ("posts/12").
boost::json::object wp_search_result_json(content::Id id, std::string_view title,
                                          std::string_view url, std::string_view type,
                                          std::string_view subtype, std::string_view route,
                                          const WpContext& context);
// Sections, tags and people; `embed`: the shorter form _embedded carries.
boost::json::object wp_category_json(const content::Section& section, long posts,
                                     const WpContext& context, bool embed = false);
boost::json::object wp_tag_json(const content::Tag& tag, long posts, const WpContext& context,
                                bool embed = false);
// A person with published posts: what anyone may see, never an email.
boost::json::object wp_user_json(const content::User& user, const WpContext& context,
                                 bool embed = false);

// WordPress's error: {"code", "message", "data": {"status"}}.
boost::json::object wp_error_json(std::string_view code, std::string_view message, int status);

// Keeps only the fields `fields` names ("id", "title", "title.rendered",
// "_links"); empty keeps everything.
void keep_wp_fields(boost::json::object& object, const std::vector<std::string>& fields);

}  // namespace byline::api
