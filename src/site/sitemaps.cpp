// robots.txt, the sitemap index and its children (posts in pages of 50,000,
// pages, authors, sections, tags) and the news sitemap of the last 48 hours.
// Every address is built from the configured site URL, never the Host header.
#include "site/site.hpp"

#include "common/text_encoding.hpp"
#include "site/view_models.hpp"
#include "store/store.hpp"

#include <charconv>

namespace byline::site {

using http::Params;
using http::Request;
using http::Response;

namespace {

constexpr int kUrlsPerSitemap = 50000;
constexpr int kNewsItems = 1000;
constexpr std::chrono::hours kNewsWindow{48};

Response xml(std::string body) {
  Response response{200, {}, std::move(body)};
  response.set_header("Content-Type", "application/xml; charset=utf-8");
  response.set_header("Cache-Control", "public, max-age=300");
  return response;
}

constexpr std::string_view kUrlsetOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";

void add_url(std::string& body, std::string_view location, std::optional<Time> lastmod) {
  body += "<url><loc>" + xml_escape(location) + "</loc>";
  if (lastmod) body += "<lastmod>" + iso8601(*lastmod) + "</lastmod>";
  body += "</url>\n";
}

}  // namespace

Response Site::robots(const Request&, const Params&) const {
  const std::string url = settings_->current()->url;
  Response response = Response::text(200,
                                     "User-agent: *\n"
                                     "Disallow: /newsroom/\n"
                                     "Disallow: /search\n"
                                     "\n"
                                     "Sitemap: " + url + "/sitemap.xml\n"
                                     "Sitemap: " + url + "/news-sitemap.xml\n");
  response.set_header("Cache-Control", "public, max-age=3600");
  return response;
}

Response Site::sitemap_index(const Request&, const Params&) const {
  const std::string url = settings_->current()->url;
  auto count = store_->count_published(content::PostType::article, now_utc());
  if (!count) return failure(count.error());
  const long pages = std::max(1L, (*count + kUrlsPerSitemap - 1) / kUrlsPerSitemap);
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  auto add = [&](const std::string& path) { body += "<sitemap><loc>" + xml_escape(url + path) + "</loc></sitemap>\n"; };
  for (long page = 1; page <= pages; ++page) add("/sitemap-posts-" + std::to_string(page) + ".xml");
  for (const char* path : {"/sitemap-pages.xml", "/sitemap-authors.xml", "/sitemap-sections.xml",
                           "/sitemap-tags.xml"}) {
    add(path);
  }
  return xml(body + "</sitemapindex>\n");
}

Response Site::sitemap_posts(const Request& request, const Params& params) const {
  int page = 0;
  const std::string& text = params.get("page");
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (error != std::errc{} || end != text.data() + text.size() || page < 1 || page > 100000) {
    return not_found(request);
  }
  const std::string url = settings_->current()->url;
  auto entries = store_->published_entries(content::PostType::article, now_utc(), Time{},
                                           (page - 1) * kUrlsPerSitemap, kUrlsPerSitemap);
  if (!entries) return failure(entries.error());
  if (entries->empty() && page > 1) return not_found(request);
  std::string body(kUrlsetOpen);
  for (const auto& entry : *entries) add_url(body, url + "/" + entry.slug + "/", entry.updated);
  return xml(body + "</urlset>\n");
}

Response Site::sitemap_pages(const Request&, const Params&) const {
  const std::string url = settings_->current()->url;
  auto entries = store_->published_entries(content::PostType::page, now_utc(), Time{}, 0, kUrlsPerSitemap);
  if (!entries) return failure(entries.error());
  std::string body(kUrlsetOpen);
  add_url(body, url + "/", std::nullopt);
  for (const auto& entry : *entries) add_url(body, url + "/" + entry.slug + "/", entry.updated);
  return xml(body + "</urlset>\n");
}

Response Site::sitemap_authors(const Request&, const Params&) const {
  const std::string url = settings_->current()->url;
  auto authors = store_->published_authors(now_utc());
  if (!authors) return failure(authors.error());
  std::string body(kUrlsetOpen);
  for (const auto& author : *authors) add_url(body, url + author_url(author), std::nullopt);
  return xml(body + "</urlset>\n");
}

Response Site::sitemap_sections(const Request&, const Params&) const {
  const std::string url = settings_->current()->url;
  auto sections = store_->sections();
  if (!sections) return failure(sections.error());
  std::string body(kUrlsetOpen);
  for (const auto& section : *sections) add_url(body, url + section_url(section), std::nullopt);
  return xml(body + "</urlset>\n");
}

Response Site::sitemap_tags(const Request&, const Params&) const {
  const std::string url = settings_->current()->url;
  auto tags = store_->tags();
  if (!tags) return failure(tags.error());
  std::string body(kUrlsetOpen);
  for (const auto& tag : *tags) add_url(body, url + tag_url(tag), std::nullopt);
  return xml(body + "</urlset>\n");
}

Response Site::news_sitemap(const Request&, const Params&) const {
  const auto settings = settings_->current();
  const Time now = now_utc();
  auto entries = store_->published_entries(content::PostType::article, now, now - kNewsWindow, 0, kNewsItems);
  if (!entries) return failure(entries.error());
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
  const std::string language = settings->locale.substr(0, settings->locale.find_first_of("-_"));
  for (const auto& entry : *entries) {
    body += "<url><loc>" + xml_escape(settings->url + "/" + entry.slug + "/") + "</loc><news:news>";
    body += "<news:publication><news:name>" + xml_escape(settings->title) + "</news:name><news:language>" +
            xml_escape(language) + "</news:language></news:publication>";
    body += "<news:publication_date>" + iso8601(entry.published) + "</news:publication_date>";
    body += "<news:title>" + xml_escape(entry.title) + "</news:title></news:news></url>\n";
  }
  return xml(body + "</urlset>\n");
}

}  // namespace byline::site
