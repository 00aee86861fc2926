// Reading a WordPress export (WXR, "WordPress eXtended RSS") as a stream:
// libxml2's SAX parser, fed the file a piece at a time, hands over each
// author, term and item as soon as it is complete, so memory stays flat
// whatever the file's size. Entities, DTDs and the network are off: a file
// that declares a DTD is refused before anything of it is used.
#pragma once

#include "common/result.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace byline::importing {

// Bounds on what one item may bring; past them the rest is dropped and the
// item says so (WxrItem::cut), so a hostile file cannot make memory grow.
inline constexpr std::size_t kMaxWxrBodyBytes = 8 * 1024 * 1024;  // more than any post may hold
inline constexpr std::size_t kMaxWxrFieldBytes = 64 * 1024;
inline constexpr std::size_t kMaxWxrTermsPerItem = 1000;
inline constexpr std::size_t kMaxWxrMetaPerItem = 1000;
inline constexpr int kMaxWxrDepth = 64;

// What the channel says of the site.
struct WxrSite {
  std::string title;
  std::string link;
  std::string language;
  std::string wxr_version;  // "1.0", "1.1", "1.2"
  std::string base_site_url;
  std::string base_blog_url;
};

struct WxrAuthor {
  std::string id;  // empty in WXR 1.0
  std::string login;
  std::string email;
  std::string display_name;
  std::string first_name;
  std::string last_name;
};

// A category, tag or other term of the channel's lists.
struct WxrTerm {
  enum class Kind { category, tag, other };
  Kind kind = Kind::other;
  std::string id;
  std::string taxonomy;     // "category", "post_tag", "nav_menu", ...
  std::string slug;         // as exported (may be percent-encoded)
  std::string parent_slug;  // "" for none
  std::string name;
  std::string description;
};

// One <category> of an item: a term it has.
struct WxrItemTerm {
  std::string domain;    // "category", "post_tag" ("tag" in WXR 1.0), "author", ...
  std::string nicename;  // the slug; "" on WXR 1.0's duplicates
  std::string name;
};

struct WxrMeta {
  std::string key;
  std::string value;
};

struct WxrItem {
  std::string title;
  std::string link;
  std::string creator;  // the author's login
  std::string guid;
  std::string content;
  std::string excerpt;
  std::string post_id;
  std::string post_date;          // the site's time: "2019-05-04 09:30:00"
  std::string post_date_gmt;      // "0000-00-00 00:00:00" for unpublished drafts
  std::string post_modified_gmt;  // since WordPress 5.7
  std::string post_name;          // the slug, percent-encoded when not Latin
  std::string status;
  std::string post_parent;
  std::string post_type;
  std::string post_password;
  std::string is_sticky;
  std::string attachment_url;
  std::vector<WxrItemTerm> terms;
  std::vector<WxrMeta> meta;
  int comments = 0;
  std::vector<std::string>
      cut;  // fields larger than their bound, left out or cut: "content:encoded", "terms"
  std::uint64_t line = 0;  // where the item starts, for messages

  // The value of meta `key`, or "".
  const std::string& meta_value(std::string_view key) const;
};

struct WxrHandlers {
  // Each may stop the reading by returning an error, which read_wxr returns.
  std::function<Result<void>(const WxrSite&)> site;  // once, before the first author, term or item
  std::function<Result<void>(const WxrAuthor&)> author;
  std::function<Result<void>(const WxrTerm&)> term;
  std::function<Result<void>(WxrItem&)> item;
  std::function<void(std::uint64_t bytes_read)> progress;  // after each piece of the file
  // Whether items come with their content:encoded. A reading that needs
  // no bodies is faster without: they are most of an export's bytes.
  bool bodies = true;
};

// Reads the export at `path`. Fails with invalid_input and a sentence
// naming the line and column for malformed XML, with invalid_input for a
// file that declares a DTD or is not a WordPress export (no rss root, no
// wp:wxr_version, or a version newer than 1.2), and with the error a
// handler returned.
Result<void> read_wxr(const std::filesystem::path& path, const WxrHandlers& handlers);

}  // namespace byline::importing
