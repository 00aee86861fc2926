// The reader-facing site: home, article, author, section and tag pages,
// theme assets and the 404 page, as routes on the router.
#pragma once

#include "http/router.hpp"
#include "site/fragments.hpp"
#include "site/settings.hpp"

#include <cstdint>
#include <memory>
#include <optional>

namespace byline::store {
class Store;
}
namespace byline::content {
struct Post;
}
namespace byline::media {
class MediaLibrary;
}
namespace byline::render {
class ThemeSource;
}
namespace byline::http {
class PublicRoutes;
}

namespace byline::site {

struct Listing;
struct PageContext;

class Site {
 public:
  // `fragments` keeps rendered pieces of pages between requests; nullptr
  // renders every page whole.
  // Pages are rendered with the theme `themes` holds at the time.
  Site(std::shared_ptr<store::Store> store, std::shared_ptr<const render::ThemeSource> themes,
       std::shared_ptr<const media::MediaLibrary> media,
       std::shared_ptr<const SettingsSource> settings,
       std::shared_ptr<FragmentCache> fragments = nullptr);

  // Adds the public routes, a group for every path no other group claims.
  void add_routes(http::Router& router) const;

  // The article page of `post`, whatever its status: what readers see once
  // it is out (the newsroom's preview).
  http::Response render_article(const content::Post& post) const;

 private:
  http::Response home(const http::Request& request, const http::Params& params) const;
  // An edition's front page ("/fa/", "/fa/page/2/").
  http::Response edition_home(const http::Request& request, const http::Params& params) const;
  // The front page of the edition in `edition` ("" for the site's own).
  http::Response front_page(const http::Request& request, const http::Params& params,
                            const std::string& edition) const;
  http::Response article(const http::Request& request, const http::Params& params) const;
  http::Response search(const http::Request& request, const http::Params& params) const;
  http::Response author(const http::Request& request, const http::Params& params) const;
  http::Response section(const http::Request& request, const http::Params& params) const;
  http::Response tag(const http::Request& request, const http::Params& params) const;
  http::Response asset(const http::Request& request, const http::Params& params) const;

  // feed_pages.cpp
  enum class FeedFormat { rss, atom, json };
  // Where a feed of `format` is after the address of what it is the feed
  // of: "rss/", "atom.xml", "feed.json".
  static std::string_view feed_file(FeedFormat format);
  enum class FeedScope { site, edition, section, author, tag };
  http::Response feed(const http::Request& request, const http::Params& params, FeedScope scope,
                      FeedFormat format) const;
  void add_feed_routes(http::PublicRoutes& routes, std::string_view prefix, FeedScope scope,
                       const http::RouteOptions& options = {}) const;

  // sitemaps.cpp
  http::Response robots(const http::Request& request, const http::Params& params) const;
  http::Response sitemap_index(const http::Request& request, const http::Params& params) const;
  http::Response sitemap_posts(const http::Request& request, const http::Params& params) const;
  http::Response sitemap_pages(const http::Request& request, const http::Params& params) const;
  http::Response sitemap_authors(const http::Request& request, const http::Params& params) const;
  http::Response sitemap_sections(const http::Request& request, const http::Params& params) const;
  http::Response sitemap_tags(const http::Request& request, const http::Params& params) const;
  http::Response news_sitemap(const http::Request& request, const http::Params& params) const;
  http::Response media_file(const http::Request& request, const http::Params& params) const;
  // The 404 page, unless the address is an old one that leads somewhere
  // now (a 301 there).
  http::Response not_found(const http::Request& request) const;
  // The 404 page.
  http::Response missing(const http::Request& request) const;
  // A 301 to where an old address leads now, if it leads anywhere.
  std::optional<http::Response> moved(const http::Request& request) const;
  // The front page's address with WordPress's query fields ("/?p=12").
  http::Response old_front_page_address(const http::Request& request) const;
  http::Response failure(const Error& error) const;
  // The person with `slug` when they have a published article. Rule: staff
  // with nothing published have no public page, so their names and slugs
  // cannot be listed by trying addresses.
  Result<std::optional<content::User>> public_author(std::string_view slug) const;
  // The settings in force and the sections, for one request, in the
  // edition with the language `edition` (the site's own when it has none).
  Result<PageContext> context(std::string_view edition = {}) const;
  // Points an edition's `context` at the About page's translation into its
  // language, when /about/ has one.
  Result<void> find_about_page(PageContext& context) const;

  // An article's page. With `keep` (the fragment cache's generation, read
  // before the post was) its fragment is kept for the next reader.
  http::Response article_page(const content::Post& post, std::optional<std::uint64_t> keep) const;
  // The page from its fragment and the Recent Posts fragment.
  http::Response assemble_article(const Fragment& article, const Fragment& recent) const;
  // The latest articles as Recent Posts items, one more than a page shows
  // (an article leaves itself out).
  Result<std::shared_ptr<const Fragment>> recent_posts(const PageContext& context) const;

  http::Response render_listing(const http::Request& request, const Listing& listing,
                                const http::Params& params) const;

  std::shared_ptr<store::Store> store_;
  std::shared_ptr<const render::ThemeSource> themes_;
  std::shared_ptr<const media::MediaLibrary> media_;
  std::shared_ptr<const SettingsSource> settings_;
  std::shared_ptr<FragmentCache> fragments_;
};

}  // namespace byline::site
