// The feed routes: /rss/ (also /feed/), /atom.xml and /feed.json for the
// site's own edition, for each other edition ("/fa/rss/") and for each
// section, author and tag, with validators so feed readers polling every
// few minutes mostly get 304.
#include "site/site.hpp"

#include "common/text_encoding.hpp"
#include "content/text.hpp"
#include "http/percent_encoding.hpp"
#include "http/route_group.hpp"
#include "site/cache_keys.hpp"
#include "site/editions.hpp"
#include "site/feeds.hpp"
#include "site/view_models.hpp"
#include "store/store.hpp"

namespace byline::site {

using http::Params;
using http::Request;
using http::Response;

std::string_view Site::feed_file(FeedFormat format) {
  switch (format) {
    case FeedFormat::rss:
      return "rss/";
    case FeedFormat::atom:
      return "atom.xml";
    case FeedFormat::json:
      return "feed.json";
  }
  return "rss/";
}

void Site::add_feed_routes(http::PublicRoutes& routes, std::string_view prefix, FeedScope scope,
                           const http::RouteOptions& options) const {
  auto route = [this, scope](FeedFormat format) {
    return [this, scope, format](const Request& request, const Params& params, std::monostate) {
      return feed(request, params, scope, format);
    };
  };
  constexpr auto anyone = http::Public::anyone;
  const std::string base(prefix);
  for (const FeedFormat format : {FeedFormat::rss, FeedFormat::atom, FeedFormat::json}) {
    routes.add("GET", base + std::string(feed_file(format)), anyone, route(format), options);
  }
  if (scope == FeedScope::site) routes.add("GET", "feed/", anyone, route(FeedFormat::rss));
}

Response Site::feed(const Request& request, const Params& params, FeedScope scope,
                    FeedFormat format) const {
  const std::string& edition_language = params.get("edition");
  auto found = context(edition_language);
  if (!found) return failure(found.error());
  const PageContext& context = *found;
  const SiteSettings& settings = *context.settings;
  if (!edition_language.empty() && !context.edition) return not_found(request);  // "/xx/rss/"

  // The site's own feed and an edition's hold that edition's stories, with
  // its title and language.
  const Edition* edition = context.edition;
  Feed feed;
  feed.title = edition ? edition->title : settings.title;
  feed.description = edition ? edition->description : settings.description;
  feed.language = edition ? edition->language : settings.locale;
  feed.home_url = settings.url + edition_path(edition);
  store::PostQuery query;
  query.now = context.now;
  query.limit = settings.feed_items;
  query.projection = store::Projection::full;  // items carry the whole story
  query.where = edition_stories(settings, edition);
  std::string shows = edition_list_key(edition);
  const std::string& slug = params.get("slug");
  if (scope == FeedScope::section) {
    auto section = store_->section_by_slug(slug);
    if (!section) return failure(section.error());
    if (!*section) return not_found(request);
    // A section's feed is under its edition's address, as its page is.
    if (edition_language != (*section)->language) {
      return Response::redirect(
          301, http::address_for_header(section_url(**section) + std::string(feed_file(format))));
    }
    query.where =
        store::PostCondition::with_ids(store::PostCondition::Kind::section_id, {(*section)->id});
    shows = cache_keys::section_list((*section)->id);
    feed.title = (*section)->name + " – " + feed.title;
    feed.home_url = settings.url + section_url(**section);
  } else if (scope == FeedScope::tag) {
    auto tag = store_->tag_by_slug(slug);
    if (!tag) return failure(tag.error());
    if (!*tag) return not_found(request);
    // An author's and a tag's feeds, as their pages, hold the edition's stories.
    query.where = stories_in(
        edition, store::PostCondition::with_ids(store::PostCondition::Kind::tag_id, {(*tag)->id}));
    shows = cache_keys::tag_list((*tag)->id);
    feed.title = (*tag)->name + " – " + feed.title;
    feed.home_url = settings.url + tag_url(**tag, edition);
  } else if (scope == FeedScope::author) {
    auto user = public_author(slug);
    if (!user) return failure(user.error());
    if (!*user) return not_found(request);
    query.where = stories_in(edition, store::PostCondition::with_ids(
                                          store::PostCondition::Kind::author_id, {(*user)->id}));
    shows = cache_keys::author_list((*user)->id);
    feed.title = (*user)->name + " – " + feed.title;
    feed.home_url = settings.url + author_url(**user, edition);
  }
  auto posts = store_->published_posts(query);
  if (!posts) return failure(posts.error());

  feed.updated = Time{};
  for (const auto& post : posts->posts) {
    FeedItem item;
    // Rule: an item's id never changes, even when its slug does.
    item.id = settings.url + "/?p=" + std::to_string(post.id);
    item.title = post.title;
    item.url = settings.url + post_url(post);
    item.summary = post.custom_excerpt.empty()
                       ? content::make_excerpt(post.plaintext, settings.excerpt_rule)
                       : post.custom_excerpt;
    item.content_html = absolute_urls(post.body_html, settings.url);
    for (const auto& author : post.authors) item.authors.push_back(author.name);
    for (const auto& section : post.sections) item.categories.push_back(section.name);
    for (const auto& tag : post.tags) item.categories.push_back(tag.name);
    if (!post.featured_image.empty()) {
      item.image = post.featured_image.starts_with("/") ? settings.url + post.featured_image
                                                        : post.featured_image;
    }
    item.published = post.published_at.value_or(post.created_at);
    item.updated = std::max(post.updated_at, item.published);
    feed.updated = std::max(feed.updated, item.updated);
    feed.items.push_back(std::move(item));
  }
  if (feed.items.empty()) feed.updated = context.now;

  const std::string self = settings.url + request.path;
  Response response;
  switch (format) {
    case FeedFormat::rss:
      response.body = rss_feed(feed, self);
      response.set_header("Content-Type", "application/rss+xml; charset=utf-8");
      break;
    case FeedFormat::atom:
      response.body = atom_feed(feed, self);
      response.set_header("Content-Type", "application/atom+xml; charset=utf-8");
      break;
    case FeedFormat::json:
      response.body = json_feed(feed, self);
      response.set_header("Content-Type", "application/feed+json; charset=utf-8");
      break;
  }
  const std::string etag = "\"" + content_hash(response.body) + "\"";
  const std::string last_modified = http_date(feed.updated);
  response.set_header("ETag", etag);
  response.set_header("Last-Modified", last_modified);
  response.set_header("Cache-Control", "public, max-age=60");
  const std::string_view if_none_match = request.header("if-none-match");
  const bool unchanged = !if_none_match.empty()
                             ? if_none_match == etag
                             : request.header("if-modified-since") == last_modified;
  if (unchanged) {
    response.status = 304;
    response.body.clear();
  }
  response.cache = http::CachePolicy{{std::move(shows)}, std::nullopt};
  for (const auto& post : posts->posts) response.cache->shows.push_back(cache_keys::post(post.id));
  return response;
}

}  // namespace byline::site
