// The WordPress importer: WXR items mapped onto Byline's content model.
#include "importing/wordpress_import.hpp"

#include "accounts/accounts.hpp"
#include "common/files_beneath.hpp"
#include "common/text_encoding.hpp"
#include "content/sanitize.hpp"
#include "content/slug.hpp"
#include "content/text.hpp"
#include "http/percent_encoding.hpp"
#include "http/target.hpp"
#include "importing/wordpress_content.hpp"
#include "importing/wxr_reader.hpp"
#include "media/media_library.hpp"
#include "publishing/workflow.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace byline::importing {
namespace {

using content::Id;

constexpr std::size_t kMaxExamples = 20;

// A WordPress id ("123") as a number; 0 for anything else, or one too
// large to be a post's.
Id wordpress_number(std::string_view text) {
  if (text.empty() || text.size() > 15) return 0;
  Id number = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return 0;
    number = number * 10 + (c - '0');
  }
  return number;
}

// "2019-05-04 09:30:00" as a time; nullopt for WordPress's zero date
// ("0000-00-00 00:00:00", an unpublished draft's) and anything malformed.
std::optional<Time> wordpress_time(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 19 ||
      std::sscanf(std::string(text.substr(0, 19)).c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &year, &month,
                  &day, &hour, &minute, &second) != 6) {
    return std::nullopt;
  }
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 ||
      second > 60) {
    return std::nullopt;
  }
  const auto date = std::chrono::year(year) / std::chrono::month(static_cast<unsigned>(month)) /
                    std::chrono::day(static_cast<unsigned>(day));
  if (!date.ok()) return std::nullopt;
  return Time(std::chrono::sys_days(date)) + std::chrono::hours(hour) +
         std::chrono::minutes(minute) + std::chrono::seconds(second);
}

// A WordPress slug (percent-encoded UTF-8 when not Latin) as text.
std::string decoded_slug(std::string_view slug) {
  return clean_text(http::percent_decode(slug, false, false).value_or(std::string(slug)));
}

// The text of a title or name WordPress keeps as HTML ("Tom &amp; Jerry").
std::string plain(std::string_view html) { return content::html_to_text(html); }

std::string host_of(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  return std::string(rest.substr(0, rest.find_first_of("/?#")));
}

bool is_image_file(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  for (const char* extension : {".jpg", ".jpeg", ".png", ".gif", ".webp"}) {
    if (lower.ends_with(extension)) return true;
  }
  return false;
}

// "photo-300x200.jpg" and "photo-scaled.jpg" are WordPress's copies of
// "photo.jpg".
std::string original_of(std::string_view path) {
  const auto dot = path.rfind('.');
  if (dot == std::string_view::npos) return std::string(path);
  std::string_view stem = path.substr(0, dot);
  if (stem.ends_with("-scaled")) {
    stem.remove_suffix(7);
  } else {
    const auto dash = stem.rfind('-');
    const auto x = stem.rfind('x');
    if (dash != std::string_view::npos && x != std::string_view::npos && x > dash + 1 &&
        x + 1 < stem.size() &&
        std::all_of(stem.begin() + static_cast<long>(dash) + 1, stem.begin() + static_cast<long>(x),
                    ::isdigit) &&
        std::all_of(stem.begin() + static_cast<long>(x) + 1, stem.end(), ::isdigit)) {
      stem = stem.substr(0, dash);
    }
  }
  return std::string(stem) + std::string(path.substr(dot));
}

struct Attachment {
  std::string url;
  std::string file;  // "2019/05/photo.jpg", under wp-content/uploads
  std::string alt;
  std::string caption;
};

struct GuestAuthor {
  std::string login;
  std::string name;
  std::string email;
  std::string bio;
  std::string website;
};

// Where a term is in Byline, and the address it had.
template <typename Term>
struct Mapped {
  Term term;
  std::string old_slug;  // decoded, as WordPress had it
};

class WordPressImporter {
 public:
  WordPressImporter(store::Store& store, publishing::Workflow& workflow, media::MediaLibrary& media,
                    const WordPressImportOptions& options, ImportProgress* progress)
      : store_(store), workflow_(workflow), media_(media), options_(options), progress_(progress) {
    summary_.dry_run = options.dry_run;
  }

