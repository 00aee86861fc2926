// robots.txt, the sitemap index and its children (posts in pages of 50,000,
// pages, authors, sections, tags) and the news sitemap of the last 48 hours.
// Every address is built from the configured site URL, never the Host header.
#include "site/site.hpp"

#include "common/text_encoding.hpp"
#include "site/cache_keys.hpp"
#include "site/editions.hpp"
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

// A sitemap, cached until a published address changes (sections and tags
// change with the site, which empties the whole cache).
Response xml(std::string body, std::optional<Time> changes_at = std::nullopt) {
  Response response;
  response.status = 200;
  response.body = std::move(body);
  response.set_header("Content-Type", "application/xml; charset=utf-8");
  response.cache = http::CachePolicy{{std::string(cache_keys::kSitemaps)}, changes_at};
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

// Google News names a language by its ISO 639 code, except Chinese, whose
// script it tells apart: "zh-cn" (simplified) and "zh-tw" (traditional).
std::string news_language(std::string_view tag) {
  std::string lower(tag);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower.starts_with("zh")) {
    const bool traditional = lower.find("hant") != std::string::npos ||
                             lower.find("-tw") != std::string::npos ||
                             lower.find("-hk") != std::string::npos;
    return traditional ? "zh-tw" : "zh-cn";
  }
  return lower.substr(0, lower.find_first_of("-_"));
}

}  // namespace

Response Site::robots(const Request&, const Params&) const {
  const std::string url = settings_->current()->url;
  Response response = Response::text(200,
                                     "User-agent: *\n"
                                     "Disallow: /newsroom/\n"
                                     "Disallow: /search\n"
                                     "\n"
                                     "Sitemap: " +
                                         url +
                                         "/sitemap.xml\n"
                                         "Sitemap: " +
                                         url + "/news-sitemap.xml\n");
  response.set_header("Cache-Control", "public, max-age=3600");
  response.cache = http::CachePolicy{};  // it changes with the settings only
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
  auto add = [&](const std::string& path) {
    body += "<sitemap><loc>" + xml_escape(url + path) + "</loc></sitemap>\n";
  };
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
  std::string body(kUrlsetOpen);
  int count = 0;
  auto visited = store_->visit_published_entries(
      content::PostType::article, now_utc(), Time{}, store::EntryOrder::oldest_first,
      (page - 1) * kUrlsPerSitemap, kUrlsPerSitemap, [&](const store::SitemapEntry& entry) {
        add_url(body, url + "/" + entry.slug + "/", entry.updated);
        ++count;
      });
  if (!visited) return failure(visited.error());
  if (count == 0 && page > 1) return not_found(request);
  return xml(body + "</urlset>\n");
}

Response Site::sitemap_pages(const Request&, const Params&) const {
  const auto settings = settings_->current();
  const std::string& url = settings->url;
  std::string body(kUrlsetOpen);
  // The front pages: the site's own and each edition's.
  add_url(body, url + "/", std::nullopt);
  for (const auto& edition : settings->editions) {
    add_url(body, url + edition_path(&edition), std::nullopt);
  }
  auto visited = store_->visit_published_entries(
      content::PostType::page, now_utc(), Time{}, store::EntryOrder::oldest_first, 0,
      kUrlsPerSitemap, [&](const store::SitemapEntry& entry) {
        add_url(body, url + "/" + entry.slug + "/", entry.updated);
      });
  if (!visited) return failure(visited.error());
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
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
      "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n";
  std::optional<Time> oldest;
  auto visited = store_->visit_published_entries(
      content::PostType::article, now, now - kNewsWindow, store::EntryOrder::newest_first, 0,
      kNewsItems, [&](const store::SitemapEntry& entry) {
        oldest = entry.published;
        body +=
            "<url><loc>" + xml_escape(settings->url + "/" + entry.slug + "/") + "</loc><news:news>";
        // A story of an edition is published under the edition's name.
        const Edition* edition = edition_of(*settings, entry.locale);
        const std::string& publication = edition ? edition->title : settings->title;
        body += "<news:publication><news:name>" + xml_escape(publication) +
                "</news:name><news:language>" +
                xml_escape(news_language(entry.locale.empty() ? settings->locale : entry.locale)) +
                "</news:language></news:publication>";
        body += "<news:publication_date>" + iso8601(entry.published) + "</news:publication_date>";
        body += "<news:title>" + xml_escape(entry.title) + "</news:title></news:news></url>\n";
      });
  if (!visited) return failure(visited.error());
  // The list changes by itself when its oldest story turns two days old.
  return xml(body + "</urlset>\n",
             oldest ? std::optional<Time>(*oldest + kNewsWindow) : std::nullopt);
}

}  // namespace byline::site
