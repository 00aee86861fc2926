#include "api/wp_rest_api.hpp"

#include "api/wp_json.hpp"
#include "api/wp_query.hpp"
#include "common/log.hpp"
#include "http/form.hpp"
#include "http/route_group.hpp"
#include "site/cache_keys.hpp"
#include "site/settings.hpp"
#include "site/view_models.hpp"
#include "store/store.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <unordered_map>

namespace byline::api {
namespace {

namespace json = boost::json;
using http::Params;
using http::Request;
using http::Response;
using store::PostCondition;

constexpr std::string_view kPrefix = "/wp-json/";

Response wp_error(int status, std::string_view code, std::string_view message) {
  Response response;
  response.status = status;
  response.body = json::serialize(wp_error_json(code, message, status));
  response.set_header("Content-Type", "application/json; charset=UTF-8");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response invalid_param(const WpQueryError& error) {
  Response response = wp_error(400, "rest_invalid_param", error.message);
  json::object body = json::parse(response.body).as_object();
  body["data"].as_object()["params"] = json::object{{error.param, error.message}};
  response.body = json::serialize(body);
  return response;
}

Response internal_error(const Error& error) {
  log_line("error: WordPress REST API: " + error.message);
  return wp_error(500, "rest_internal_error", "Byline could not answer this request.");
}

// A 200 answer that the page cache keeps until what it `shows` changes.
Response answer(const json::value& body, std::vector<std::string> shows,
                std::string_view api_root) {
  Response response;
  response.body = json::serialize(body);
  response.set_header("Content-Type", "application/json; charset=UTF-8");
  response.set_header("Cache-Control", "public, max-age=0");
  response.set_header("X-Robots-Tag", "noindex");
  response.set_header("Link", "<" + std::string(api_root) + ">; rel=\"https://api.w.org/\"");
  response.set_header("Allow", "GET");
  response.cache = http::CachePolicy{std::move(shows), std::nullopt};
  return response;
}

// The query string of `request` with `page` set to `page`: of the fields a
// listing reads only, since the cached answer carrying these links is
// every such request's.
std::string with_page(const Request& request, int page) {
  static const std::vector<std::string> read = wp_query_fields();
  std::string query;
  const http::Form sent = http::Form::parse(request.query);
  for (const auto& [name, value] : sent.fields()) {
    if (name == "page" || std::find(read.begin(), read.end(), name) == read.end()) continue;
    query += (query.empty() ? "" : "&") + http::url_encode(name) + "=" + http::url_encode(value);
  }
  return query + (query.empty() ? "" : "&") + "page=" + std::to_string(page);
}

long page_count(long total, int per_page) { return (total + per_page - 1) / per_page; }

// WordPress's refusal of a page past the last of `total` items (`code`
// names what is listed), if the query asks for one. An empty listing has
// a first page.
std::optional<Response> past_last_page(const WpListQuery& query, long total,
                                       std::string_view code) {
  if (total == 0 || query.offset || query.page <= page_count(total, query.per_page)) {
    return std::nullopt;
  }
  return wp_error(400, code,
                  "The page number requested is larger than the number of pages available.");
}

// WordPress's paging headers on a listing of `total` items: the counts,
// and Link rel="prev"/"next" with the other fields the listing reads. Core sends
// these in its own spelling, which @wordpress/api-fetch matches exactly.
void add_paging(Response& response, const Request& request, std::string_view site_url,
                const WpListQuery& query, long total) {
  const long pages = page_count(total, query.per_page);
  response.set_header("X-WP-Total", std::to_string(total));
  response.set_header("X-WP-TotalPages", std::to_string(pages));
  const std::string base = std::string(site_url) + request.path + "?";
  std::string links =
      "<" + std::string(site_url) + std::string(kPrefix) + ">; rel=\"https://api.w.org/\"";
  if (query.page > 1 && pages > 0) {
    const int prev = static_cast<int>(std::min<long>(query.page - 1, pages));
    links += ", <" + base + with_page(request, prev) + ">; rel=\"prev\"";
  }
  if (query.page < pages) {
    links += ", <" + base + with_page(request, query.page + 1) + ">; rel=\"next\"";
  }
  response.set_header("Link", links);
}

// The page of `all` that `query` asks for.
template <typename Item>
std::vector<Item> one_page(std::vector<Item> all, const WpListQuery& query) {
  const auto start = std::min(all.size(), static_cast<std::size_t>(query.skip()));
  const auto end = std::min(all.size(), start + static_cast<std::size_t>(query.per_page));
  return std::vector<Item>(std::make_move_iterator(all.begin() + start),
                           std::make_move_iterator(all.begin() + end));
}

// `number` as text that sorts as the number does.
std::string padded(long long number) {
  char text[24];
  std::snprintf(text, sizeof text, "%020lld", number);
  return text;
}

// A path's id: digits only.
std::optional<content::Id> id_in(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  content::Id id = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  return id;
}

// Whether a term or a person named `name` (`slug`) is one a search for
// `typed` finds, as WordPress searches them: the words anywhere in the
// name or the slug, letters of the Latin alphabet in either case.
bool matches_search(std::string_view typed, std::string_view name, std::string_view slug) {
  if (typed.empty()) return true;
  auto folded = [](std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const std::string wanted = folded(typed);
  return folded(name).find(wanted) != std::string::npos ||
         folded(slug).find(wanted) != std::string::npos;
}

bool listed_in(const std::vector<content::Id>& ids, content::Id id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool named_in(const std::vector<std::string>& slugs, const std::string& slug) {
  return std::find(slugs.begin(), slugs.end(), slug) != slugs.end();
}

// Whether a section, tag or person passes what every listing of them
// takes: `search`, `include`, `exclude` and `slug`.
template <typename Record>
bool asked_for(const Record& record, const WpListQuery& query) {
  return matches_search(query.search, record.name, record.slug) &&
         (query.include.empty() || listed_in(query.include, record.id)) &&
         !listed_in(query.exclude, record.id) &&
         (query.slug.empty() || named_in(query.slug, record.slug));
}

// Sorts sections, tags or people as `orderby` asks: in the order the
// `include` or `slug` list gives, or by `key_of` up or down, the id
// breaking ties.
template <typename Record, typename Key>
void sort_records(std::vector<Record>& records, const WpListQuery& query, const Key& key_of) {
  const std::string& by = query.orderby;
  if (by == "include" || by == "include_slugs") {
    auto position = [&](const Record& record) {
      if (by == "include") {
        return std::find(query.include.begin(), query.include.end(), record.id) -
               query.include.begin();
      }
      return std::find(query.slug.begin(), query.slug.end(), record.slug) - query.slug.begin();
    };
    std::stable_sort(records.begin(), records.end(),
                     [&](const Record& a, const Record& b) { return position(a) < position(b); });
    return;
  }
  std::stable_sort(records.begin(), records.end(), [&](const Record& a, const Record& b) {
    const std::string ka = key_of(a), kb = key_of(b);
    return query.ascending ? (ka < kb || (ka == kb && a.id < b.id))
                           : (kb < ka || (ka == kb && b.id < a.id));
  });
}

// The arguments a listing route takes, as the index describes them: the
// wpapi client makes a method of each.
enum class Listing { posts, terms, media, search };
json::object listing_args(Listing kind) {
  json::object args;
  auto arg = [&](const char* name, const char* type) {
    args[name] = json::object{{"type", type}, {"required", false}};
  };
  for (const char* name : {"page", "per_page", "offset"}) arg(name, "integer");
  for (const char* name : {"include", "exclude"}) arg(name, "array");
  arg("context", "string");
  arg("search", "string");
  if (kind != Listing::search) {
    arg("order", "string");
    arg("orderby", "string");
  }
  switch (kind) {
    case Listing::posts:
      for (const char* name : {"slug", "categories", "categories_exclude", "tags", "tags_exclude",
                               "author", "author_exclude"}) {
        arg(name, "array");
      }
      for (const char* name :
           {"after", "before", "modified_after", "modified_before", "tax_relation", "status"}) {
        arg(name, "string");
      }
      arg("sticky", "boolean");
      break;
    case Listing::terms:
      arg("slug", "array");
      arg("hide_empty", "boolean");
      arg("post", "integer");
      break;
    case Listing::media:
      arg("parent", "array");
      arg("media_type", "string");
      arg("mime_type", "string");
      break;
    case Listing::search:
      arg("type", "string");
      arg("subtype", "array");
      break;
  }
  return args;
}

json::object route(std::string_view href, json::object args, std::string_view space = "wp/v2") {
  json::object described{{"namespace", space},
                         {"methods", json::array{"GET"}},
                         {"endpoints", json::array{json::object{{"methods", json::array{"GET"}},
                                                                {"args", std::move(args)}}}}};
  if (!href.empty()) {
    described["_links"] =
        json::object{{"self", json::array{json::object{{"href", std::string(href)}}}}};
  }
  return described;
}

// "+03:30" as WordPress's gmt_offset option, in hours as text: "3.5".
std::string hours_of(std::string_view offset) {
  if (offset.size() < 6) return "0";
  const double hours = (offset[1] - '0') * 10 + (offset[2] - '0');
  const double minutes = (offset[4] - '0') * 10 + (offset[5] - '0');
  char text[16];
  std::snprintf(text, sizeof text, "%g", (offset[0] == '-' ? -1 : 1) * (hours + minutes / 60));
  return text;
}

// What a route for one item reads of its query; the cache keys it by these.
const std::vector<std::string> kOneItemFields = {"_fields", "_fields[]", "_embed", "context",
                                                 "status"};

// The fields of `query` named in `names`, the rest dropped.
http::Form only_fields(std::string_view query, const std::vector<std::string>& names) {
  std::string kept;
  const http::Form sent = http::Form::parse(query);
  for (const auto& [name, value] : sent.fields()) {
    if (std::find(names.begin(), names.end(), name) == names.end()) continue;
    kept += (kept.empty() ? "" : "&") + http::url_encode(name) + "=" + http::url_encode(value);
  }
  return http::Form::parse(kept);
}

}  // namespace

struct WpRestApi::Handlers {
  std::shared_ptr<store::Store> store;
  std::shared_ptr<const site::SettingsSource> settings;

  WpContext context() const {
    const auto current = settings->current();
    return WpContext{current->url, render::DateFormatter(current->locale, current->time_zone)};
  }

  // `only`: the fields to read (one item's route reads a few); nullptr:
  // every field a listing reads.
  std::variant<WpListQuery, Response> read_query(
      const Request& request, bool ascending_by_default,
      const std::vector<std::string>* only = nullptr) const {
    const http::Form form =
        only ? only_fields(request.query, *only) : http::Form::parse(request.query);
    // Everything here is what anyone may see; the forms of it that need
    // a signed-in user are refused as WordPress refuses them.
    if (form.get("context") == "edit") {
      return wp_error(401, "rest_forbidden_context",
                      "Sorry, you are not allowed to edit in this context.");
    }
    if (const std::string& status = form.get("status"); !status.empty() && status != "publish") {
      return invalid_param({"status", "Invalid parameter(s): status (only publish is public)"});
    }
    auto read = read_wp_query(form, context().dates, ascending_by_default);
    if (auto* error = std::get_if<WpQueryError>(&read)) return invalid_param(*error);
    return std::get<WpListQuery>(std::move(read));
  }

  // --- The index -----------------------------------------------------------

  Response index(const Request&) const {
    const auto current = settings->current();
    const WpContext where = context();
    const std::string root = where.api_root();
    json::object routes;
    routes["/"] = route(root, {}, "");
    routes["/wp/v2"] = route(root + "wp/v2", {});
    for (const char* kind : {"posts", "pages", "categories", "tags", "users", "media"}) {
      const std::string_view name = kind;
      const Listing listing = name == "posts" || name == "pages" ? Listing::posts
                              : name == "media"                  ? Listing::media
                                                                 : Listing::terms;
      routes["/wp/v2/" + std::string(kind)] = route(root + "wp/v2/" + kind, listing_args(listing));
      routes["/wp/v2/" + std::string(kind) + "/(?P<id>[\\d]+)"] = route(
          {}, json::object{{"id", json::object{{"type", "integer"}, {"required", false}}},
                           {"context", json::object{{"type", "string"}, {"required", false}}}});
    }
    routes["/wp/v2/search"] = route(root + "wp/v2/search", listing_args(Listing::search));
    const std::string now = where.dates.iso8601_with_offset(now_utc());
    json::object body{
        {"name", current->title},
        {"description", current->description},
        {"url", current->url},
        {"home", current->url},
        {"gmt_offset", hours_of(now.substr(now.size() - 6))},
        {"timezone_string", current->time_zone},
        {"page_for_posts", 0},
        {"page_on_front", 0},
        {"show_on_front", "posts"},
        {"namespaces", json::array{"wp/v2"}},
        {"authentication", json::array{}},
        {"routes", std::move(routes)},
        {"_links",
         json::object{{"help", json::array{json::object{
                                   {"href", "https://developer.wordpress.org/rest-api/"}}}}}}};
    return answer(body, {std::string(site::cache_keys::kFrontPage)}, root);
  }

  // --- Posts and pages -----------------------------------------------------

  // The order `orderby` asks for; empty for the order of `include` or
  // `slug`, which the listing sorts itself.
  static std::vector<store::PostOrder> post_order(const WpListQuery& query,
                                                  std::optional<Response>& refusal) {
    using Field = store::PostOrderField;
    const std::string& by = query.orderby;
    std::optional<Field> field;
    if (by.empty())
      field = Field::published_at;
    else if (by == "date")
      field = Field::published_at;
    else if (by == "modified")
      field = Field::updated_at;
    else if (by == "id")
      field = Field::id;
    else if (by == "slug")
      field = Field::slug;
    else if (by == "title")
      field = Field::title;
    else if (by == "relevance")
      field = Field::relevance;
    else if (by == "include" || by == "include_slugs")
      field = std::nullopt;
    else {
      refusal = invalid_param({"orderby",
                               "Invalid parameter(s): orderby (date, modified, id, "
                               "slug, title, relevance, include or include_slugs)"});
      return {};
    }
    if (!field) return {};
    // As WordPress: the best match first, whatever `order` says.
    if (*field == Field::relevance) return {{*field, true}};
    return {{*field, !query.ascending}};
  }

  Response browse_posts(const Request& request, content::PostType type) const {
    auto read = read_query(request, false);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const WpListQuery& query = std::get<WpListQuery>(read);
    if (query.orderby == "relevance" && query.search.empty()) {
      return wp_error(400, "rest_no_search_term_defined",
                      "You need to define a search term to order by relevance.");
    }
    std::optional<Response> refusal;
    const auto order = post_order(query, refusal);
    if (refusal) return std::move(*refusal);
    // In the order of `include` or `slug`, when there is one to keep.
    const bool in_list_order = (query.orderby == "include" && !query.include.empty()) ||
                               (query.orderby == "include_slugs" && !query.slug.empty());

    store::PostQuery listing;
    listing.type = type;
    listing.where = wp_post_condition(query);
    listing.order = order;
    listing.projection = store::Projection::full;
    listing.now = now_utc();
    listing.count_total = true;
    // As WordPress's: newest first unless `orderby=relevance` asks for
    // the best match first.
    listing.search = query.search;
    if (in_list_order) {
      listing.limit = store::kMaxListingLimit;
    } else {
      listing.limit = query.per_page;
      listing.offset = static_cast<int>(std::min<long>(query.skip(), 1000000000));
    }
    auto page = store->published_posts(listing);
    if (!page) {
      if (page.error().code == ErrorCode::invalid_input) {
        return invalid_param({"include", "Invalid parameter(s): " + page.error().message});
      }
      return internal_error(page.error());
    }
    std::vector<content::Post>& posts = page->posts;
    long total = page->total.value_or(static_cast<long>(posts.size()));
    if (in_list_order) {
      std::unordered_map<content::Id, std::size_t> by_id;
      std::unordered_map<std::string, std::size_t> by_slug;
      for (std::size_t i = query.include.size(); i-- > 0;) by_id[query.include[i]] = i;
      for (std::size_t i = query.slug.size(); i-- > 0;) by_slug[query.slug[i]] = i;
      const bool slugs = query.orderby == "include_slugs";
      std::stable_sort(posts.begin(), posts.end(), [&](const auto& a, const auto& b) {
        return slugs ? by_slug[a.slug] < by_slug[b.slug] : by_id[a.id] < by_id[b.id];
      });
      total = static_cast<long>(posts.size());
      posts = one_page(std::move(posts), query);
    }
    if (auto past = past_last_page(query, total, "rest_post_invalid_page_number")) {
      return std::move(*past);
    }

    auto featured = featured_media(posts);
    if (!featured) return internal_error(featured.error());
    const WpContext where = context();
    json::array shown;
    // Any change to a public post's words can change what a search finds.
    std::vector<std::string> shows =
        listing.search.empty()
            ? site::cache_keys::lists_for(
                  listing.where,
                  [](PostCondition::Kind, const std::vector<std::string>&) {
                    return std::vector<content::Id>{};
                  },
                  listing.order)
            : std::vector<std::string>{std::string(site::cache_keys::kAnyChange)};
    for (const content::Post& post : posts) {
      shown.push_back(post_with_embeds(post, image_of(post, *featured), query, where));
      shows.push_back(site::cache_keys::post(post.id));
    }
    Response response = answer(shown, std::move(shows), where.api_root());
    add_paging(response, request, where.site_url, query, total);
    return response;
  }

  // The uploads the posts' featured images are, by post; a post whose
  // image is from elsewhere (or none) is not in it.
  Result<std::unordered_map<content::Id, content::Media>> featured_media(
      const std::vector<content::Post>& posts) const {
    constexpr std::string_view kMedia = "/media/";
    std::vector<std::string> paths;
    for (const content::Post& post : posts) {
      if (post.featured_image.starts_with(kMedia))
        paths.push_back(post.featured_image.substr(kMedia.size()));
    }
    std::unordered_map<content::Id, content::Media> by_post;
    if (paths.empty()) return by_post;
    auto found = store->media_by_paths(paths);
    BYLINE_TRY(found);
    std::unordered_map<std::string_view, const content::Media*> by_path;
    for (const content::Media& media : *found) {
      for (const auto& variant : media.variants) by_path.emplace(variant.path, &media);
    }
    for (const content::Post& post : posts) {
      if (!post.featured_image.starts_with(kMedia)) continue;
      const auto media = by_path.find(std::string_view(post.featured_image).substr(kMedia.size()));
      if (media != by_path.end()) by_post.emplace(post.id, *media->second);
    }
    return by_post;
  }

  // The upload of `post`'s featured image among `featured`, or nullptr.
  static const content::Media* image_of(
      const content::Post& post, const std::unordered_map<content::Id, content::Media>& featured) {
    const auto found = featured.find(post.id);
    return found == featured.end() ? nullptr : &found->second;
  }

  json::object post_with_embeds(const content::Post& post, const content::Media* image,
                                const WpListQuery& query, const WpContext& where) const {
    json::object shown = wp_post_json(post, where, image ? image->id : 0);
    if (query.embed) {
      json::object embedded;
      if (image) {
        const std::string& alt =
            post.featured_image_alt.empty() ? image->alt : post.featured_image_alt;
        embedded["wp:featuredmedia"] = json::array{
            wp_media_json({*image, post.id, alt, post.featured_image_caption}, where, true)};
      }
      if (!post.authors.empty()) {
        json::array authors;
        for (const content::User& author : post.authors)
          authors.push_back(wp_user_json(author, where, true));
        embedded["author"] = std::move(authors);
      }
      if (post.type == content::PostType::article) {
        json::array categories, tags;
        for (const content::Section& section : post.sections)
          categories.push_back(wp_category_json(section, 0, where, true));
        for (const content::Tag& tag : post.tags) tags.push_back(wp_tag_json(tag, 0, where, true));
        embedded["wp:term"] = json::array{std::move(categories), std::move(tags)};
      }
      shown["_embedded"] = std::move(embedded);
    }
    keep_wp_fields(shown, query.fields);
    return shown;
  }

  Response read_post(const Request& request, const Params& params, content::PostType type) const {
    auto read = read_query(request, false, &kOneItemFields);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const WpListQuery& query = std::get<WpListQuery>(read);
    const char* invalid_id = "Invalid post ID.";
    const auto local = id_in(params.get("id"));
    if (!local) return wp_error(404, "rest_post_invalid_id", invalid_id);
    auto found = store->post_by_id(*local);
    if (!found) return internal_error(found.error());
    const std::optional<content::Post>& post = *found;
    if (!post || post->type != type || post->status != content::PostStatus::published ||
        !post->published_at || *post->published_at > now_utc()) {
      return wp_error(404, "rest_post_invalid_id", invalid_id);
    }
    auto featured = featured_media({*post});
    if (!featured) return internal_error(featured.error());
    const WpContext where = context();
    return answer(post_with_embeds(*post, image_of(*post, *featured), query, where),
                  {site::cache_keys::post(post->id)}, where.api_root());
  }

  // --- Categories and tags ---------------------------------------------------

  // How many published articles each section has.
  Result<std::unordered_map<content::Id, long>> section_counts(
      const std::vector<content::Section>& sections) const {
    std::unordered_map<content::Id, long> counts;
    for (const content::Section& section : sections) {
      store::PostQuery count;
      count.where = PostCondition::with_ids(PostCondition::Kind::section_id, {section.id});
      count.now = now_utc();
      count.limit = 1;
      count.count_total = true;
      auto page = store->published_posts(count);
      BYLINE_TRY(page);
      counts[section.id] = page->total.value_or(0);
    }
    return counts;
  }

  // The terms of published post `id`, or nullopt when readers cannot see it.
  std::optional<content::Post> visible_post(content::Id id) const {
    auto found = store->post_by_id(id);
    if (!found || !*found) return std::nullopt;
    const content::Post& post = **found;
    if (post.status != content::PostStatus::published || !post.published_at ||
        *post.published_at > now_utc()) {
      return std::nullopt;
    }
    return post;
  }

  // A listing of sections or tags, which Byline holds in memory to answer:
  // filtered, ordered (by name unless asked otherwise), one page of it.
  template <typename Term>
  Response browse_terms(const Request& request, std::vector<Term> terms,
                        const std::unordered_map<content::Id, long>& counts,
                        const std::function<json::object(const Term&, long)>& to_json) const {
    auto read = read_query(request, true);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const WpListQuery& query = std::get<WpListQuery>(read);
    const std::string& by = query.orderby;
    if (!by.empty() && by != "name" && by != "id" && by != "slug" && by != "count" &&
        by != "include" && by != "include_slugs" && by != "description") {
      return invalid_param({"orderby",
                            "Invalid parameter(s): orderby (name, id, slug, count, description, "
                            "include or include_slugs)"});
    }
    std::optional<content::Post> post;
    if (query.post) {
      post = visible_post(*query.post);
      if (!post) return wp_error(404, "rest_post_invalid_id", "Invalid post ID.");
    }
    auto count_of = [&](const Term& term) {
      const auto found = counts.find(term.id);
      return found == counts.end() ? 0L : found->second;
    };
    std::erase_if(terms, [&](const Term& term) {
      if (!asked_for(term, query)) return true;
      if (query.hide_empty && count_of(term) == 0) return true;
      if (post) {
        bool on_post = false;
        if constexpr (std::is_same_v<Term, content::Section>) {
          for (const auto& one : post->sections) on_post = on_post || one.id == term.id;
        } else {
          for (const auto& one : post->tags) on_post = on_post || one.id == term.id;
        }
        if (!on_post) return true;
      }
      if constexpr (std::is_same_v<Term, content::Section>) {
        if (!query.parent.empty() && !listed_in(query.parent, term.parent_id)) return true;
      }
      return false;
    });
    sort_records(terms, query, [&](const Term& term) -> std::string {
      if (by == "id") return padded(term.id);
      if (by == "slug") return term.slug;
      if (by == "count") return padded(count_of(term));
      if (by == "description") return term.description;
      return term.name;
    });
    return record_page<Term>(request, query, std::move(terms), "rest_invalid_page_number",
                             [&](const Term& term) { return to_json(term, count_of(term)); });
  }

  // One page of sections, tags or people, filtered and sorted already,
  // with WordPress's paging headers.
  template <typename Record>
  Response record_page(const Request& request, const WpListQuery& query,
                       std::vector<Record> records, std::string_view past_last_code,
                       const std::function<json::object(const Record&)>& to_json) const {
    const long total = static_cast<long>(records.size());
    if (auto past = past_last_page(query, total, past_last_code)) return std::move(*past);
    json::array shown;
    for (const Record& record : one_page(std::move(records), query)) {
      json::object one = to_json(record);
      keep_wp_fields(one, query.fields);
      shown.push_back(std::move(one));
    }
    const WpContext where = context();
    Response response =
        answer(shown, {std::string(site::cache_keys::kFrontPage)}, where.api_root());
    add_paging(response, request, where.site_url, query, total);
    return response;
  }

  Response categories(const Request& request) const {
    auto sections = store->sections();
    if (!sections) return internal_error(sections.error());
    auto counts = section_counts(*sections);
    if (!counts) return internal_error(counts.error());
    const WpContext where = context();
    return browse_terms<content::Section>(request, std::move(*sections), *counts,
                                          [&](const content::Section& section, long posts) {
                                            return wp_category_json(section, posts, where);
                                          });
  }

  struct PublishedTags {
    std::vector<content::Tag> tags;
    std::unordered_map<content::Id, long> posts;
  };
  // Tags on published articles, with how many each has. Rule: a tag an
  // editor made for a draft ("Acme merger") is nobody's business yet.
  Result<PublishedTags> published_tags() const {
    auto tags = store->tags();
    BYLINE_TRY(tags);
    auto counts = store->published_counts(content::PostType::article, now_utc());
    BYLINE_TRY(counts);
    PublishedTags published{std::move(*tags), {counts->by_tag.begin(), counts->by_tag.end()}};
    std::erase_if(published.tags,
                  [&](const content::Tag& tag) { return !published.posts.contains(tag.id); });
    return published;
  }

  Response tags(const Request& request) const {
    auto published = published_tags();
    if (!published) return internal_error(published.error());
    const WpContext where = context();
    return browse_terms<content::Tag>(
        request, std::move(published->tags), published->posts,
        [&](const content::Tag& tag, long posts) { return wp_tag_json(tag, posts, where); });
  }

  template <typename Term>
  Response read_term(const Request& request, const Params& params,
                     const Result<std::vector<Term>>& terms,
                     const std::function<json::object(const Term&)>& to_json) const {
    auto read = read_query(request, true, &kOneItemFields);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    if (!terms) return internal_error(terms.error());
    for (const Term& term : *terms) {
      if (std::to_string(term.id) != params.get("id")) continue;
      json::object shown = to_json(term);
      keep_wp_fields(shown, std::get<WpListQuery>(read).fields);
      const WpContext where = context();
      return answer(shown, {std::string(site::cache_keys::kFrontPage)}, where.api_root());
    }
    return wp_error(404, "rest_term_invalid", "Term does not exist.");
  }

  Response category(const Request& request, const Params& params) const {
    auto sections = store->sections();
    if (!sections) return internal_error(sections.error());
    auto counts = section_counts(*sections);
    if (!counts) return internal_error(counts.error());
    const WpContext where = context();
    return read_term<content::Section>(
        request, params, sections, [&](const content::Section& section) {
          return wp_category_json(section, (*counts)[section.id], where);
        });
  }

  Response tag(const Request& request, const Params& params) const {
    auto published = published_tags();
    if (!published) return internal_error(published.error());
    const WpContext where = context();
    return read_term<content::Tag>(
        request, params, Result<std::vector<content::Tag>>(std::move(published->tags)),
        [&](const content::Tag& tag) { return wp_tag_json(tag, published->posts[tag.id], where); });
  }

  // --- Users -----------------------------------------------------------------

  Response users(const Request& request) const {
    auto read = read_query(request, true);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const WpListQuery& query = std::get<WpListQuery>(read);
    const http::Form form = http::Form::parse(request.query);
    // What only a signed-in WordPress user may ask of the users.
    for (const char* staff_only : {"roles", "roles[]", "capabilities", "capabilities[]", "who"}) {
      if (form.has(staff_only)) {
        return wp_error(401, "rest_user_cannot_view",
                        "Sorry, you are not allowed to filter users by role.");
      }
    }
    const std::string& by = query.orderby;
    if (by == "email" || by == "registered_date") {
      return wp_error(401, "rest_forbidden_orderby",
                      "Sorry, you are not allowed to order users by this parameter.");
    }
    if (!by.empty() && by != "name" && by != "id" && by != "slug" && by != "include" &&
        by != "include_slugs") {
      return invalid_param({"orderby",
                            "Invalid parameter(s): orderby (name, id, slug, include "
                            "or include_slugs)"});
    }
    auto people = store->published_authors(now_utc());
    if (!people) return internal_error(people.error());
    std::vector<content::User> listed = std::move(*people);
    std::erase_if(listed, [&](const content::User& user) { return !asked_for(user, query); });
    sort_records(listed, query, [&](const content::User& user) -> std::string {
      if (by == "id") return padded(user.id);
      if (by == "slug") return user.slug;
      return user.name;
    });
    const WpContext where = context();
    return record_page<content::User>(
        request, query, std::move(listed), "rest_user_invalid_page_number",
        [&](const content::User& user) { return wp_user_json(user, where); });
  }

  Response user(const Request& request, const Params& params) const {
    auto read = read_query(request, true, &kOneItemFields);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    auto people = store->published_authors(now_utc());
    if (!people) return internal_error(people.error());
    for (const content::User& person : *people) {
      if (std::to_string(person.id) != params.get("id")) continue;
      const WpContext where = context();
      json::object shown = wp_user_json(person, where);
      keep_wp_fields(shown, std::get<WpListQuery>(read).fields);
      return answer(shown, {std::string(site::cache_keys::kFrontPage)}, where.api_root());
    }
    // As WordPress: someone without published posts is not for anonymous
    // eyes, and says so the same way whether they exist or not.
    return wp_error(401, "rest_user_cannot_view", "Sorry, you are not allowed to list users.");
  }

  // --- Media -----------------------------------------------------------------
  // WordPress's attachments: the images published posts feature
  // (store::PublicMedia), so that an image uploaded for an embargoed story
  // is not listed before the story is out.

  Response browse_media(const Request& request) const {
    auto read = read_query(request, false);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const WpListQuery& query = std::get<WpListQuery>(read);
    if (!query.orderby.empty() && query.orderby != "date") {
      return invalid_param({"orderby", "Invalid parameter(s): orderby (date)"});
    }
    store::PublicMediaQuery listing;
    // Byline's images have no titles: a search looks in their alt text.
    listing.alt_contains = query.search;
    listing.include = query.include;
    listing.exclude = query.exclude;
    listing.now = now_utc();
    listing.oldest_first = query.ascending;
    listing.limit = query.per_page;
    listing.offset = static_cast<int>(std::min<long>(query.skip(), 1000000000));
    // Every public image is a WebP image that a post features: asked for
    // anything else (or for images no post features, parent 0), none.
    const bool none =
        (!query.media_type.empty() && query.media_type != "image") ||
        (!query.mime_type.empty() && query.mime_type != "image/webp" &&
         query.mime_type != "image") ||
        (!query.parent.empty() &&
         std::all_of(query.parent.begin(), query.parent.end(), [](auto id) { return id == 0; }));
    for (const content::Id parent : query.parent)
      if (parent != 0) listing.featured_by.push_back(parent);
    store::PublicMediaPage page;
    if (!none) {
      auto found = store->public_media(listing);
      if (!found) {
        if (found.error().code == ErrorCode::invalid_input) {
          return invalid_param({"include", "Invalid parameter(s): " + found.error().message});
        }
        return internal_error(found.error());
      }
      page = std::move(*found);
    }
    if (auto past = past_last_page(query, page.total, "rest_post_invalid_page_number")) {
      return std::move(*past);
    }
    const WpContext where = context();
    json::array shown;
    for (const store::PublicMedia& item : page.items) {
      json::object one = wp_media_json({item.media, item.post_id, item.alt, item.caption}, where);
      keep_wp_fields(one, query.fields);
      shown.push_back(std::move(one));
    }
    // Which images are public changes with any publish, unpublish or
    // change of a featured image.
    Response response =
        answer(shown, {std::string(site::cache_keys::kAnyChange)}, where.api_root());
    add_paging(response, request, where.site_url, query, page.total);
    return response;
  }

  Response read_media(const Request& request, const Params& params) const {
    auto read = read_query(request, false, &kOneItemFields);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const auto id = id_in(params.get("id"));
    if (!id) return wp_error(404, "rest_post_invalid_id", "Invalid post ID.");
    store::PublicMediaQuery listing;
    listing.include = {*id};
    listing.now = now_utc();
    listing.limit = 1;
    auto found = store->public_media(listing);
    if (!found) return internal_error(found.error());
    if (found->items.empty()) return wp_error(404, "rest_post_invalid_id", "Invalid post ID.");
    const WpContext where = context();
    const store::PublicMedia& item = found->items[0];
    json::object shown = wp_media_json({item.media, item.post_id, item.alt, item.caption}, where);
    keep_wp_fields(shown, std::get<WpListQuery>(read).fields);
    return answer(shown, {std::string(site::cache_keys::kAnyChange)}, where.api_root());
  }

  // --- Search ----------------------------------------------------------------
  // WordPress's search across kinds: posts and pages (type=post; words are
  // ranked by the site's search, whose index holds articles only), or
  // sections and tags (type=term), each as a short result with the address
  // of the whole item.

  Response search(const Request& request) const {
    auto read = read_query(request, false);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const WpListQuery& query = std::get<WpListQuery>(read);
    const std::string type = query.type.empty() ? "post" : query.type;
    if (type != "post" && type != "term" && type != "post-format") {
      return invalid_param({"type", "Invalid parameter(s): type (post, term or post-format)"});
    }
    const std::vector<std::string> kinds = type == "post" ? std::vector<std::string>{"post", "page"}
                                           : type == "term"
                                               ? std::vector<std::string>{"category", "post_tag"}
                                               : std::vector<std::string>{};
    auto wanted = [&](const std::string& kind) {
      return query.subtype.empty() ||
             std::find(query.subtype.begin(), query.subtype.end(), "any") != query.subtype.end() ||
             std::find(query.subtype.begin(), query.subtype.end(), kind) != query.subtype.end();
    };
    for (const std::string& asked : query.subtype) {
      if (asked != "any" && std::find(kinds.begin(), kinds.end(), asked) == kinds.end()) {
        std::string allowed;
        for (const std::string& kind : kinds) allowed += kind + ", ";
        return invalid_param({"subtype", "Invalid parameter(s): subtype (" + allowed + "or any)"});
      }
    }
    const WpContext where = context();
    json::array shown;
    long total = 0;
    if (type == "post") {
      store::PostQuery listing;
      if (wanted("post") != wanted("page")) {
        listing.type = wanted("post") ? content::PostType::article : content::PostType::page;
      } else {
        listing.type = std::nullopt;
      }
      std::vector<PostCondition> all;
      if (!query.include.empty())
        all.push_back(PostCondition::with_ids(PostCondition::Kind::id, query.include));
      if (!query.exclude.empty()) {
        all.push_back(PostCondition::none_of(
            {PostCondition::with_ids(PostCondition::Kind::id, query.exclude)}));
      }
      listing.where = PostCondition::all_of(std::move(all));
      listing.search = query.search;
      // As WordPress: the best match first when there are words, the
      // newest first when there are none.
      if (!listing.search.empty()) listing.order = {{store::PostOrderField::relevance, true}};
      listing.now = now_utc();
      listing.limit = query.per_page;
      listing.offset = static_cast<int>(std::min<long>(query.skip(), 1000000000));
      listing.count_total = true;
      auto page = store->published_posts(listing);
      if (!page) {
        if (page.error().code == ErrorCode::invalid_input) {
          return invalid_param({"include", "Invalid parameter(s): " + page.error().message});
        }
        return internal_error(page.error());
      }
      total = page->total.value_or(0);
      for (const content::Post& post : page->posts) {
        const bool is_page = post.type == content::PostType::page;
        shown.push_back(wp_search_result_json(
            post.id, post.title, where.site_url + site::post_url(post), "post",
            is_page ? "page" : "post", (is_page ? "pages/" : "posts/") + std::to_string(post.id),
            where));
      }
    } else if (type == "term") {
      struct Found {
        content::Id id;
        std::string name, url, subtype, route;
      };
      std::vector<Found> found;
      if (wanted("category")) {
        auto sections = store->sections();
        if (!sections) return internal_error(sections.error());
        for (const content::Section& section : *sections) {
          if (!asked_for(section, query)) continue;
          found.push_back({section.id, section.name, where.site_url + site::section_url(section),
                           "category", "categories/" + std::to_string(section.id)});
        }
      }
      if (wanted("post_tag")) {
        auto published = published_tags();
        if (!published) return internal_error(published.error());
        for (const content::Tag& tag : published->tags) {
          if (!asked_for(tag, query)) continue;
          found.push_back({tag.id, tag.name, where.site_url + site::tag_url(tag), "post_tag",
                           "tags/" + std::to_string(tag.id)});
        }
      }
      std::stable_sort(found.begin(), found.end(),
                       [](const Found& a, const Found& b) { return a.name < b.name; });
      total = static_cast<long>(found.size());
      for (const Found& one : one_page(std::move(found), query)) {
        shown.push_back(wp_search_result_json(one.id, one.name, one.url, "term", one.subtype,
                                              one.route, where));
      }
    }
    if (auto past = past_last_page(query, total, "rest_search_invalid_page_number")) {
      return std::move(*past);
    }
    for (json::value& one : shown) keep_wp_fields(one.as_object(), query.fields);
    Response response =
        answer(shown, {std::string(site::cache_keys::kAnyChange)}, where.api_root());
    add_paging(response, request, where.site_url, query, total);
    return response;
  }
};

WpRestApi::WpRestApi(std::shared_ptr<store::Store> store,
                     std::shared_ptr<const site::SettingsSource> settings)
    : handlers_(std::make_shared<const Handlers>(Handlers{std::move(store), std::move(settings)})) {
}

WpRestApi::~WpRestApi() = default;

void WpRestApi::add_routes(http::Router& router) const {
  http::PublicRoutes routes(
      router,
      {.prefixes = {std::string(kPrefix)},
       .body_limit = 64 * 1024,
       // Headless front ends read it from other sites, as WordPress allows.
       .cors = http::CorsRules{"Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, "
                               "Content-Type",
                               "X-WP-Total, X-WP-TotalPages, Link", 86400},
       .error = [](int status, std::string_view message) {
         if (status == 404 || status == 405) {
           return wp_error(404, "rest_no_route",
                           "No route was found matching the URL and request method.");
         }
         return wp_error(status, status == 413 ? "rest_request_too_large" : "rest_error", message);
       }});
  const auto h = handlers_;
  const std::vector<std::string> listing = wp_query_fields();
  const std::vector<std::string>& one = kOneItemFields;
  using Anyone = http::Public;
  // WordPress takes its routes with a trailing slash and without.
  auto both = [&](const std::string& pattern, auto handler, const std::vector<std::string>& reads) {
    for (const std::string& spelling : {pattern, pattern + "/"}) {
      routes.add("GET", spelling, Anyone::anyone,
                 [handler](const Request& request, const Params& params, std::monostate) {
                   return handler(request, params);
                 },
                 {.reads_query = reads});
    }
  };
  routes.add("GET", "", Anyone::anyone, [h](const Request& request, const Params&, std::monostate) {
    return h->index(request);
  });
  both("wp/v2", [h](const Request& request, const Params&) { return h->index(request); }, {});
  for (const auto type : {content::PostType::article, content::PostType::page}) {
    const std::string kind = type == content::PostType::page ? "pages" : "posts";
    both(
        "wp/v2/" + kind,
        [h, type](const Request& request, const Params&) { return h->browse_posts(request, type); },
        listing);
    both(
        "wp/v2/" + kind + "/:id",
        [h, type](const Request& request, const Params& params) {
          return h->read_post(request, params, type);
        },
        one);
  }
  both(
      "wp/v2/categories",
      [h](const Request& request, const Params&) { return h->categories(request); }, listing);
  both(
      "wp/v2/categories/:id",
      [h](const Request& request, const Params& params) { return h->category(request, params); },
      one);
  both(
      "wp/v2/tags", [h](const Request& request, const Params&) { return h->tags(request); },
      listing);
  both(
      "wp/v2/tags/:id",
      [h](const Request& request, const Params& params) { return h->tag(request, params); }, one);
  both("wp/v2/users/me",
       [](const Request&, const Params&) {
         return wp_error(401, "rest_not_logged_in", "You are not currently logged in.");
       },
       {});
  both(
      "wp/v2/users", [h](const Request& request, const Params&) { return h->users(request); },
      listing);
  both(
      "wp/v2/users/:id",
      [h](const Request& request, const Params& params) { return h->user(request, params); }, one);
  both(
      "wp/v2/media",
      [h](const Request& request, const Params&) { return h->browse_media(request); }, listing);
  both(
      "wp/v2/media/:id",
      [h](const Request& request, const Params& params) { return h->read_media(request, params); },
      one);
  both(
      "wp/v2/search", [h](const Request& request, const Params&) { return h->search(request); },
      listing);
}

}  // namespace byline::api
