// The template renderer: the default theme's article page rendered with
// arbitrary text in every field a writer controls. Properties: no crash,
// and the text never comes out as markup (no "<" from the input survives
// unescaped in the page).
#include "render/theme.hpp"
#include "render/view.hpp"
#include "site/view_models.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 8192) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  static const auto theme = byline::render::Theme::embedded_default();
  auto settings = std::make_shared<byline::site::SiteSettings>();
  settings->title = text;
  settings->url = "https://news.example";
  const byline::site::PageContext context{settings, byline::render::DateFormatter("en", "UTC"), byline::now_utc(),
                                          {}, {}, {}};
  byline::content::Post post;
  post.id = 1;
  post.slug = "story";
  post.title = "<x" + text;
  post.plaintext = text;
  post.custom_excerpt = text;
  post.featured_image_alt = text;
  post.featured_image_caption = text;
  post.published_at = context.now;
  post.authors = {byline::content::User{1, "a@example.com", "<x" + text, "author", text, "", {}}};
  post.tags = {byline::content::Tag{1, "tag", text, text}};
  byline::render::View view = byline::site::page_view(context, post.title, text, "/story/");
  view.set("post", byline::site::article_view(context, post));
  byline::site::article_metadata(context, post, view);
  auto page = theme->render_page({"post"}, view);
  if (page && page->find("<x") != std::string::npos) std::abort();
  return 0;
}
