// The Ghost importer: the export's tables mapped onto Byline's content model.
#include "importing/ghost_import.hpp"

#include "accounts/accounts.hpp"
#include "common/text_encoding.hpp"
#include "content/ghost_documents.hpp"
#include "content/sanitize.hpp"
#include "content/slug.hpp"
#include "content/text.hpp"
#include "publishing/workflow.hpp"
#include "store/store.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <unordered_map>

namespace byline::importing {
namespace {

namespace json = boost::json;
using content::Id;

Error invalid(std::string message) {
  return make_error(ErrorCode::invalid_input, std::move(message));
}

std::string text(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_string()) return {};
  return clean_text(value->get_string());
}

bool truth(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value) return false;
  if (value->is_bool()) return value->get_bool();
  if (value->is_int64()) return value->get_int64() != 0;
  return false;
}

// Ids are 24-hex strings since Ghost 1; numbers before.
std::string id_of(const json::object& object, std::string_view key = "id") {
  const auto* value = object.if_contains(key);
  if (!value) return {};
  if (value->is_string()) return std::string(value->get_string());
  if (value->is_int64()) return std::to_string(value->get_int64());
  return {};
}

// "2023-01-05T10:00:00.000Z", "2023-01-05 10:00:00", or (Ghost 0.x)
// milliseconds since 1970.
std::optional<Time> ghost_time(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value) return std::nullopt;
  if (value->is_int64()) return Time(std::chrono::seconds(value->get_int64() / 1000));
  if (!value->is_string()) return std::nullopt;
  const std::string stamp(value->get_string());
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(stamp.c_str(), "%4d-%2d-%2d%*c%2d:%2d:%2d", &year, &month, &day, &hour, &minute,
                  &second) != 6) {
    return std::nullopt;
  }
  const auto date = std::chrono::year(year) / std::chrono::month(static_cast<unsigned>(month)) /
                    std::chrono::day(static_cast<unsigned>(day));
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  Time time = Time(std::chrono::sys_days(date)) + std::chrono::hours(hour) +
              std::chrono::minutes(minute) + std::chrono::seconds(second);
  // An offset ("+03:30") instead of "Z".
  const auto offset = stamp.find_first_of("+-", 19);
  if (offset != std::string::npos && stamp.size() >= offset + 6) {
    const int hours = std::atoi(stamp.substr(offset + 1, 2).c_str());
    const int minutes = std::atoi(stamp.substr(offset + 4, 2).c_str());
    const auto shift = std::chrono::hours(hours) + std::chrono::minutes(minutes);
    time = stamp[offset] == '+' ? time - shift : time + shift;
  }
  return time;
}

// Deeper than any export or editor document nests; Boost.JSON's default (32)
// is not.
json::parse_options parse_options() {
  json::parse_options options;
  options.max_depth = 256;
  return options;
}

const json::array* table(const json::object& data, std::string_view name) {
  const auto* value = data.if_contains(name);
  return value && value->is_array() ? &value->get_array() : nullptr;
}

