#include "api/content_api.hpp"

#include "accounts/api_keys.hpp"
#include "accounts/api_rate_limits.hpp"
#include "api/content_json.hpp"
#include "api/content_query.hpp"
#include "api/ghost_errors.hpp"
#include "api/ghost_ids.hpp"
#include "api/nql.hpp"
#include "api/record_listing.hpp"
#include "common/log.hpp"
#include "http/errors.hpp"
#include "http/form.hpp"
#include "http/route_group.hpp"
#include "site/cache_keys.hpp"
#include "site/settings.hpp"
#include "store/store.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace byline::api {
namespace {

namespace json = boost::json;
using http::Params;
using http::Request;
using http::Response;
using store::PostCondition;

// The Ghost API level Byline answers as (Content-Version).
constexpr std::string_view kContentVersion = "v6.0";
// Versions older clients put in the path; each answers as the current one.
constexpr std::string_view kLegacyVersions[] = {"v2", "v3", "v4", "canary"};
constexpr std::string_view kBase = "/ghost/api/";

// Every Content API route takes a content key.
enum class ContentAccess { content_key };
using ContentRoutes = http::RouteGroup<ContentAccess, store::ApiKey>;

std::vector<std::string> content_prefixes() {
  std::vector<std::string> prefixes{std::string(kBase) + "content/"};
  for (const auto version : kLegacyVersions)
    prefixes.push_back(std::string(kBase) + std::string(version) + "/content/");
  return prefixes;
}

// The version a request's path names ("v3"), if it uses a versioned prefix.
std::optional<std::string_view> legacy_version(std::string_view path) {
  if (!path.starts_with(kBase)) return std::nullopt;
  path.remove_prefix(kBase.size());
  for (const auto version : kLegacyVersions) {
    if (path.starts_with(version) && path.substr(version.size()).starts_with("/content/"))
      return version;
  }
  return std::nullopt;
}

// A 200 answer, cached until what it `shows` changes; every content key
// gets the same bytes.
Response answer(const json::object& body, const Request& request, std::vector<std::string> shows,
                std::string_view site_url) {
  Response response;
  response.body = json::serialize(body);
  response.set_header("Content-Type", "application/json; charset=utf-8");
  response.set_header("Cache-Control", "public, max-age=0");
  response.set_header("Content-Version", kContentVersion);
  if (const auto version = legacy_version(request.path)) {
    // As Ghost does: the old prefix works, and says where the current one is.
    response.set_header("Deprecation", "version=\"" + std::string(*version) + "\"");
    std::string latest(request.path);
    latest.replace(kBase.size(), version->size() + 1, "");
    response.set_header("Link", "<" + std::string(site_url) + latest + ">; rel=\"latest-version\"");
  }
  response.cache = http::CachePolicy{std::move(shows), std::nullopt};
  return response;
}

std::optional<store::PostOrderField> post_order_field(std::string_view field) {
  using Field = store::PostOrderField;
  if (field == "published_at") return Field::published_at;
  if (field == "updated_at") return Field::updated_at;
  if (field == "created_at") return Field::created_at;
  if (field == "title") return Field::title;
  if (field == "slug") return Field::slug;
  if (field == "id") return Field::id;
  return std::nullopt;
}

// The page of `all` the query asks for.
template <typename Item>
std::vector<Item> one_page(std::vector<Item> all, const ContentQuery& query) {
  const auto start = std::min(all.size(), static_cast<std::size_t>(query.page - 1) * query.limit);
  const auto end = std::min(all.size(), start + static_cast<std::size_t>(query.limit));
  return std::vector<Item>(std::make_move_iterator(all.begin() + start),
                           std::make_move_iterator(all.begin() + end));
}

std::string_view resource_of(content::PostType type) {
  return type == content::PostType::page ? "pages" : "posts";
}

}  // namespace

struct ContentApi::Handlers {
  std::shared_ptr<store::Store> store;
  std::shared_ptr<const site::SettingsSource> settings;
  std::shared_ptr<accounts::ApiRateLimits> limits;

  // --- The key -------------------------------------------------------------

  std::variant<store::ApiKey, Response> gate(const Request& request, const ContentAccess&) const {
    auto admitted = check_key(request);
    const auto* refusal = std::get_if<Response>(&admitted);
    // Rule: a valid key is never held up (many clients may share an
    // address, as behind a proxy); refusals are, per address, so that
    // requests with bad keys cannot make unbounded work.
    if (refusal && refusal->status < 500) {
      const auto wait =
          limits->refuse(request.remote_address, accounts::ApiRateLimits::Clock::now());
      if (wait.count() > 0) return too_many_requests(wait, "refused requests from this address");
    }
    return admitted;
  }