  Result<ImportSummary> run() {
    std::error_code error;
    const auto size = std::filesystem::file_size(options_.file, error);
    if (error) {
      return make_error(ErrorCode::invalid_input,
                        "Cannot read " + options_.file.string() + ": " + error.message() + ".");
    }
    if (options_.uploads && !std::filesystem::is_directory(*options_.uploads)) {
      return make_error(ErrorCode::invalid_input,
                        "--uploads " + options_.uploads->string() + " is not a directory.");
    }
    total_bytes_ = size;

    begin("Reading");
    WxrHandlers survey;
    survey.site = [this](const WxrSite& site) { return take_site(site); };
    survey.author = [this](const WxrAuthor& author) { return take_author(author); };
    survey.term = [this](const WxrTerm& term) { return take_term(term); };
    survey.item = [this](WxrItem& item) { return survey_item(item); };
    survey.progress = [this](std::uint64_t bytes) { advance(bytes); };
    survey.bodies = false;  // the survey brings people, terms and images
    auto read = read_wxr(options_.file, survey);
    end();
    BYLINE_TRY(read);

    BYLINE_TRY(bring_people());
    BYLINE_TRY(bring_terms());
    BYLINE_TRY(bring_images());

    begin("Importing");
    WxrHandlers posts;
    posts.item = [this](WxrItem& item) { return import_item(item); };
    posts.progress = [this](std::uint64_t bytes) { advance(bytes); };
    auto imported = read_wxr(options_.file, posts);
    if (imported) imported = flush();
    // The last batch is waited for whatever happened before it.
    auto collected = collect();
    if (imported) imported = collected;
    end();
    BYLINE_TRY(imported);
    return summary_;
  }

 private:
  // --- Progress ---------------------------------------------------------

  void begin(std::string_view phase) {
    items_ = 0;
    if (progress_) progress_->begin(phase, total_bytes_);
  }
  void advance(std::uint64_t bytes) {
    if (progress_) progress_->advance(bytes, items_);
  }
  void end() {
    if (progress_) progress_->end();
  }

  // --- Pass one: what the posts need ------------------------------------

  Result<void> take_site(const WxrSite& site) {
    site_ = site;
    std::string base = !site.base_blog_url.empty()   ? site.base_blog_url
                       : !site.base_site_url.empty() ? site.base_site_url
                                                     : site.link;
    while (base.ends_with('/')) base.pop_back();
    source_ = "wordpress " + base;
    host_ = host_of(base);
    return {};
  }

  Result<void> take_author(const WxrAuthor& author) {
    if (author.login.empty() || known_logins_.count(author.login)) return {};
    known_logins_.insert(author.login);
    authors_.push_back(author);
    return {};
  }

  Result<void> take_term(const WxrTerm& term) {
    const std::string slug = decoded_slug(term.slug);
    if (slug.empty()) return {};
    if (term.kind == WxrTerm::Kind::category || term.taxonomy == "category") {
      if (category_slugs_.insert(slug).second) categories_.push_back(term);
    } else if (term.kind == WxrTerm::Kind::tag || term.taxonomy == "post_tag") {
      if (tag_slugs_.insert(slug).second) tags_.push_back(term);
    }
    return {};
  }

  Result<void> survey_item(WxrItem& item) {
    ++items_;
    if (item.post_type == "attachment") {
      Attachment attachment;
      attachment.url = !item.attachment_url.empty() ? item.attachment_url : item.guid;
      attachment.file = item.meta_value("_wp_attached_file");
      attachment.alt = plain(item.meta_value("_wp_attachment_image_alt"));
      attachment.caption = plain(item.excerpt);
      if (!item.post_id.empty()) attachments_[item.post_id] = std::move(attachment);
      return {};
    }
    if (item.post_type == "guest-author") {
      GuestAuthor guest;
      guest.login = item.meta_value("cap-user_login");
      if (guest.login.empty()) guest.login = decoded_slug(item.post_name);
      guest.name = plain(item.meta_value("cap-display_name"));
      if (guest.name.empty()) guest.name = plain(item.title);
      guest.email = item.meta_value("cap-user_email");
      guest.bio = plain(item.meta_value("cap-description"));
      guest.website = item.meta_value("cap-website");
      if (!guest.login.empty() && !known_logins_.count(guest.login)) {
        known_logins_.insert(guest.login);
        guests_.push_back(std::move(guest));
      }
      return {};
    }
    if (item.post_type != "post" && item.post_type != "page") return {};
    // WXR 1.0 lists no authors, and a partial export only some: the
    // bylines name the rest.
    if (!item.creator.empty() && !known_logins_.count(item.creator)) {
      known_logins_.insert(item.creator);
      WxrAuthor author;
      author.login = item.creator;
      authors_.push_back(author);
    }
    for (const auto& term : item.terms) {
      if (term.nicename.empty()) continue;
      WxrTerm found;
      found.slug = term.nicename;
      found.name = term.name;
      if (term.domain == "category") {
        found.kind = WxrTerm::Kind::category;
        BYLINE_TRY(take_term(found));
      } else if (term.domain == "post_tag" || term.domain == "tag") {
        found.kind = WxrTerm::Kind::tag;
        BYLINE_TRY(take_term(found));
      }
    }
    return {};
  }

  store::LegacyKey key(std::string kind, std::string id) const {
    return {source_, std::move(kind), std::move(id)};
  }

