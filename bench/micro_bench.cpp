// Micro-benchmarks of the pieces on the way to a page: rendering an
// article, an excerpt, a relative time, a page cache lookup, and the
// compression a cache miss pays once.
//
//   build-release/bench/byline_micro_bench
#include "content/text.hpp"
#include "http/compression.hpp"
#include "http/page_cache.hpp"
#include "render/dates.hpp"
#include "render/theme.hpp"
#include "render/view.hpp"
#include "site/view_models.hpp"

#include <benchmark/benchmark.h>

using namespace byline;

namespace {

const Time kNow = now_utc();

std::string story_text() {
  std::string text;
  for (int i = 0; i < 12; ++i) {
    text += "Head of Strategic Research Center of the Expediency Council Ali Akbar Velayati met with "
            "Russian President Vladimir Putin in Moscow on Wednesday and discussed the latest conditions. ";
  }
  return text;
}

content::Post story(content::Id id) {
  content::Post post;
  post.id = id;
  post.slug = "story-" + std::to_string(id);
  post.title = "President Putin: Russia, Iran having strategic ties";
  post.plaintext = story_text();
  post.body_html = "<p>" + post.plaintext + "</p>";
  post.status = content::PostStatus::published;
  post.published_at = kNow - std::chrono::hours(4 + id);
  post.updated_at = *post.published_at;
  post.authors = {content::User{1, "emad@example.com", "Emad Askarieh", "emad-askarieh",
                                "Emad Askarieh has worked as a journalist since 2002.", "", content::Role::editor}};
  post.sections = {content::Section{1, "politics", "Politics", ""}};
  post.tags = {content::Tag{1, "russia", "Russia", ""}};
  return post;
}

site::PageContext context() {
  auto settings = std::make_shared<site::SiteSettings>();
  settings->title = "The Daily Byline";
  settings->url = "https://news.example";
  settings->locale = "en";
  settings->time_zone = "Asia/Tehran";
  return site::PageContext{settings, render::DateFormatter("en", "Asia/Tehran"), kNow, {}, {}, {}};
}

void render_article_page(benchmark::State& state) {
  const auto theme = render::Theme::embedded_default();
  const site::PageContext page_context = context();
  const content::Post post = story(1);
  std::vector<content::Post> recent;
  for (int i = 2; i < 8; ++i) recent.push_back(story(i));
  std::size_t bytes = 0;
  for (auto _ : state) {
    render::View view = site::page_view(page_context, post.title, "", site::post_url(post));
    view.set("post", site::article_view(page_context, post));
    site::article_metadata(page_context, post, view);
    render::View cards = render::make_list();
    for (const auto& other : recent) cards.push_back(site::post_card(page_context, other));
    view.set("recent_posts", cards);
    view.set("has_recent_posts", true);
    auto page = theme->render_page({"post"}, view);
    bytes = page->size();
    benchmark::DoNotOptimize(page);
  }
  state.counters["page_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(render_article_page);

void excerpt(benchmark::State& state) {
  const std::string text = story_text();
  const content::ExcerptRule rule{content::ExcerptRule::Unit::words, 15};
  for (auto _ : state) benchmark::DoNotOptimize(content::make_excerpt(text, rule));
}
BENCHMARK(excerpt);

void relative_time(benchmark::State& state) {
  const render::DateFormatter dates("en", "Asia/Tehran");
  for (auto _ : state) benchmark::DoNotOptimize(dates.relative(kNow - std::chrono::minutes(245), kNow));
}
BENCHMARK(relative_time);

// A hit among 10,000 cached pages, from the request's headers to the
// answer to write.
void cache_lookup(benchmark::State& state) {
  http::PageCache cache(512 * 1024 * 1024, "byline_session");
  const std::string body(12000, 'x');
  for (int i = 0; i < 10000; ++i) {
    http::Response response = http::Response::html(200, body + std::to_string(i));
    response.cache = http::CachePolicy{{"post:" + std::to_string(i)}, std::nullopt};
    cache.store("/story-" + std::to_string(i) + "/", response, kNow, cache.generation());
  }
  http::CacheRequest request;
  request.method = "GET";
  request.target = "/story-4242/";
  request.accept_encoding = "gzip, deflate, br";
  for (auto _ : state) {
    const auto key = cache.key_for(request);
    benchmark::DoNotOptimize(cache.find(*key, request, kNow));
  }
}
BENCHMARK(cache_lookup);

// What a cache miss pays once per change: both encodings of a 12 KB page.
void compress_page(benchmark::State& state) {
  std::string page;
  while (page.size() < 12000) page += "<p>" + story_text() + "</p>\n";
  for (auto _ : state) {
    benchmark::DoNotOptimize(http::gzip_compress(page));
    benchmark::DoNotOptimize(http::brotli_compress(page));
  }
}
BENCHMARK(compress_page);

}  // namespace

BENCHMARK_MAIN();
