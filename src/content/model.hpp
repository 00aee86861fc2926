// The content model: what a news site is made of. Plain values, no storage
// or HTTP; the Store persists them and the site renders them.
#pragma once

#include "common/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace byline::content {

using Id = std::int64_t;
using byline::Time;

enum class Role { contributor, author, editor, admin };

struct User {
  Id id = 0;
  std::string email;
  std::string name;
  std::string slug;
  std::string bio;
  std::string website;
  Role role = Role::author;
};

struct Section {
  Id id = 0;
  std::string slug;
  std::string name;
  std::string description;
  Id parent_id = 0;  // the section this one is part of; 0: none (content/sections.hpp)
  // The edition it belongs to, by its language ("fa": under /fa/); "": the
  // site's own.
  std::string language = {};
};

struct Tag {
  Id id = 0;
  std::string slug;
  std::string name;
  std::string description;
};

enum class PostType { article, page };

// Rule: only `published` posts whose published_at has come are shown to
// readers; every other status is the newsroom's business.
enum class PostStatus { draft, review, scheduled, published, unpublished };

enum class SourceFormat { html, markdown };

struct Post {
  Id id = 0;
  PostType type = PostType::article;
  std::string slug;
  std::string title;
  std::string body_html;    // canonical, already sanitised
  std::string body_source;  // what the writer typed, in source_format
  SourceFormat source_format = SourceFormat::html;
  std::string plaintext;  // the body's text, for excerpts and search
  std::string custom_excerpt;
  PostStatus status = PostStatus::draft;
  std::optional<Time> published_at;
  Time created_at{};
  Time updated_at{};
  std::string locale;          // empty: the site's locale
  Id translation_of = 0;       // the original this post translates; 0: it is no translation
  int revision = 0;            // counts saves; a save must name the revision it started from
  std::string featured_image;  // an image address ("/media/…"), or ""
  std::string featured_image_alt;
  std::string featured_image_caption;
  std::string seo_title;          // for search results and the <title>; "" uses the title
  std::string seo_description;    // "" uses the excerpt
  bool featured = false;          // an editor's pick for the front page
  std::vector<User> authors;      // ordered; the first is the primary author
  std::vector<Section> sections;  // ordered; the first is the primary section
  std::vector<Tag> tags;          // ordered
};

// One saved state of a post: every save keeps one, so any can be compared
// and restored.
struct Revision {
  Id post_id = 0;
  int number = 0;
  std::string title;
  std::string body_html;
  std::string custom_excerpt;
  PostStatus status = PostStatus::draft;
  Id saved_by = 0;
  std::string saved_by_name;
  Time saved_at{};
};

// An uploaded image. The original is kept as uploaded but never served;
// readers get resized WebP variants, with no metadata (no camera, no GPS).
struct MediaVariant {
  int width = 0;
  std::string path;  // under /media/: "2026/11/3f9a…-800.webp"
};

struct Media {
  Id id = 0;
  std::string original_path;  // under DATA/media/originals/
  std::string original_name;  // as it was called on the uploader's machine
  std::string alt;
  int width = 0;
  int height = 0;
  std::vector<MediaVariant> variants;  // narrowest first; the widest is the src
  Id uploaded_by = 0;
  Time created_at{};
};

std::string_view to_string(PostStatus status);
std::optional<PostStatus> post_status_from_string(std::string_view text);
std::string_view to_string(PostType type);
std::optional<PostType> post_type_from_string(std::string_view text);
std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);
std::string_view to_string(SourceFormat format);
std::optional<SourceFormat> source_format_from_string(std::string_view text);

}  // namespace byline::content
