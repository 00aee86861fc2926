// Validation and normalisation of posts on their way into the Store.
#include "content/post_rules.hpp"

#include "content/markdown.hpp"
#include "content/sanitize.hpp"
#include "content/slug.hpp"

namespace byline::content {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

Error invalid(std::string message) {
  return make_error(ErrorCode::invalid_input, std::move(message));
}

}  // namespace

Result<Post> prepare_post(Post post, Time now) {
  post.title = trim(post.title);
  if (post.title.empty()) return invalid("A post needs a title.");
  if (post.title.size() > kMaxTitleBytes) return invalid("The title is too long.");
  if (post.body_source.empty()) post.body_source = post.body_html;
  if (post.body_source.size() > kMaxBodyBytes) return invalid("The body is too long.");

  if (post.slug.empty()) {
    post.slug = make_slug(post.title);
    if (post.slug.empty()) post.slug = "post";
  } else if (!is_valid_slug(post.slug)) {
    return invalid("A slug may hold only lower-case letters, digits and dashes.");
  }

  const std::string written = post.source_format == SourceFormat::markdown ? markdown_to_html(post.body_source)
                                                                             : post.body_source;
  if (estimate_nesting_depth(written) > kMaxBodyNesting) {
    return invalid("The body nests elements more than " + std::to_string(kMaxBodyNesting) +
                   " deep.");
  }
  auto sanitized = sanitize_html_with_text(written);
  post.body_html = std::move(sanitized.html);
  post.plaintext = std::move(sanitized.text);
  post.custom_excerpt = trim(post.custom_excerpt);
  post.featured_image = trim(post.featured_image);
  if (!post.featured_image.empty() &&
      (!is_safe_url(post.featured_image) ||
       !(post.featured_image.starts_with("/") || post.featured_image.starts_with("https://")) ||
       post.featured_image.starts_with("//"))) {
    return invalid("The featured image must be an image address, like one from the Media page.");
  }
  post.featured_image_alt = trim(post.featured_image_alt);
  post.featured_image_caption = trim(post.featured_image_caption);
  post.seo_title = trim(post.seo_title);
  post.seo_description = trim(post.seo_description);
  for (const auto* field : {&post.custom_excerpt, &post.featured_image_alt, &post.featured_image_caption,
                            &post.seo_title, &post.seo_description}) {
    if (field->size() > kMaxTitleBytes) return invalid("One of the fields is too long.");
  }

  // Rule: publishing without a time means now; scheduling needs a time.
  if (post.status == PostStatus::published && !post.published_at) post.published_at = now;
  if (post.status == PostStatus::scheduled && !post.published_at) {
    return invalid("A scheduled post needs a publication time.");
  }
  if (post.authors.empty()) return invalid("A post needs at least one author.");

  if (post.created_at == Time{}) post.created_at = now;
  post.updated_at = now;
  return post;
}

}  // namespace byline::content