  std::variant<store::ApiKey, Response> check_key(const Request& request) const {
    const http::Form query = http::Form::parse(request.query);
    const std::vector<std::string> keys = query.all("key");
    if (keys.empty()) {
      return ghost_error(403, "Authorization failed",
                         "Unable to determine the authenticated member or integration. Check the "
                         "supplied Content API Key.");
    }
    if (keys.size() > 1) {
      return ghost_error(400, "Multiple values were given for the key.",
                         "Give one Content API key, as ?key=...", "INVALID_REQUEST");
    }
    auto found = accounts::find_content_key(*store, keys.front());
    if (!found) return ghost_failure("Content API", found.error());
    if (*found) return std::move(**found);
    // An Admin API key, or its id, is the wrong kind here.
    const std::string& key = keys.front();
    if (key.size() >= 24 && (key.size() == 24 || key[24] == ':')) {
      auto admin = accounts::find_admin_key(*store, key.substr(0, 24));
      if (!admin) return ghost_failure("Content API", admin.error());
      if (*admin) {
        return ghost_error(401, "Invalid API key type",
                           "An Admin API key was given to the Content API.",
                           "INVALID_API_KEY_TYPE");
      }
    }
    return ghost_error(401, "Unknown Content API Key", {}, "UNKNOWN_CONTENT_API_KEY");
  }

  // --- Shared pieces -------------------------------------------------------

  JsonContext context_for(const ContentQuery& query) const {
    const auto current = settings->current();
    return JsonContext{current->url, render::DateFormatter(current->locale, current->time_zone),
                       query};
  }

  std::variant<ContentQuery, Response> read_query(const Request& request) const {
    const http::Form form = http::Form::parse(request.query);
    // One value each: the cache keys an answer by all of them, so two
    // spellings of a repeated field must not share one answer.
    for (const std::string& field : kContentQueryFields) {
      if (form.all(field).size() > 1) {
        return ghost_error(400, "The query gives " + field + " more than once.",
                           "Give each query field once.", "INVALID_REQUEST");
      }
    }
    auto read = read_content_query(form);
    if (auto* error = std::get_if<QueryError>(&read)) return refused(*error);
    return std::get<ContentQuery>(std::move(read));
  }

  // The ids of the tags, people or sections with `slugs`, for the cache keys
  // of a listing over them.
  std::vector<content::Id> ids_of(PostCondition::Kind kind,
                                  const std::vector<std::string>& slugs) const {
    std::vector<content::Id> ids;
    for (const std::string& slug : slugs) {
      std::optional<content::Id> id;
      if (kind == PostCondition::Kind::tag_slug || kind == PostCondition::Kind::primary_tag_slug) {
        if (auto tag = store->tag_by_slug(slug); tag && *tag) id = (*tag)->id;
      } else if (kind == PostCondition::Kind::author_slug ||
                 kind == PostCondition::Kind::primary_author_slug) {
        if (auto user = store->user_by_slug(slug); user && *user) id = (*user)->id;
      } else if (kind == PostCondition::Kind::section_slug) {
        if (auto section = store->section_by_slug(slug); section && *section) id = (*section)->id;
      }
      if (id) ids.push_back(*id);
    }
    return ids;
  }

  // --- Posts and pages -----------------------------------------------------

