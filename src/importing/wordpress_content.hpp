// WordPress's post_content made into the HTML Byline keeps. An export has
// the raw database value, before WordPress's display filters: classic
// posts have paragraphs as blank lines (wpautop adds the <p>), block posts
// have their blocks in comments, and both may hold shortcodes. The result
// still goes through the sanitiser with the rest of the post.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace byline::importing {

// An image of the old site as Byline shows it now.
struct ImportedImage {
  std::string src;  // a Byline address ("/media/…") or the old URL
  std::string alt;
  std::string caption;
};

struct ContentLinks {
  // The address an upload URL of the old site ("https://old.example/wp-content/
  // uploads/2019/05/a-300x200.jpg") has now; nullopt when it has none.
  std::function<std::optional<std::string>(std::string_view url)> image_address;
  // The image attachment `id` ([gallery ids="…"]) is; nullopt when unknown.
  std::function<std::optional<ImportedImage>(std::string_view id)> attachment;
};

struct ConvertedContent {
  std::string html;
  std::vector<std::string> unknown_shortcodes;  // names, as often as they appear
};

ConvertedContent convert_wordpress_content(std::string_view raw, const ContentLinks& links);

// wpautop's work: blank-line-separated text becomes paragraphs, single
// line breaks <br>, leaving blocks (<div>, <ul>, <pre> …) as they are.
std::string add_paragraphs(std::string_view text);

}  // namespace byline::importing