// "line 3, column 17" of byte `offset` in `text`.
std::string where(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

class GhostImporter {
 public:
  GhostImporter(store::Store& store, publishing::Workflow& workflow,
                const GhostImportOptions& options, ImportProgress* progress)
      : store_(store), workflow_(workflow), options_(options), progress_(progress) {
    summary_.dry_run = options.dry_run;
    base_url_ = options.url;
    while (base_url_.ends_with('/')) base_url_.pop_back();
  }

  Result<ImportSummary> run() {
    auto data = read();
    BYLINE_TRY(data);
    const json::object& tables = *data;
    BYLINE_TRY(bring_people(tables));
    BYLINE_TRY(bring_tags(tables));
    const json::array* posts = table(tables, "posts");
    if (progress_) progress_->begin("Importing", posts ? posts->size() : 0, true);
    std::uint64_t done = 0;
    if (posts) {
      for (const auto& post : *posts) {
        if (post.is_object()) BYLINE_TRY(import_post(post.get_object()));
        ++done;
        if (progress_) progress_->advance(done, done);
      }
    }
    BYLINE_TRY(flush());
    if (progress_) progress_->end();
    return summary_;
  }

 private:
  // The export's tables: {"db": [{"meta": …, "data": {"posts": […], …}}]}
  // (or {"data": …} from some versions).
  Result<json::object> read() {
    std::error_code error;
    const auto size = std::filesystem::file_size(options_.file, error);
    if (error)
      return invalid("Cannot read " + options_.file.string() + ": " + error.message() + ".");
    if (size > kMaxGhostExportBytes) {
      return invalid("The export is larger than 1 GB; Byline reads Ghost exports up to that size.");
    }
    if (progress_) progress_->begin("Reading", size);
    std::ifstream in(options_.file, std::ios::binary);
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    if (!in) return invalid("Cannot read " + options_.file.string() + ".");
    json::stream_parser parser({}, parse_options());
    boost::system::error_code failure;
    const std::size_t used = parser.write(bytes.data(), bytes.size(), failure);
    if (!failure) parser.finish(failure);
    if (failure) {
      return invalid("The export is not valid JSON at " + where(bytes, used) + ": " +
                     failure.message() + ".");
    }
    if (progress_) progress_->end();
    json::value root = parser.release();
    const json::object* data = nullptr;
    if (root.is_object()) {
      const json::object& top = root.get_object();
      if (const auto* db = top.if_contains("db");
          db && db->is_array() && !db->get_array().empty() && db->get_array()[0].is_object()) {
        if (const auto* inner = db->get_array()[0].get_object().if_contains("data");
            inner && inner->is_object()) {
          data = &inner->get_object();
        }
      } else if (const auto* inner = top.if_contains("data"); inner && inner->is_object()) {
        data = &inner->get_object();
      }
    }
    if (!data || (!table(*data, "posts") && !table(*data, "users"))) {
      return invalid(
          "This JSON is not a Ghost export (Settings → Labs → Export makes one): it has no "
          "db[0].data "
          "with posts or users.");
    }
    return *data;
  }

  store::LegacyKey key(std::string kind, std::string id) const {
    return {"ghost", std::move(kind), std::move(id)};
  }

  Result<void> bring_people(const json::object& tables) {
    std::vector<store::ImportedUser> people;
    std::vector<std::string> ids;
    if (const auto* users = table(tables, "users")) {
      for (const auto& value : *users) {
        if (!value.is_object()) continue;
        const json::object& user = value.get_object();
        const std::string id = id_of(user);
        if (id.empty()) continue;
        content::User person;
        person.name = text(user, "name");
        person.slug = content::make_slug(text(user, "slug"));
        if (person.slug.empty()) person.slug = content::make_slug(person.name);
        if (person.slug.empty()) person.slug = "author";
        if (person.name.empty()) person.name = person.slug;
        person.name = utf8_prefix(person.name, accounts::kMaxNameBytes);
        // As the newsroom keeps addresses; one that is none gets an address
        // that can never receive mail, until an admin gives them theirs.
        person.email = accounts::normalize_email(text(user, "email"))
                           .value_or(person.slug + "@unknown.invalid");
        person.bio = utf8_prefix(text(user, "bio"), 2000);
        // Only an address a link may lead to ("javascript:" is not one).
        person.website = content::safe_website(text(user, "website"));
        person.role = content::Role::author;
        people.push_back({person, key("user", id)});
        ids.push_back(id);
        old_author_slugs_.push_back(text(user, "slug"));
      }
    }
    summary_.authors = static_cast<long>(people.size());
    if (options_.dry_run) {
      for (std::size_t i = 0; i < people.size(); ++i) {
        people[i].user.id = -static_cast<Id>(i + 1);
        users_[ids[i]] = people[i].user;
      }
      return {};
    }
    auto made = store_.import_users(people);
    BYLINE_TRY(made);
    std::vector<store::Redirect> moved;
    for (std::size_t i = 0; i < people.size(); ++i) {
      auto user = store_.user_by_id((*made)[i]);
      BYLINE_TRY(user);
      if (!*user) continue;
      users_[ids[i]] = **user;
      if (!old_author_slugs_[i].empty() && old_author_slugs_[i] != (*user)->slug) {
        moved.push_back(
            {"/author/" + old_author_slugs_[i] + "/", 0, "/author/" + (*user)->slug + "/"});
      }
    }
    return redirect(moved);
  }

  Result<void> redirect(const std::vector<store::Redirect>& moved) {
    summary_.redirects += static_cast<long>(moved.size());
    if (options_.dry_run || moved.empty()) return {};
    return store_.add_redirects(moved);
  }

  // Every public tag becomes a tag; the tags that are some post's first
  // (its primary tag, which Ghost themes show as its section) become
  // sections too. Internal tags ("#feature") are Ghost's own.
  Result<void> bring_tags(const json::object& tables) {
    std::unordered_map<std::string, const json::object*> by_id;
    if (const auto* tags = table(tables, "tags")) {
      for (const auto& value : *tags) {
        if (!value.is_object()) continue;
        const json::object& tag = value.get_object();
        const std::string name = text(tag, "name");
        if (text(tag, "visibility") == "internal" || name.starts_with("#")) {
          ++summary_.skipped_kinds["internal tags (#…, Ghost's own)"];
          continue;
        }
        if (!id_of(tag).empty()) by_id[id_of(tag)] = &tag;
      }
    }
    // Posts' tags and authors, in their order.
    if (const auto* links = table(tables, "posts_tags")) {
      for (const auto& value : *links) {
        if (!value.is_object()) continue;
        const auto& link = value.get_object();
        const auto tag = id_of(link, "tag_id");
        if (!by_id.count(tag)) continue;
        auto& list = post_tags_[id_of(link, "post_id")];
        if (list.size() < 1000) list.emplace_back(std::int64_t{list_order(link)}, tag);
      }
    }
    for (auto& [post, list] : post_tags_) std::stable_sort(list.begin(), list.end());
    if (const auto* links = table(tables, "posts_authors")) {
      for (const auto& value : *links) {
        if (!value.is_object()) continue;
        const auto& link = value.get_object();
        auto& list = post_authors_[id_of(link, "post_id")];
        if (list.size() < 100)
          list.emplace_back(std::int64_t{list_order(link)}, id_of(link, "author_id"));
      }
    }
    for (auto& [post, list] : post_authors_) std::stable_sort(list.begin(), list.end());
    if (const auto* metas = table(tables, "posts_meta")) {
      for (const auto& value : *metas) {
        if (value.is_object())
          post_meta_[id_of(value.get_object(), "post_id")] = &value.get_object();
      }
    }
    std::set<std::string> primary;
    for (const auto& [post, list] : post_tags_) {
      if (!list.empty()) primary.insert(list.front().second);
    }

    std::vector<store::ImportedTag> tags;
    std::vector<store::ImportedSection> sections;
    std::vector<std::string> tag_ids, section_ids;
    for (const auto& [id, tag] : by_id) {
      content::Tag made;
      const std::string wanted = text(*tag, "slug");
      made.slug = content::is_valid_slug(wanted)
                      ? wanted
                      : content::make_slug(wanted.empty() ? text(*tag, "name") : wanted);
      if (made.slug.empty()) made.slug = "tag";
      made.name = utf8_prefix(text(*tag, "name"), 100);
      if (made.name.empty()) made.name = made.slug;
      made.description = utf8_prefix(text(*tag, "description"), 500);
      tags.push_back({made, key("tag", id)});
      tag_ids.push_back(id);
      if (primary.count(id)) {
        sections.push_back({content::Section{0, made.slug, made.name, made.description, 0},
                            key("section", id), std::nullopt});
        section_ids.push_back(id);
      }
    }
    summary_.tags = static_cast<long>(tags.size());
    summary_.sections = static_cast<long>(sections.size());
    if (options_.dry_run) {
      for (std::size_t i = 0; i < tags.size(); ++i) {
        tags[i].tag.id = -static_cast<Id>(i + 1);
        tags_[tag_ids[i]] = tags[i].tag;
      }
      for (std::size_t i = 0; i < sections.size(); ++i) {
        sections[i].section.id = -static_cast<Id>(i + 1);
        sections_[section_ids[i]] = sections[i].section;
      }
      return {};
    }
    auto made_tags = store_.import_tags(tags);
    BYLINE_TRY(made_tags);
    auto made_sections = store_.import_sections(sections);
    BYLINE_TRY(made_sections);
    for (std::size_t i = 0; i < tags.size(); ++i) {
      tags[i].tag.id = (*made_tags)[i];
      tags_[tag_ids[i]] = tags[i].tag;
    }
    for (std::size_t i = 0; i < sections.size(); ++i) {
      sections[i].section.id = (*made_sections)[i];
      sections_[section_ids[i]] = sections[i].section;
    }
    return {};
  }

  static std::int64_t list_order(const json::object& link) {
    const auto* order = link.if_contains("sort_order");
    return order && order->is_int64() ? order->get_int64() : 0;
  }

  // "__GHOST_URL__/content/images/…" as the old site's address.
  std::string with_site(std::string text) const {
    // Ghost's exports write the site's own address as this token.
    static constexpr std::string_view kSiteAddressToken = "__GHOST_URL__";
    for (auto at = text.find(kSiteAddressToken); at != std::string::npos;
         at = text.find(kSiteAddressToken, at)) {
      text.replace(at, kSiteAddressToken.size(), base_url_);
      at += base_url_.size();
    }
    return text;
  }

  Result<void> import_post(const json::object& source) {
    const std::string id = id_of(source);
    const std::string title = text(source, "title");
    const std::string label = "post " + id.substr(0, 30) + " \"" + title.substr(0, 80) + "\"";
    auto skip = [&](std::string reason) -> Result<void> {
      summary_.skipped.push_back(label + ": " + std::move(reason));
      return {};
    };
    if (id.empty()) return skip("it has no id");
    if (!seen_.insert(id).second) return skip("another post has the same id");

    publishing::ImportedPost imported;
    content::Post& post = imported.post;
    const bool page = text(source, "type") == "page" || truth(source, "page");
    post.type = page ? content::PostType::page : content::PostType::article;
    post.title = title;
    post.slug = text(source, "slug");

    // The body: Ghost's own HTML, or its editor's document made into HTML.
    std::string html = text(source, "html");
    if (html.empty()) {
      for (const char* editor : {"lexical", "mobiledoc"}) {
        const std::string document = text(source, editor);
        if (document.empty()) continue;
        boost::system::error_code failure;
        const json::value parsed = json::parse(document, failure, {}, parse_options());
        if (failure) return skip(std::string("its ") + editor + " document is not valid JSON");
        html = std::string(editor) == "lexical" ? content::lexical_to_html(parsed)
                                                : content::mobiledoc_to_html(parsed);
        break;
      }
    }
    post.body_source = with_site(std::move(html));
    post.custom_excerpt = utf8_prefix(text(source, "custom_excerpt"), 1000);

    const std::string status = text(source, "status");
    post.status = status == "published"   ? content::PostStatus::published
                  : status == "scheduled" ? content::PostStatus::scheduled
                  : status == "sent"      ? content::PostStatus::unpublished
                                          : content::PostStatus::draft;
    if (status == "sent")
      summary_.notes.push_back(label + ": sent by email only, so imported as not public");
    const std::string visibility = text(source, "visibility");
    if (!visibility.empty() && visibility != "public" &&
        post.status == content::PostStatus::published) {
      post.status = content::PostStatus::unpublished;
      summary_.notes.push_back(label + ": for " + visibility +
                               " members only, so imported as not public");
    }
    const auto published = ghost_time(source, "published_at");
    if (post.status == content::PostStatus::published ||
        post.status == content::PostStatus::scheduled) {
      if (!published) return skip("it is " + status + " but has no published_at");
      post.published_at = published;
    }
    post.created_at = ghost_time(source, "created_at").value_or(published.value_or(Time{}));
    post.updated_at = ghost_time(source, "updated_at").value_or(post.created_at);
    post.featured = truth(source, "featured");

    // Authors in order (posts_authors), or the one author of Ghost 0.x.
    std::vector<std::string> author_ids;
    if (const auto found = post_authors_.find(id); found != post_authors_.end()) {
      for (const auto& [order, author] : found->second) author_ids.push_back(author);
    }
    if (author_ids.empty() && !id_of(source, "author_id").empty())
      author_ids.push_back(id_of(source, "author_id"));
    for (const auto& author : author_ids) {
      const auto user = users_.find(author);
      if (user == users_.end()) continue;
      if (std::none_of(post.authors.begin(), post.authors.end(),
                       [&](const auto& u) { return u.id == user->second.id; })) {
        post.authors.push_back(user->second);
      }
    }
    if (post.authors.empty()) return skip("none of its authors is in the export");
    if (const auto found = post_tags_.find(id); found != post_tags_.end()) {
      for (const auto& [order, tag] : found->second) {
        if (const auto made = tags_.find(tag); made != tags_.end())
          post.tags.push_back(made->second);
      }
      if (!found->second.empty()) {
        if (const auto section = sections_.find(found->second.front().second);
            section != sections_.end()) {
          post.sections.push_back(section->second);
        }
      }
    }

    const std::string image = with_site(text(source, "feature_image"));
    if (image.starts_with("https://")) {
      post.featured_image = image;
      post.featured_image_alt = utf8_prefix(text(source, "feature_image_alt"), 1000);
      post.featured_image_caption =
          utf8_prefix(content::html_to_text(text(source, "feature_image_caption")), 1000);
    } else if (!image.empty()) {
      summary_.notes.push_back(
          label + ": its featured image " + image.substr(0, 200) +
          " is not an https address, so it was left out (give the old site's with --url)");
    }
    // Search engines' fields: on the post before Ghost 4, in posts_meta since.
    post.seo_title = utf8_prefix(text(source, "meta_title"), 1000);
    post.seo_description = utf8_prefix(text(source, "meta_description"), 1000);
    if (const auto meta = post_meta_.find(id); meta != post_meta_.end()) {
      if (post.seo_title.empty())
        post.seo_title = utf8_prefix(text(*meta->second, "meta_title"), 1000);
      if (post.seo_description.empty())
        post.seo_description = utf8_prefix(text(*meta->second, "meta_description"), 1000);
    }

    imported.legacy = key("post", id);
    if (!post.slug.empty()) imported.old_addresses.push_back("/" + post.slug + "/");
    std::string all = json::serialize(source);
    for (const auto& author : post.authors) all += "," + std::to_string(author.id);
    for (const auto& tag : post.tags) all += "," + std::to_string(tag.id);
    all += "|" + base_url_;
    imported.digest = content_hash(all);
    batch_.push_back(std::move(imported));
    labels_.push_back(label);
    pages_.push_back(page);
    if (batch_.size() >= options_.batch_size) return flush();
    return {};
  }

  Result<void> flush() {
    if (batch_.empty()) return {};
    auto outcomes = workflow_.import_posts(publishing::Actor::system("importer (Ghost)"),
                                           std::move(batch_), now_utc(), options_.dry_run);
    batch_.clear();
    BYLINE_TRY(outcomes);
    count_batch(summary_, *outcomes, pages_, labels_);
    labels_.clear();
    pages_.clear();
    return {};
  }

  store::Store& store_;
  publishing::Workflow& workflow_;
  const GhostImportOptions& options_;
  ImportProgress* progress_;
  ImportSummary summary_;
  std::string base_url_;

  std::vector<std::string> old_author_slugs_;
  std::unordered_map<std::string, content::User> users_;        // by Ghost id
  std::unordered_map<std::string, content::Tag> tags_;          // by Ghost id
  std::unordered_map<std::string, content::Section> sections_;  // by Ghost tag id
  std::unordered_map<std::string, std::vector<std::pair<std::int64_t, std::string>>> post_tags_;
  std::unordered_map<std::string, std::vector<std::pair<std::int64_t, std::string>>> post_authors_;
  std::unordered_map<std::string, const json::object*> post_meta_;
  std::set<std::string> seen_;

  std::vector<publishing::ImportedPost> batch_;
  std::vector<std::string> labels_;
  std::vector<bool> pages_;
};

}  // namespace

Result<ImportSummary> import_ghost(store::Store& store, publishing::Workflow& workflow,
                                   const GhostImportOptions& options, ImportProgress* progress) {
  GhostImporter importer(store, workflow, options, progress);
  return importer.run();
}

}  // namespace byline::importing