  Response browse_posts(const Request& request, content::PostType type) const {
    auto read = read_query(request);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const ContentQuery& query = std::get<ContentQuery>(read);
    const Time now = now_utc();
    auto parsed = parse_post_filter(
        query.filter, now, [](std::string_view text) { return local_id(GhostKind::post, text); });
    if (auto* error = std::get_if<FilterError>(&parsed)) return refused(*error);
    const PostFilter& filter = std::get<PostFilter>(parsed);

    store::PostQuery listing;
    listing.type = type;
    listing.where = filter.where;
    listing.now = now;
    listing.count_total = true;
    for (const OrderPart& part : query.order) {
      const auto field = post_order_field(part.field);
      if (!field) return cannot_order(resource_of(type), part.field);
      listing.order.push_back({*field, part.descending});
    }
    // Ghost lists pages by title unless asked otherwise.
    if (query.order.empty() && type == content::PostType::page) {
      listing.order.push_back({store::PostOrderField::title, false});
    }
    const bool needs_text =
        query.wants("html") || query.wants("plaintext") || query.wants("reading_time");
    listing.projection = needs_text ? store::Projection::full : store::Projection::card;
    // A filter that is one list of slugs or ids, with no order asked for,
    // gives its posts in the list's order, as Ghost does.
    const bool list_order =
        query.order.empty() && (!filter.slug_order.empty() || !filter.id_order.empty());
    if (list_order) {
      listing.limit = store::kMaxListingLimit;
    } else {
      listing.limit = query.limit;
      listing.offset = (query.page - 1) * query.limit;
    }
    auto page = store->published_posts(listing);
    if (!page) return ghost_failure("Content API", page.error());
    std::vector<content::Post>& posts = page->posts;
    long total = page->total.value_or(static_cast<long>(posts.size()));
    if (list_order) {
      std::unordered_map<std::string, std::size_t> by_slug;
      std::unordered_map<content::Id, std::size_t> by_id;
      for (std::size_t i = filter.slug_order.size(); i-- > 0;) by_slug[filter.slug_order[i]] = i;
      for (std::size_t i = filter.id_order.size(); i-- > 0;) by_id[filter.id_order[i]] = i;
      auto position = [&](const content::Post& post) {
        return filter.slug_order.empty() ? by_id[post.id] : by_slug[post.slug];
      };
      std::stable_sort(posts.begin(), posts.end(),
                       [&](const auto& a, const auto& b) { return position(a) < position(b); });
      total = static_cast<long>(posts.size());
      posts = one_page(std::move(posts), query);
    }

    const JsonContext context = context_for(query);
    json::array shown;
    std::vector<std::string> shows = site::cache_keys::lists_for(
        filter.where,
        [this](PostCondition::Kind kind, const std::vector<std::string>& slugs) {
          return ids_of(kind, slugs);
        },
        listing.order);
    for (const content::Post& post : posts) {
      shown.push_back(post_json(post, context));
      shows.push_back(site::cache_keys::post(post.id));
    }
    json::object body;
    body[resource_of(type)] = std::move(shown);
    body["meta"] = pagination_json(query.page, query.limit, total);
    return answer(body, request, std::move(shows), context.site_url);
  }

  Response read_post(const Request& request, const Params& params, content::PostType type,
                     bool by_slug) const {
    auto read = read_query(request);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const std::string_view noun = type == content::PostType::page ? "Page" : "Post";
    Result<std::optional<content::Post>> found = std::optional<content::Post>{};
    if (by_slug) {
      const std::string& slug = params.get("slug");
      if (slug.empty() || slug.size() > 191) {
        return ghost_error(422, "A slug is 1 to 191 characters.", "Validation failed for slug.");
      }
      found = store->post_by_slug(slug);
    } else {
      const std::string& id = params.get("id");
      if (!is_object_id(id)) return not_an_id();
      if (const auto local = local_id(GhostKind::post, id)) found = store->post_by_id(*local);
    }
    if (!found) return ghost_failure("Content API", found.error());
    const Time now = now_utc();
    const std::optional<content::Post>& post = *found;
    // Only what readers may see, ever: published, its time come, of this type.
    if (!post || post->type != type || post->status != content::PostStatus::published ||
        !post->published_at || *post->published_at > now) {
      return ghost_error(404, std::string(noun) + " not found.");
    }
    const JsonContext context = context_for(std::get<ContentQuery>(read));
    json::object body;
    body[resource_of(type)] = json::array{post_json(*post, context)};
    return answer(body, request, {site::cache_keys::post(post->id)}, context.site_url);
  }

  // --- Authors and tags ----------------------------------------------------

  // A browse over a list held in memory: filtered, ordered (by `name`
  // unless asked otherwise), one page of it.
  template <typename Record>
  Response browse_records(const Request& request, std::string_view resource,
                          std::vector<Record> records, const PostCounts& posts,
                          const std::function<RecordFields(const Record&, long)>& fields_of,
                          const std::function<json::object(const Record&, const JsonContext&,
                                                           std::optional<long>)>& to_json) const {
    auto read = read_query(request);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const ContentQuery& query = std::get<ContentQuery>(read);
    const JsonContext context = context_for(query);
    auto listed = list_records<Record>(query, resource, std::move(records), posts, context,
                                       fields_of, to_json);
    if (auto* error = std::get_if<RecordListingError>(&listed)) return refused(*error, resource);
    RecordPage& page = std::get<RecordPage>(listed);
    json::object body;
    body[resource] = std::move(page.shown);
    body["meta"] = pagination_json(query.page, query.limit, page.total);
    // Who has published posts, and how many, changes with what joins or
    // leaves the front page's list; names change with the site.
    return answer(body, request, {std::string(site::cache_keys::kFrontPage)}, context.site_url);
  }