  Result<void> bring_people() {
    std::vector<store::ImportedUser> people;
    std::vector<std::string> logins;
    auto add = [&](const std::string& login, std::string_view wordpress_id, std::string name,
                   std::string email, std::string bio, std::string website) {
      content::User user;
      user.name = utf8_prefix(name.empty() ? login : name, accounts::kMaxNameBytes);
      user.slug = content::make_slug(login);
      if (user.slug.empty()) user.slug = content::make_slug(user.name);
      if (user.slug.empty()) user.slug = "author";
      // Everyone on the staff has an email; someone the export names
      // without one gets an address that can never receive mail, until an
      // admin gives them theirs.
      user.email = accounts::normalize_email(email).value_or(user.slug + "@unknown.invalid");
      user.bio = utf8_prefix(bio, 2000);
      user.website = content::safe_website(website);
      user.role = content::Role::author;
      people.push_back({user, key("user", login), wordpress_number(wordpress_id)});
      logins.push_back(login);
    };
    for (const auto& author : authors_) {
      std::string name = plain(author.display_name);
      if (name.empty()) name = plain(author.first_name + " " + author.last_name);
      add(author.login, author.id, std::move(name), author.email, "", "");
    }
    // Co-authors' guest authors are posts in WordPress, not users: no
    // user number to keep.
    for (const auto& guest : guests_)
      add(guest.login, "", guest.name, guest.email, guest.bio, guest.website);
    summary_.authors = static_cast<long>(people.size());
    if (options_.dry_run) {
      for (std::size_t i = 0; i < people.size(); ++i) {
        people[i].user.id = -static_cast<Id>(i + 1);
        users_[logins[i]] = people[i].user;
      }
      return {};
    }
    auto ids = store_.import_users(people);
    BYLINE_TRY(ids);
    std::vector<store::Redirect> moved;
    for (std::size_t i = 0; i < people.size(); ++i) {
      auto user = store_.user_by_id((*ids)[i]);
      BYLINE_TRY(user);
      if (!*user) continue;
      users_[logins[i]] = **user;
      // "/author/login/" is WordPress's address for them.
      const std::string old_slug = content::make_slug(logins[i]);
      if (!old_slug.empty() && old_slug != (*user)->slug) {
        for (const std::string suffix : {"/", "/feed/"}) {
          if (auto address = http::canonical_address("/author/" + old_slug + suffix)) {
            moved.push_back(
                {*address, 0, "/author/" + (*user)->slug + (suffix == "/" ? "/" : "/rss/")});
          }
        }
      }
      moved.push_back(
          {"/author/" + (*user)->slug + "/feed/", 0, "/author/" + (*user)->slug + "/rss/"});
      if (!authors_.empty() && i < authors_.size() && !authors_[i].id.empty()) {
        moved.push_back({"/?author=" + authors_[i].id, 0, "/author/" + (*user)->slug + "/"});
      }
    }
    return add_redirects(moved);
  }

  Result<void> add_redirects(const std::vector<store::Redirect>& redirects) {
    summary_.redirects += static_cast<long>(redirects.size());
    if (options_.dry_run || redirects.empty()) return {};
    return store_.add_redirects(redirects);
  }

  // A term's name as Byline keeps it: its text, never empty.
  static std::string term_name(const WxrTerm& term, std::string_view slug) {
    std::string name = plain(term.name);
    if (name.empty()) name = std::string(slug);
    return utf8_prefix(name, 100);
  }

  // A term's slug in Byline's form; `fallback` when nothing of it is left.
  static std::string term_slug(std::string_view wanted, std::string_view fallback) {
    std::string slug =
        content::is_valid_slug(wanted) ? std::string(wanted) : content::make_slug(wanted);
    return slug.empty() ? std::string(fallback) : slug;
  }

  static std::string term_id(const WxrTerm& term, std::string_view slug) {
    return !term.id.empty() ? term.id : "slug:" + std::string(slug);
  }

  Result<void> bring_terms() {
    // Parents before children, whatever order the file had them in.
    std::unordered_map<std::string, const WxrTerm*> by_slug;
    for (const auto& term : categories_) by_slug[decoded_slug(term.slug)] = &term;
    std::vector<const WxrTerm*> ordered;
    std::unordered_set<std::string> placed;
    std::function<void(const WxrTerm&, int)> place = [&](const WxrTerm& term, int depth) {
      const std::string slug = decoded_slug(term.slug);
      if (placed.count(slug) || depth > 50) return;
      const auto parent = by_slug.find(decoded_slug(term.parent_slug));
      if (!term.parent_slug.empty() && parent != by_slug.end() && parent->second != &term)
        place(*parent->second, depth + 1);
      if (placed.insert(slug).second) ordered.push_back(&term);
    };
    for (const auto& term : categories_) place(term, 0);

    std::vector<store::ImportedSection> sections;
    std::vector<std::string> old_slugs;
    for (const WxrTerm* term : ordered) {
      const std::string slug = decoded_slug(term->slug);
      content::Section section;
      section.slug = term_slug(slug, "section");
      section.name = term_name(*term, slug);
      section.description = utf8_prefix(plain(term->description), 500);
      std::optional<store::LegacyKey> parent;
      const auto parent_term = by_slug.find(decoded_slug(term->parent_slug));
      if (!term->parent_slug.empty() && parent_term != by_slug.end() &&
          parent_term->second != term) {
        parent = key("section", term_id(*parent_term->second, parent_term->first));
      }
      sections.push_back(
          {section, key("section", term_id(*term, slug)), parent, wordpress_number(term->id)});
      old_slugs.push_back(slug);
    }
    std::vector<store::ImportedTag> tags;
    std::vector<std::string> old_tag_slugs;
    for (const auto& term : tags_) {
      const std::string slug = decoded_slug(term.slug);
      content::Tag tag;
      tag.slug = term_slug(slug, "tag");
      tag.name = term_name(term, slug);
      tag.description = utf8_prefix(plain(term.description), 500);
      tags.push_back({tag, key("tag", term_id(term, slug)), wordpress_number(term.id)});
      old_tag_slugs.push_back(slug);
    }
    summary_.sections = static_cast<long>(sections.size());
    summary_.tags = static_cast<long>(tags.size());
    if (options_.dry_run) {
      for (std::size_t i = 0; i < sections.size(); ++i) {
        sections[i].section.id = -static_cast<Id>(i + 1);
        sections_[old_slugs[i]] = sections[i].section;
      }
      for (std::size_t i = 0; i < tags.size(); ++i) {
        tags[i].tag.id = -static_cast<Id>(i + 1);
        tags_by_slug_[old_tag_slugs[i]] = tags[i].tag;
      }
      return {};
    }
    auto section_ids = store_.import_sections(sections);
    BYLINE_TRY(section_ids);
    auto tag_ids = store_.import_tags(tags);
    BYLINE_TRY(tag_ids);
    auto stored_sections = store_.sections();
    BYLINE_TRY(stored_sections);
    std::unordered_map<Id, content::Section> section_by_id;
    for (const auto& section : *stored_sections) section_by_id[section.id] = section;

    std::vector<store::Redirect> moved;
    // WordPress's category addresses: "/category/world/europe/" (the whole
    // trail), "/category/europe/" (which it also serves), their feeds, and
    // "/?cat=ID".
    std::unordered_map<std::string, std::string> trail_of;
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      const WxrTerm& term = *ordered[i];
      const auto found = section_by_id.find((*section_ids)[i]);
      if (found == section_by_id.end()) continue;
      sections_[old_slugs[i]] = found->second;
      const auto parent = trail_of.find(decoded_slug(term.parent_slug));
      const std::string trail =
          (parent != trail_of.end() ? parent->second + "/" : std::string()) + old_slugs[i];
      trail_of[old_slugs[i]] = trail;
      const std::string page = "/section/" + found->second.slug + "/";
      for (const std::string& path :
           {"/category/" + trail + "/", "/category/" + old_slugs[i] + "/"}) {
        if (auto address = http::canonical_address(path)) moved.push_back({*address, 0, page});
        if (auto address = http::canonical_address(path + "feed/"))
          moved.push_back({*address, 0, page + "rss/"});
      }
      if (!term.id.empty()) moved.push_back({"/?cat=" + term.id, 0, page});
    }
    for (std::size_t i = 0; i < tags_.size(); ++i) {
      auto tag = store_.tag_by_slug(tags[i].tag.slug);
      BYLINE_TRY(tag);
      // A tag another tag's slug was taken by is that tag.
      std::optional<content::Tag> local = *tag;
      if (!local) continue;
      local->id = (*tag_ids)[i];
      tags_by_slug_[old_tag_slugs[i]] = *local;
      const std::string page = "/tag/" + local->slug + "/";
      if (auto address = http::canonical_address("/tag/" + old_tag_slugs[i] + "/");
          address && *address != page) {
        moved.push_back({*address, 0, page});
      }
      if (auto address = http::canonical_address("/tag/" + old_tag_slugs[i] + "/feed/")) {
        moved.push_back({*address, 0, page + "rss/"});
      }
    }
    // Duplicates would only be written twice; an address that is already
    // its page's needs no redirect.
    std::sort(moved.begin(), moved.end(),
              [](const auto& a, const auto& b) { return a.address < b.address; });
    moved.erase(std::unique(moved.begin(), moved.end(),
                            [](const auto& a, const auto& b) { return a.address == b.address; }),
                moved.end());
    std::erase_if(moved, [](const store::Redirect& r) { return r.address == r.location; });
    return add_redirects(moved);
  }

  Result<void> bring_images() {
    for (auto& [id, attachment] : attachments_) {
      if (!is_image_file(attachment.file.empty() ? attachment.url : attachment.file)) {
        summary_.skipped_kinds["attachments that are not images (kept at their old addresses)"]++;
        continue;
      }
      ImportedImage image{attachment.url, attachment.alt, attachment.caption};
      if (options_.uploads && !attachment.file.empty()) {
        auto src = take_in(id, attachment);
        BYLINE_TRY(src);
        if (*src) {
          image.src = **src;
          file_to_src_[attachment.file] = **src;
        }
      } else if (options_.uploads) {
        summary_.skipped_kinds["image attachments without a file name (_wp_attached_file)"]++;
      }
      images_[id] = std::move(image);
    }
    return {};
  }

  // The address of the image `attachment` as a Byline media item: made
  // from the file in --uploads, or found from an earlier run. nullopt when
  // the file is missing or not an image Byline takes.
  Result<std::optional<std::string>> take_in(const std::string& id, const Attachment& attachment) {
    const auto legacy = key("media", id);
    auto record = store_.legacy_record(legacy);
    BYLINE_TRY(record);
    if (*record) {
      auto media = store_.media_by_id((*record)->local_id);
      BYLINE_TRY(media);
      if (*media) {
        ++summary_.media_imported;
        return std::optional<std::string>(media::media_src(**media));
      }
    }
    // Only beneath --uploads, and no symlinks: "../" in an export names no
    // file of ours.
    auto bytes = read_file_beneath(*options_.uploads, attachment.file, media::kMaxUploadBytes);
    if (!bytes) {
      const bool there = is_file_beneath(*options_.uploads, attachment.file);
      summary_.skipped.push_back(
          "image " + attachment.file.substr(0, 200) + ": " +
          (there ? "larger than " + std::to_string(media::kMaxUploadBytes / 1024 / 1024) + " MB"
                 : std::string("no such file in --uploads")));
      return std::optional<std::string>();
    }
    if (options_.dry_run) {
      ++summary_.media_imported;
      return std::optional<std::string>();
    }
    media::Upload upload{*bytes,         std::filesystem::path(attachment.file).filename().string(),
                         attachment.alt, 0,
                         legacy,         wordpress_number(id)};
    auto added = media_.add(upload, now_utc());
    if (!added) {
      if (added.error().code == ErrorCode::invalid_input ||
          added.error().code == ErrorCode::too_large) {
        summary_.skipped.push_back("image " + attachment.file.substr(0, 200) + ": " +
                                   added.error().message);
        return std::optional<std::string>();
      }
      return added.error();
    }
    ++summary_.media_imported;
    return std::optional<std::string>(media::media_src(*added));
  }

  // The address an old upload URL has now, if Byline has the image.
  std::optional<std::string> image_address(std::string_view url) const {
    const auto uploads = url.find("/wp-content/uploads/");
    if (uploads == std::string_view::npos) return std::nullopt;
    const std::string host = host_of(url);
    if (!host.empty() && host != host_) return std::nullopt;
    std::string_view rest = url.substr(uploads + std::string_view("/wp-content/uploads/").size());
    rest = rest.substr(0, rest.find_first_of("?#"));
    for (const std::string& path : {std::string(rest), original_of(rest)}) {
      const auto found = file_to_src_.find(path);
      if (found != file_to_src_.end()) return found->second;
    }
    return std::nullopt;
  }

  // --- Pass two: posts and pages ----------------------------------------

  Result<void> import_item(WxrItem& item) {
    ++items_;
    const std::string& type = item.post_type;
    if (type == "attachment" || type == "guest-author") return {};
    if (type == "nav_menu_item") {
      ++summary_.skipped_kinds["navigation menu items (menus are not imported)"];
      return {};
    }
    if (type == "wp_block" || type == "wp_template" || type == "wp_template_part" ||
        type == "wp_global_styles" || type == "wp_navigation" || type == "custom_css" ||
        type == "customize_changeset" || type == "oembed_cache" || type == "revision" ||
        type == "user_request") {
      ++summary_.skipped_kinds["of WordPress's own records (reusable blocks, templates, styles)"];
      return {};
    }
    if (type != "post" && type != "page") {
      ++summary_.skipped_kinds["items of custom post types (" + type.substr(0, 50) + ")"];
      return {};
    }
    if (item.comments > 0)
      summary_.skipped_kinds["comments (Byline has none yet)"] += item.comments;
    if (item.status == "auto-draft" || item.status == "inherit") {
      ++summary_.skipped_kinds["auto-drafts"];
      return {};
    }
    if (item.status == "trash") {
      ++summary_.skipped_kinds["posts in the trash"];
      return {};
    }
    const std::string label = type + " " + item.post_id.substr(0, 20) + " \"" +
                              plain(item.title).substr(0, 80) + "\" (line " +
                              std::to_string(item.line) + ")";
    auto skip = [&](std::string reason) -> Result<void> {
      summary_.skipped.push_back(label + ": " + std::move(reason));
      return {};
    };
    if (item.post_id.empty()) return skip("it has no wp:post_id");
    if (!seen_posts_.insert(item.post_id).second)
      return skip("another item has the same wp:post_id");
    for (const auto& cut : item.cut) {
      if (cut == "content:encoded")
        return skip("its body is larger than " + std::to_string(kMaxWxrBodyBytes / 1024 / 1024) +
                    " MB");
    }

    publishing::ImportedPost imported;
    content::Post& post = imported.post;
    post.type = type == "page" ? content::PostType::page : content::PostType::article;
    post.title = plain(item.title);
    post.slug = decoded_slug(item.post_name);

    // Status and times. WordPress keeps GMT beside the site's own time; a
    // draft has no GMT time, so its own time stands in.
    const auto local = wordpress_time(item.post_date);
    const auto gmt = wordpress_time(item.post_date_gmt);
    const auto when = gmt ? gmt : local;
    const auto modified = wordpress_time(item.post_modified_gmt);
    if (item.status == "publish") {
      post.status = content::PostStatus::published;
    } else if (item.status == "future") {
      post.status = content::PostStatus::scheduled;
    } else if (item.status == "pending") {
      post.status = content::PostStatus::review;
    } else if (item.status == "private") {
      post.status = content::PostStatus::unpublished;
    } else {
      post.status = content::PostStatus::draft;
    }
    if (!item.post_password.empty() && post.status == content::PostStatus::published) {
      post.status = content::PostStatus::unpublished;
      summary_.notes.push_back(label + ": password-protected, so imported as not public");
    }
    if (post.status == content::PostStatus::published ||
        post.status == content::PostStatus::scheduled) {
      if (!when) return skip("it is " + item.status + " but has no date");
      post.published_at = when;
    }
    post.created_at = when.value_or(modified.value_or(Time{}));
    post.updated_at = modified.value_or(post.created_at);
    post.featured = item.is_sticky == "1";

    // People: dc:creator first, then Co-Authors Plus's bylines in order.
    if (item.creator.empty()) return skip("it names no author (dc:creator is empty)");
    const auto creator = users_.find(item.creator);
    if (creator == users_.end())
      return skip("its author " + item.creator.substr(0, 60) + " could not be made");
    post.authors.push_back(creator->second);
    for (const auto& term : item.terms) {
      if (term.domain != "author") continue;
      std::string login = decoded_slug(term.nicename);
      if (login.starts_with("cap-")) login = login.substr(4);
      auto found = users_.find(login);
      if (found == users_.end()) {
        found = std::find_if(users_.begin(), users_.end(), [&](const auto& entry) {
          return entry.second.slug == content::make_slug(login);
        });
      }
      if (found == users_.end()) continue;
      const bool already =
          std::any_of(post.authors.begin(), post.authors.end(),
                      [&](const content::User& u) { return u.id == found->second.id; });
      if (!already) post.authors.push_back(found->second);
    }
    for (const auto& term : item.terms) {
      const std::string slug = decoded_slug(term.nicename);
      if (term.domain == "category") {
        const auto found = sections_.find(slug);
        if (found != sections_.end() &&
            std::none_of(post.sections.begin(), post.sections.end(),
                         [&](const content::Section& s) { return s.id == found->second.id; })) {
          post.sections.push_back(found->second);
        }
      } else if (term.domain == "post_tag" || term.domain == "tag") {
        const auto found = tags_by_slug_.find(slug);
        if (found != tags_by_slug_.end() &&
            std::none_of(post.tags.begin(), post.tags.end(),
                         [&](const content::Tag& t) { return t.id == found->second.id; })) {
          post.tags.push_back(found->second);
        }
      }
    }
    for (const auto& cut : item.cut) {
      if (cut == "terms")
        summary_.notes.push_back(label + ": only its first " + std::to_string(kMaxWxrTermsPerItem) +
                                 " sections and tags were kept");
    }

    // The body, the excerpt and the pictures.
    ContentLinks links;
    links.image_address = [this](std::string_view url) { return image_address(url); };
    links.attachment = [this](std::string_view id) -> std::optional<ImportedImage> {
      const auto found = images_.find(std::string(id));
      if (found == images_.end()) return std::nullopt;
      return found->second;
    };
    ConvertedContent converted = convert_wordpress_content(item.content, links);
    for (const auto& name : converted.unknown_shortcodes) ++summary_.unknown_shortcodes[name];
    note_old_images(converted.html);
    post.body_source = std::move(converted.html);
    post.custom_excerpt = utf8_prefix(plain(item.excerpt), 1000);
    if (const auto thumbnail = item.meta_value("_thumbnail_id"); !thumbnail.empty()) {
      const auto image = images_.find(thumbnail);
      if (image != images_.end()) {
        const std::string& src = image->second.src;
        if (src.starts_with("/media/") || src.starts_with("https://")) {
          post.featured_image = src;
          post.featured_image_alt = utf8_prefix(image->second.alt, 1000);
          post.featured_image_caption = utf8_prefix(image->second.caption, 1000);
        } else {
          summary_.notes.push_back(
              label + ": its featured image " + src.substr(0, 200) +
              " is not on https, so it was left out (import with --uploads to bring it)");
        }
      }
    }
    // Search engines' title and description, from Yoast, Rank Math or
    // All in One SEO; their templates ("%%title%% %%sep%%") are not titles.
    for (const auto& [title_key, description_key] :
         {std::pair{"_yoast_wpseo_title", "_yoast_wpseo_metadesc"},
          std::pair{"rank_math_title", "rank_math_description"},
          std::pair{"_aioseo_title", "_aioseo_description"},
          std::pair{"_aioseop_title", "_aioseop_description"}}) {
      const std::string& title = item.meta_value(title_key);
      if (post.seo_title.empty() && !title.empty() && title.find('%') == std::string::npos &&
          title.find("#post_title") == std::string::npos) {
        post.seo_title = utf8_prefix(plain(title), 1000);
      }
      const std::string& description = item.meta_value(description_key);
      if (post.seo_description.empty() && !description.empty() &&
          description.find('%') == std::string::npos &&
          description.find("#post_excerpt") == std::string::npos) {
        post.seo_description = utf8_prefix(plain(description), 1000);
      }
    }

    imported.legacy = key("post", item.post_id);
    // WordPress's number, kept where no post has had it: the REST API's
    // clients and old ?p= links name stories by it.
    imported.preferred_id = wordpress_number(item.post_id);
    imported.old_addresses = old_addresses(item, post);
    imported.digest = digest(item, post);
    batch_bytes_ += imported.post.body_source.size();
    batch_.push_back(std::move(imported));
    labels_.push_back(label);
    if (batch_.size() >= options_.batch_size || batch_bytes_ >= options_.batch_bytes)
      return flush();
    return {};
  }

  void note_old_images(std::string_view html) {
    std::size_t at = 0;
    while ((at = html.find("/wp-content/uploads/", at)) != std::string_view::npos) {
      ++summary_.images_left;
      if (summary_.images_left_examples.size() < kMaxExamples) {
        auto start = html.rfind('"', at);
        auto end = html.find('"', at);
        if (start != std::string_view::npos && end != std::string_view::npos) {
          summary_.images_left_examples.emplace_back(
              html.substr(start + 1, std::min<std::size_t>(end - start - 1, 300)));
        }
      }
      at += 20;
    }
  }

  // Every address WordPress served the post at.
  std::vector<std::string> old_addresses(const WxrItem& item, const content::Post& post) const {
    std::vector<std::string> addresses;
    auto add = [&](std::string_view url) {
      if (auto address = http::canonical_address(url)) addresses.push_back(std::move(*address));
    };
    if (!item.link.empty() && (host_of(item.link).empty() || host_of(item.link) == host_))
      add(item.link);
    add("/?p=" + item.post_id);
    if (post.type == content::PostType::page) add("/?page_id=" + item.post_id);
    std::vector<std::string> slugs;
    if (!item.post_name.empty()) slugs.push_back(decoded_slug(item.post_name));
    for (const auto& meta : item.meta) {
      if (meta.key == "_wp_old_slug" && !meta.value.empty())
        slugs.push_back(decoded_slug(meta.value));
    }
    // Date permalinks use the site's own time.
    const auto local = wordpress_time(item.post_date);
    for (const auto& slug : slugs) {
      add("/" + http::url_encode(slug) + "/");
      if (!local || post.type == content::PostType::page) continue;
      const auto day = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(*local));
      char date[32];
      std::snprintf(date, sizeof date, "/%04d/%02u/%02u/", static_cast<int>(day.year()),
                    static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
      const std::string month(date, 9);  // "/2019/05/"
      add(std::string(date) + http::url_encode(slug) + "/");
      add(month + http::url_encode(slug) + "/");
    }
    std::sort(addresses.begin(), addresses.end());
    addresses.erase(std::unique(addresses.begin(), addresses.end()), addresses.end());
    return addresses;
  }

  // What the post would be made of: when it is the same next time, the
  // post is left alone.
  static std::string digest(const WxrItem& item, const content::Post& post) {
    std::string all;
    for (const std::string* field :
         {&post.title, &post.slug, &post.body_source, &post.custom_excerpt, &post.featured_image,
          &post.seo_title, &post.seo_description, &item.status, &item.post_date_gmt,
          &item.post_modified_gmt, &item.link}) {
      all += *field;
      all += '\x1f';
    }
    for (const auto& author : post.authors) all += std::to_string(author.id) + ",";
    for (const auto& section : post.sections) all += std::to_string(section.id) + ",";
    for (const auto& tag : post.tags) all += std::to_string(tag.id) + ",";
    all += post.featured ? "1" : "0";
    return content_hash(all);
  }

  // Checks the batch (on every core) while the one before is written, then
  // hands it to a thread of its own to write, so that the next batch is
  // read and checked meanwhile. Each batch is written after the one before
  // has been, and is told the slugs that one takes.
  Result<void> flush() {
    if (batch_.empty()) return {};
    std::vector<bool> pages;
    for (const auto& item : batch_) pages.push_back(item.post.type == content::PostType::page);
    // A dry run writes no batch, so it tells each the slugs of all before.
    static const std::set<std::string, std::less<>> kNoSlugs;
    const auto& taken = options_.dry_run ? dry_run_slugs_
                        : in_flight_     ? in_flight_->slugs
                                         : kNoSlugs;
    auto prepared = workflow_.prepare_import(actor_, std::move(batch_), now_utc(), taken);
    batch_.clear();
    batch_bytes_ = 0;
    BYLINE_TRY(collect());
    BYLINE_TRY(prepared);
    if (options_.dry_run) {
      dry_run_slugs_.merge(prepared->slugs);
      count_batch(summary_, prepared->outcomes, pages, labels_);
      labels_.clear();
      return {};
    }
    InFlight flight;
    flight.pages = std::move(pages);
    flight.labels = std::move(labels_);
    labels_.clear();
    flight.slugs = std::move(prepared->slugs);  // the write needs none of them
    flight.outcomes =
        std::async(std::launch::async, [this, ready = std::move(*prepared)]() mutable {
          return workflow_.write_import(std::move(ready));
        });
    in_flight_ = std::move(flight);
    return {};
  }

  // Waits for the batch being written, and counts what became of it.
  Result<void> collect() {
    if (!in_flight_) return {};
    InFlight flight = std::move(*in_flight_);
    in_flight_.reset();
    auto outcomes = flight.outcomes.get();
    BYLINE_TRY(outcomes);
    count_batch(summary_, *outcomes, flight.pages, flight.labels);
    return {};
  }

  struct InFlight {
    std::future<Result<std::vector<publishing::ImportOutcome>>> outcomes;
    std::vector<bool> pages;
    std::vector<std::string> labels;
    std::set<std::string, std::less<>> slugs;
  };

  store::Store& store_;
  publishing::Workflow& workflow_;
  const publishing::Actor actor_ = publishing::Actor::system("importer (WordPress)");
  media::MediaLibrary& media_;
  const WordPressImportOptions& options_;
  ImportProgress* progress_;
  ImportSummary summary_;
  std::uint64_t total_bytes_ = 0;
  std::uint64_t items_ = 0;

  WxrSite site_;
  std::string source_ = "wordpress";
  std::string host_;
  std::vector<WxrAuthor> authors_;
  std::vector<GuestAuthor> guests_;
  std::unordered_set<std::string> known_logins_;
  std::vector<WxrTerm> categories_;
  std::vector<WxrTerm> tags_;
  std::unordered_set<std::string> category_slugs_;
  std::unordered_set<std::string> tag_slugs_;
  std::unordered_map<std::string, Attachment> attachments_;

  std::unordered_map<std::string, content::User> users_;        // by login
  std::unordered_map<std::string, content::Section> sections_;  // by WordPress's slug
  std::unordered_map<std::string, content::Tag> tags_by_slug_;  // by WordPress's slug
  std::unordered_map<std::string, ImportedImage> images_;       // by attachment id
  std::unordered_map<std::string, std::string> file_to_src_;    // "2019/05/a.jpg" → "/media/…"
  std::unordered_set<std::string> seen_posts_;

  std::vector<publishing::ImportedPost> batch_;
  std::size_t batch_bytes_ = 0;  // of the batch's bodies
  std::vector<std::string> labels_;
  std::optional<InFlight> in_flight_;
  std::set<std::string, std::less<>> dry_run_slugs_;  // every slug a dry run has given out
};

}  // namespace

Result<ImportSummary> import_wordpress(store::Store& store, publishing::Workflow& workflow,
                                       media::MediaLibrary& media,
                                       const WordPressImportOptions& options,
                                       ImportProgress* progress) {
  WordPressImporter importer(store, workflow, media, options, progress);
  return importer.run();
}

}  // namespace byline::importing