  // Authors are people with published posts; tags, those on published
  // posts: nothing the newsroom has not published shows here.
  Result<std::vector<content::User>> authors(const PostCounts& posts) const {
    auto people = store->published_authors(now_utc());
    BYLINE_TRY(people);
    std::erase_if(*people, [&](const content::User& user) { return !posts.contains(user.id); });
    return std::move(*people);
  }
  Result<std::vector<content::Tag>> tags(const PostCounts& posts) const {
    auto all = store->tags();
    BYLINE_TRY(all);
    std::erase_if(*all, [&](const content::Tag& tag) { return !posts.contains(tag.id); });
    return std::move(*all);
  }

  Response browse_authors(const Request& request) const {
    auto counted = published_post_counts(*store);
    if (!counted) return ghost_failure("Content API", counted.error());
    auto people = authors(counted->by_author);
    if (!people) return ghost_failure("Content API", people.error());
    return browse_records<content::User>(request, "authors", std::move(*people), counted->by_author,
                                         record_fields<content::User, GhostKind::user>,
                                         author_json);
  }

  Response browse_tags(const Request& request) const {
    auto counted = published_post_counts(*store);
    if (!counted) return ghost_failure("Content API", counted.error());
    auto found = tags(counted->by_tag);
    if (!found) return ghost_failure("Content API", found.error());
    return browse_records<content::Tag>(request, "tags", std::move(*found), counted->by_tag,
                                        record_fields<content::Tag, GhostKind::tag>, tag_json);
  }

  // One author or tag, by id or slug: found among those the browse lists.
  template <typename Record>
  Response read_record(const Request& request, const Params& params, std::string_view resource,
                       std::string_view noun, GhostKind kind, bool by_slug,
                       const Result<std::vector<Record>>& records, const PostCounts& posts,
                       const std::function<json::object(const Record&, const JsonContext&,
                                                        std::optional<long>)>& to_json) const {
    auto read = read_query(request);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    if (!records) return ghost_failure("Content API", records.error());
    const std::string& wanted = params.get(by_slug ? "slug" : "id");
    if (!by_slug && !is_object_id(wanted)) return not_an_id();
    const auto local = by_slug ? std::nullopt : local_id(kind, wanted);
    for (const Record& record : *records) {
      if (by_slug ? record.slug != wanted : !local || record.id != *local) continue;
      const JsonContext context = context_for(std::get<ContentQuery>(read));
      const auto it = posts.find(record.id);
      json::object shown = to_json(record, context, it == posts.end() ? 0 : it->second);
      keep_asked_fields(shown, context.query);
      json::object body;
      body[resource] = json::array{std::move(shown)};
      return answer(body, request, {std::string(site::cache_keys::kFrontPage)}, context.site_url);
    }
    return ghost_error(404, std::string(noun) + " not found.");
  }

  Response read_author(const Request& request, const Params& params, bool by_slug) const {
    auto counted = published_post_counts(*store);
    if (!counted) return ghost_failure("Content API", counted.error());
    return read_record<content::User>(request, params, "authors", "Author", GhostKind::user,
                                      by_slug, authors(counted->by_author), counted->by_author,
                                      author_json);
  }

  Response read_tag(const Request& request, const Params& params, bool by_slug) const {
    auto counted = published_post_counts(*store);
    if (!counted) return ghost_failure("Content API", counted.error());
    return read_record<content::Tag>(request, params, "tags", "Tag", GhostKind::tag, by_slug,
                                     tags(counted->by_tag), counted->by_tag, tag_json);
  }

  // --- The rest ------------------------------------------------------------

  Response site_settings(const Request& request) const {
    auto sections = store->sections();
    if (!sections) return ghost_failure("Content API", sections.error());
    const auto current = settings->current();
    json::object body{{"settings", settings_json(*current, *sections)}, {"meta", json::object{}}};
    // Settings and sections change with the site, which empties the cache.
    return answer(body, request, {}, current->url);
  }

  // Members' features Byline does not have: an empty list, as Ghost gives
  // on a site without them.
  Response nothing_of(const Request& request, std::string_view resource) const {
    auto read = read_query(request);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const ContentQuery& query = std::get<ContentQuery>(read);
    json::object body;
    body[resource] = json::array{};
    body["meta"] = pagination_json(query.page, query.limit, 0);
    return answer(body, request, {}, settings->current()->url);
  }
};

ContentApi::ContentApi(std::shared_ptr<store::Store> store,
                       std::shared_ptr<const site::SettingsSource> settings)
    : handlers_(std::make_shared<const Handlers>(Handlers{
          std::move(store), std::move(settings), std::make_shared<accounts::ApiRateLimits>()})) {}

ContentApi::~ContentApi() = default;

void ContentApi::add_routes(http::Router& router) const {
  ContentRoutes routes(
      router,
      {.prefixes = content_prefixes(),
       .body_limit = 0,
       // Browsers ask before sending Accept-Version from another site.
       .cors =
           http::CorsRules{"Accept-Version, Authorization, Content-Type, App-Pragma", "", 86400},
       .error =
           [](int status, std::string_view message) {
             return ghost_error(status, status == 404 ? "Resource not found" : message);
           }},
      [handlers = handlers_](const Request& request, const ContentAccess& access) {
        return handlers->gate(request, access);
      });
  constexpr auto key = ContentAccess::content_key;
  // A handler runs when the cache has no answer for the request (or the
  // request passes it by): each run takes one from what its key may ask
  // from its address, so a public key used elsewhere cannot spend it.
  auto limited = [h = handlers_](auto handler) {
    return [h, handler](const Request& request, const Params& params,
                        const store::ApiKey& caller) -> Response {
      const auto wait = h->limits->take_uncached(caller.lookup, request.remote_address,
                                                 accounts::ApiRateLimits::Clock::now());
      if (wait.count() > 0) return too_many_requests(wait, "uncached requests for this key");
      return handler(request, params, caller);
    };
  };
  const std::vector<std::string> browse = kContentQueryFields;
  const std::vector<std::string> one = {"include", "fields", "formats"};
  const auto h = handlers_;
  for (const auto type : {content::PostType::article, content::PostType::page}) {
    const std::string resource(resource_of(type));
    routes.add("GET", resource + "/", key,
               limited([h, type](const Request& request, const Params&, const store::ApiKey&) {
                 return h->browse_posts(request, type);
               }),
               {.reads_query = browse});
    routes.add(
        "GET", resource + "/slug/:slug/", key,
        limited([h, type](const Request& request, const Params& params, const store::ApiKey&) {
          return h->read_post(request, params, type, true);
        }),
        {.reads_query = one});
    routes.add(
        "GET", resource + "/:id/", key,
        limited([h, type](const Request& request, const Params& params, const store::ApiKey&) {
          return h->read_post(request, params, type, false);
        }),
        {.reads_query = one});
  }
  routes.add("GET", "authors/", key,
             limited([h](const Request& request, const Params&, const store::ApiKey&) {
               return h->browse_authors(request);
             }),
             {.reads_query = browse});
  routes.add("GET", "authors/slug/:slug/", key,
             limited([h](const Request& request, const Params& params, const store::ApiKey&) {
               return h->read_author(request, params, true);
             }),
             {.reads_query = one});
  routes.add("GET", "authors/:id/", key,
             limited([h](const Request& request, const Params& params, const store::ApiKey&) {
               return h->read_author(request, params, false);
             }),
             {.reads_query = one});
  routes.add("GET", "tags/", key,
             limited([h](const Request& request, const Params&, const store::ApiKey&) {
               return h->browse_tags(request);
             }),
             {.reads_query = browse});
  routes.add("GET", "tags/slug/:slug/", key,
             limited([h](const Request& request, const Params& params, const store::ApiKey&) {
               return h->read_tag(request, params, true);
             }),
             {.reads_query = one});
  routes.add("GET", "tags/:id/", key,
             limited([h](const Request& request, const Params& params, const store::ApiKey&) {
               return h->read_tag(request, params, false);
             }),
             {.reads_query = one});
  routes.add("GET", "settings/", key,
             limited([h](const Request& request, const Params&, const store::ApiKey&) {
               return h->site_settings(request);
             }));
  for (const std::string resource : {"tiers", "newsletters"}) {
    routes.add("GET", resource + "/", key,
               limited([h, resource](const Request& request, const Params&, const store::ApiKey&) {
                 return h->nothing_of(request, resource);
               }),
               {.reads_query = browse});
  }
}

}  // namespace byline::api
