#include "api/admin_api.hpp"

#include "accounts/api_keys.hpp"
#include "accounts/api_rate_limits.hpp"
#include "api/admin_json.hpp"
#include "api/admin_post_input.hpp"
#include "api/admin_token.hpp"
#include "api/content_query.hpp"
#include "api/ghost_errors.hpp"
#include "api/ghost_ids.hpp"
#include "api/record_listing.hpp"
#include "common/log.hpp"
#include "http/form.hpp"
#include "http/multipart.hpp"
#include "http/route_group.hpp"
#include "media/media_library.hpp"
#include "publishing/workflow.hpp"
#include "site/settings.hpp"
#include "store/store.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace byline::api {
namespace {

namespace json = boost::json;
using content::PostStatus;
using content::PostType;
using http::Params;
using http::Request;
using http::Response;

constexpr std::string_view kAdminVersion = "v6.0";
constexpr std::string_view kLegacyVersions[] = {"v2", "v3", "v4", "canary"};
constexpr std::string_view kBase = "/ghost/api/";
// A post's JSON: the body at the post rules' limit, escaped, and the rest.
constexpr std::size_t kMaxPostRequestBytes = 10 * 1024 * 1024;
// An image at the media library's limit, and a multipart envelope around it.
constexpr std::size_t kMaxUploadRequestBytes = media::kMaxUploadBytes + 64 * 1024;

// Who may call: the site's description is for anyone, as in Ghost; the
// rest is for an admin key's tokens.
enum class AdminAccess { anyone, integration };
// The key whose token let the caller in (empty for `anyone`).
using AdminRoutes = http::RouteGroup<AdminAccess, store::ApiKey>;

std::vector<std::string> admin_prefixes() {
  std::vector<std::string> prefixes{std::string(kBase) + "admin/"};
  for (const auto version : kLegacyVersions)
    prefixes.push_back(std::string(kBase) + std::string(version) + "/admin/");
  return prefixes;
}

// The API a request's path is for, as a token's audience names it:
// "admin", or "v3/admin" under a versioned prefix.
std::string audience_of(std::string_view path) {
  path.remove_prefix(std::min(path.size(), kBase.size()));
  for (const auto version : kLegacyVersions) {
    if (path.starts_with(version) && path.substr(version.size()).starts_with("/admin/"))
      return std::string(version) + "/admin";
  }
  return "admin";
}

Response json_answer(int status, const json::object& body) {
  Response response;
  response.status = status;
  response.body = json::serialize(body);
  response.set_header("Content-Type", "application/json; charset=utf-8");
  response.set_header("Cache-Control", "no-cache, private, no-store, must-revalidate");
  response.set_header("Content-Version", kAdminVersion);
  return response;
}

std::string_view resource_of(PostType type) { return type == PostType::page ? "pages" : "posts"; }
std::string_view noun_of(PostType type) { return type == PostType::page ? "Page" : "Post"; }

Response refused(const AdminInputError& error) {
  return ghost_error(error.status, error.message, error.context);
}

// What a Workflow refusal is in Ghost's terms.
Response workflow_refusal(const Error& error) {
  switch (error.code) {
    case ErrorCode::invalid_input:
    case ErrorCode::conflict:  // a slug another post has, on a save that names it
      return ghost_error(422, error.message, "Validation error, cannot save post.");
    case ErrorCode::forbidden:
      return ghost_error(403, error.message, "Permission error, cannot save post.");
    default:
      return ghost_failure("Admin API", error);
  }
}

Response collision() {
  return ghost_error(409, "Saving failed! Someone else is editing this post.", {},
                     "UPDATE_COLLISION");
}

}  // namespace

struct AdminApi::Handlers {
  std::shared_ptr<store::Store> store;
  std::shared_ptr<const site::SettingsSource> settings;
  std::shared_ptr<publishing::Workflow> workflow;
  std::shared_ptr<media::MediaLibrary> media;
  std::shared_ptr<accounts::ApiRateLimits> limits;

  // --- The token -----------------------------------------------------------

  std::variant<store::ApiKey, Response> gate(const Request& request,
                                             const AdminAccess& access) const {
    if (access == AdminAccess::anyone) return store::ApiKey{};
    auto admitted = check_token(request);
    const auto* refusal = std::get_if<Response>(&admitted);
    // As for content keys: refusals are limited per address, valid
    // tokens never held up by them.
    if (refusal && refusal->status < 500) {
      const auto wait =
          limits->refuse(request.remote_address, accounts::ApiRateLimits::Clock::now());
      if (wait.count() > 0) return too_many_requests(wait, "refused requests from this address");
    }
    if (refusal) return admitted;
    // Asked before a large body is read, the key's allowance is looked at
    // but left for the second asking, body and all: one request takes one.
    const auto& lookup = std::get<store::ApiKey>(admitted).lookup;
    const auto now = accounts::ApiRateLimits::Clock::now();
    const auto wait = request.body_pending
                          ? limits->uncached_wait(lookup, request.remote_address, now)
                          : limits->take_uncached(lookup, request.remote_address, now);
    if (wait.count() > 0) return too_many_requests(wait, "requests for this key");
    return admitted;
  }

  std::variant<store::ApiKey, Response> check_token(const Request& request) const {
    const std::string_view authorization = request.header("authorization");
    if (authorization.empty()) {
      return ghost_error(403, "Authorization failed",
                         "Unable to determine the authenticated user or integration. Sign each "
                         "request with a token made from an Admin API key.");
    }
    auto read = read_admin_token(authorization);
    if (auto* refusal = std::get_if<TokenRefusal>(&read)) {
      return ghost_error(refusal->status, refusal->message, {}, refusal->code);
    }
    const AdminToken& token = std::get<AdminToken>(read);
    auto key = accounts::find_admin_key(*store, token.key_id);
    if (!key) return ghost_failure("Admin API", key.error());
    if (!*key) {
      auto content = accounts::find_content_key(*store, token.key_id);
      if (!content) return ghost_failure("Admin API", content.error());
      if (*content) {
        return ghost_error(401, "Invalid API Key type",
                           "A Content API key was used to sign a token for the Admin API.",
                           "INVALID_API_KEY_TYPE");
      }
      return ghost_error(401, "Unknown Admin API Key", {}, "UNKNOWN_ADMIN_API_KEY");
    }
    if (auto refusal =
            check_admin_token(token, (*key)->secret, audience_of(request.path), now_utc())) {
      return ghost_error(refusal->status, refusal->message, {}, refusal->code);
    }
    return std::move(**key);
  }

  // --- Shared pieces -------------------------------------------------------

  JsonContext context_for(ContentQuery query, const Request& request) const {
    // The Admin API sends a post's HTML only when asked (formats=html).
    if (!http::Form::parse(request.query).has("formats")) query.html = false;
    const auto current = settings->current();
    return JsonContext{current->url, render::DateFormatter(current->locale, current->time_zone),
                       std::move(query)};
  }

  std::variant<ContentQuery, Response> read_query(const Request& request) const {
    auto read = read_content_query(http::Form::parse(request.query));
    if (auto* error = std::get_if<QueryError>(&read)) return refused(*error);
    return std::get<ContentQuery>(std::move(read));
  }

  // A post published now cannot carry a later time: that is a schedule.
  // `published`: the post is to be published once saved.
  static std::optional<Response> later_than_now(bool published, const AdminPostInput& input,
                                                PostType type) {
    if (!published || !input.published_at || *input.published_at <= now_utc()) return std::nullopt;
    return ghost_error(422, "Validation error, cannot save " + std::string(noun_of(type)) + ".",
                       "published_at is later than now: send status scheduled to publish then.");
  }

  // The one item of `resource` a write's JSON body holds.
  std::variant<json::object, Response> read_item(const Request& request,
                                                 std::string_view resource) const {
    const std::string_view type = request.header("content-type");
    if (!type.starts_with("application/json")) {
      return ghost_error(415, "Send the " + std::string(resource) + " as JSON.",
                         "Content-Type: application/json");
    }
    json::parse_options options;
    options.max_depth = 64;
    boost::system::error_code error;
    json::value body = json::parse(request.body, error, {}, options);
    if (error || !body.is_object()) return ghost_error(400, "The body is not a JSON object.");
    json::value* items = body.as_object().if_contains(resource);
    if (!items || !items->is_array() || items->as_array().empty() ||
        !items->as_array().front().is_object()) {
      return ghost_error(400, "No root key ('" + std::string(resource) + "') provided.");
    }
    return std::move(items->as_array().front().as_object());
  }

  // The post or page `id` names, of any status.
  std::variant<content::Post, Response> find_post(const Params& params, PostType type) const {
    const std::string& id = params.get("id");
    if (!is_object_id(id)) return not_an_id();
    const auto local = local_id(GhostKind::post, id);
    if (!local) return ghost_error(404, std::string(noun_of(type)) + " not found.");
    auto found = store->post_by_id(*local);
    if (!found) return ghost_failure("Admin API", found.error());
    if (!*found || (*found)->type != type) {
      return ghost_error(404, std::string(noun_of(type)) + " not found.");
    }
    return std::move(**found);
  }

  Response one_post(int status, const content::Post& post, const Request& request) const {
    auto read = read_query(request);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const JsonContext context = context_for(std::get<ContentQuery>(read), request);
    json::object body;
    body[resource_of(post.type)] = json::array{admin_post_json(post, context)};
    return json_answer(status, body);
  }

  // The owner: the first admin, in whose byline an integration's posts go
  // when the client names nobody, as in Ghost.
  Result<content::Id> owner_id() const {
    auto people = store->users();
    BYLINE_TRY(people);
    std::optional<content::Id> owner;
    for (const content::User& person : *people) {
      if (person.role == content::Role::admin && (!owner || person.id < *owner)) owner = person.id;
    }
    if (!owner) {
      return make_error(
          ErrorCode::invalid_input,
          "Name the post's authors: the site has no admin to write it in the name of.");
    }
    return *owner;
  }

  // --- Posts and pages -----------------------------------------------------

  Response browse_posts(const Request& request, PostType type) const {
    auto read = read_query(request);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const ContentQuery& query = std::get<ContentQuery>(read);
    store::PostFilter filter;
    filter.type = type;
    filter.limit = query.limit;
    filter.offset = (query.page - 1) * query.limit;
    filter.count_total = true;
    if (!query.filter.empty()) {
      const std::string_view wanted = std::string_view(query.filter).substr(0, 40);
      if (wanted == "status:draft") {
        filter.status = PostStatus::draft;
      } else if (wanted == "status:published") {
        filter.status = PostStatus::published;
      } else if (wanted == "status:scheduled") {
        filter.status = PostStatus::scheduled;
      } else {
        return ghost_error(422,
                           "The Admin API filters " + std::string(resource_of(type)) +
                               " by status alone: status:draft, status:published or "
                               "status:scheduled.",
                           "Validation failed for filter.");
      }
    }
    for (const OrderPart& part : query.order) {
      if (part.field != "updated_at" || !part.descending) {
        return cannot_order(resource_of(type),
                            part.field + " (they are listed by updated_at desc)");
      }
    }
    auto page = store->list_posts(filter);
    if (!page) return ghost_failure("Admin API", page.error());
    const JsonContext context = context_for(query, request);
    json::array shown;
    for (const content::Post& post : page->posts) {
      // A listing reads a card, whose text stops short; plaintext needs it all.
      if (query.plaintext) {
        auto whole = store->post_by_id(post.id);
        if (!whole) return ghost_failure("Admin API", whole.error());
        if (*whole) {
          shown.push_back(admin_post_json(**whole, context));
          continue;
        }
      }
      shown.push_back(admin_post_json(post, context));
    }
    json::object body;
    body[resource_of(type)] = std::move(shown);
    body["meta"] = pagination_json(query.page, query.limit, page->total.value_or(0));
    return json_answer(200, body);
  }

  Response read_post(const Request& request, const Params& params, PostType type,
                     bool by_slug) const {
    if (!by_slug) {
      auto found = find_post(params, type);
      if (auto* refusal = std::get_if<Response>(&found)) return std::move(*refusal);
      return one_post(200, std::get<content::Post>(found), request);
    }
    const std::string& slug = params.get("slug");
    auto found = slug.size() > 191 ? std::optional<content::Post>{} : store->post_by_slug(slug);
    if (!found) return ghost_failure("Admin API", found.error());
    if (!*found || (*found)->type != type) {
      return ghost_error(404, std::string(noun_of(type)) + " not found.");
    }
    return one_post(200, **found, request);
  }

  Response add_post(const Request& request, PostType type, const store::ApiKey& key) const {
    // The answer's query is checked first: a write must not be made and
    // then answered with a refusal the client would retry.
    if (auto query = read_query(request); std::holds_alternative<Response>(query)) {
      return std::get<Response>(std::move(query));
    }
    auto item = read_item(request, resource_of(type));
    if (auto* refusal = std::get_if<Response>(&item)) return std::move(*refusal);
    publishing::Edit base;
    base.type = type;
    const std::string site_url = settings->current()->url;
    auto read =
        read_admin_post(std::get<json::object>(item), std::move(base), {}, *store, site_url);
    if (auto* error = std::get_if<AdminInputError>(&read)) return refused(*error);
    AdminPostInput& input = std::get<AdminPostInput>(read);
    if (input.edit.title.empty()) {
      return ghost_error(422, "A " + std::string(noun_of(type)) + " needs a title.",
                         "Validation failed for title.");
    }
    if (input.edit.author_ids.empty()) {
      auto owner = owner_id();
      if (!owner) return workflow_refusal(owner.error());
      input.edit.author_ids.push_back(*owner);
    }
    if (auto refusal = later_than_now(input.status == "published", input, type)) {
      return std::move(*refusal);
    }
    publishing::Intent intent = publishing::Intent::save;
    if (input.status == "published") {
      intent = publishing::Intent::publish;
      input.edit.publish_at = input.published_at;  // a story first run elsewhere, backdated
    }
    if (input.status == "scheduled") {
      intent = publishing::Intent::schedule;
      input.edit.publish_at = input.published_at;
    }
    const auto actor = publishing::Actor::integration(key, request.remote_address);
    auto created = workflow->create(actor, std::move(input.edit), intent, now_utc());
    if (!created) return workflow_refusal(created.error());
    log_line("Admin API: " + actor.user.name + " made " + std::string(noun_of(type)) + " " +
             std::to_string(created->id));
    Response response = one_post(201, *created, request);
    response.set_header("Location", site_url + std::string(request.path) +
                                        ghost_id(GhostKind::post, created->id) + "/");
    return response;
  }

  Response edit_post(const Request& request, const Params& params, PostType type,
                     const store::ApiKey& key) const {
    auto found = find_post(params, type);
    if (auto* refusal = std::get_if<Response>(&found)) return std::move(*refusal);
    const content::Post& stored = std::get<content::Post>(found);
    if (auto query = read_query(request); std::holds_alternative<Response>(query)) {
      return std::get<Response>(std::move(query));
    }
    auto item = read_item(request, resource_of(type));
    if (auto* refusal = std::get_if<Response>(&item)) return std::move(*refusal);
    const publishing::Edit unchanged = publishing::edit_of(stored);
    auto read = read_admin_post(std::get<json::object>(item), unchanged, stored.body_html, *store,
                                settings->current()->url);
    if (auto* error = std::get_if<AdminInputError>(&read)) return refused(*error);
    AdminPostInput& input = std::get<AdminPostInput>(read);
    // An empty byline sent is the owner's, as on a new post.
    if (input.edit.author_ids.empty()) {
      auto owner = owner_id();
      if (!owner) return workflow_refusal(owner.error());
      input.edit.author_ids.push_back(*owner);
    }
    if (!input.updated_at) {
      return ghost_error(422, "Validation error, cannot edit " + std::string(noun_of(type)) + ".",
                         "updated_at is required: send the one the post was read with.");
    }

    // What the status asks for, against what the post is. A published
    // post sent with another published_at moves to that time.
    const bool stays_published =
        stored.status == PostStatus::published && (!input.status || input.status == "published");
    if (auto refusal =
            later_than_now(stays_published || input.status == "published", input, type)) {
      return std::move(*refusal);
    }
    publishing::Intent intent = publishing::Intent::save;
    const bool out =
        stored.status == PostStatus::published || stored.status == PostStatus::scheduled;
    if (input.status == "published" && stored.status != PostStatus::published) {
      intent = publishing::Intent::publish;
      input.edit.publish_at = input.published_at;
    } else if (stays_published && input.published_at && input.published_at != stored.published_at) {
      intent = publishing::Intent::publish;
      input.edit.publish_at = input.published_at;
    } else if (input.status == "scheduled" &&
               (stored.status != PostStatus::scheduled ||
                (input.published_at && input.published_at != stored.published_at))) {
      intent = publishing::Intent::schedule;
      input.edit.publish_at = input.published_at ? input.published_at : stored.published_at;
    } else if (input.status == "draft" && out) {
      intent = publishing::Intent::unpublish;
    }

    // Ghost's collision rule: a change made from a stale copy is refused;
    // sending a stale copy that changes nothing is no harm.
    const bool changes = intent != publishing::Intent::save || input.edit != unchanged;
    if (!is_edit_stamp_of(*input.updated_at, stored)) {
      if (changes) return collision();
      return one_post(200, stored, request);
    }
    if (!changes) return one_post(200, stored, request);
    const auto actor = publishing::Actor::integration(key, request.remote_address);
    auto saved = workflow->update(actor, stored.id, stored.revision, std::move(input.edit), intent,
                                  now_utc());
    if (!saved) {
      // Someone saved between the read above and this save.
      if (saved.error().code == ErrorCode::conflict) {
        auto now = store->post_by_id(stored.id);
        if (now && *now && (*now)->revision != stored.revision) return collision();
      }
      return workflow_refusal(saved.error());
    }
    return one_post(200, *saved, request);
  }

  Response delete_post(const Request& request, const Params& params, PostType type,
                       const store::ApiKey& key) const {
    auto found = find_post(params, type);
    if (auto* refusal = std::get_if<Response>(&found)) return std::move(*refusal);
    const auto actor = publishing::Actor::integration(key, request.remote_address);
    auto removed = workflow->remove(actor, std::get<content::Post>(found).id, now_utc());
    if (!removed) {
      if (removed.error().code == ErrorCode::not_found) {
        return ghost_error(404, std::string(noun_of(type)) + " not found.");
      }
      return workflow_refusal(removed.error());
    }
    log_line("Admin API: " + actor.user.name + " deleted " + std::string(noun_of(type)) + " " +
             std::to_string(std::get<content::Post>(found).id));
    Response response;
    response.status = 204;
    response.set_header("Cache-Control", "no-cache, private, no-store, must-revalidate");
    return response;
  }

  // --- Images --------------------------------------------------------------

  Response upload_image(const Request& request, const store::ApiKey& key) const {
    const auto form = http::parse_multipart(request.header("content-type"), request.body);
    if (!form) {
      return ghost_error(415, "Send the image as multipart/form-data, in a field named file.");
    }
    const http::Part* file = form->find("file");
    if (!file || file->body.empty()) {
      return ghost_error(422, "Please select an image.", "Validation failed for file.");
    }
    const http::Part* purpose = form->find("purpose");
    if (purpose && purpose->body != "image" && purpose->body != "profile_image" &&
        purpose->body != "icon") {
      return ghost_error(422, "purpose must be image, profile_image or icon.",
                         "Validation failed for purpose.");
    }
    media::Upload upload;
    upload.bytes = file->body;
    upload.original_name = file->filename.substr(0, 255);
    auto added = media->add(upload, now_utc());
    if (!added) {
      if (added.error().code == ErrorCode::too_large)
        return ghost_error(413, added.error().message);
      if (added.error().code == ErrorCode::invalid_input) {
        return ghost_error(415, added.error().message, "Please select a valid image.");
      }
      return ghost_failure("Admin API", added.error());
    }
    log_line("Admin API: API key \u201C" + key.name + "\u201D uploaded media " +
             std::to_string(added->id));
    const http::Part* ref = form->find("ref");
    json::object image{
        {"url", settings->current()->url + media::media_src(*added)},
        {"ref", ref ? json::value(std::string(ref->body.substr(0, 2000))) : json::value(nullptr)}};
    return json_answer(201, json::object{{"images", json::array{std::move(image)}}});
  }

  // --- Tags, staff and the site --------------------------------------------

  template <typename Record>
  Response browse_records(const Request& request, std::string_view resource,
                          std::vector<Record> records, const PostCounts& posts,
                          const std::function<RecordFields(const Record&, long)>& fields,
                          const std::function<json::object(const Record&, const JsonContext&,
                                                           std::optional<long>)>& to_json) const {
    auto read = read_query(request);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const ContentQuery& query = std::get<ContentQuery>(read);
    const JsonContext context = context_for(query, request);
    auto listed =
        list_records<Record>(query, resource, std::move(records), posts, context, fields, to_json);
    if (auto* error = std::get_if<RecordListingError>(&listed))
      return api::refused(*error, resource);
    RecordPage& page = std::get<RecordPage>(listed);
    json::object body;
    body[resource] = std::move(page.shown);
    body["meta"] = pagination_json(query.page, query.limit, page.total);
    return json_answer(200, body);
  }

  // One tag or person of `records`, by id or slug.
  template <typename Record>
  Response read_record(const Request& request, const Params& params, std::string_view resource,
                       std::string_view noun, GhostKind kind, bool by_slug,
                       const std::vector<Record>& records, const PostCounts& posts,
                       const std::function<json::object(const Record&, const JsonContext&,
                                                        std::optional<long>)>& to_json) const {
    auto read = read_query(request);
    if (auto* refusal = std::get_if<Response>(&read)) return std::move(*refusal);
    const std::string& wanted = params.get(by_slug ? "slug" : "id");
    if (!by_slug && !is_object_id(wanted)) return not_an_id();
    const auto local = by_slug ? std::nullopt : local_id(kind, wanted);
    for (const Record& record : records) {
      if (by_slug ? record.slug != wanted : !local || record.id != *local) continue;
      const JsonContext context = context_for(std::get<ContentQuery>(read), request);
      const auto it = posts.find(record.id);
      json::object shown = to_json(record, context, it == posts.end() ? 0 : it->second);
      keep_asked_fields(shown, context.query);
      json::object body;
      body[resource] = json::array{std::move(shown)};
      return json_answer(200, body);
    }
    return ghost_error(404, std::string(noun) + " not found.");
  }

  Response tags(const Request& request, const Params* params, bool by_slug) const {
    auto counted = published_post_counts(*store);
    if (!counted) return ghost_failure("Admin API", counted.error());
    auto all = store->tags();
    if (!all) return ghost_failure("Admin API", all.error());
    if (!params) {
      return browse_records<content::Tag>(request, "tags", std::move(*all), counted->by_tag,
                                          record_fields<content::Tag, GhostKind::tag>, tag_json);
    }
    return read_record<content::Tag>(request, *params, "tags", "Tag", GhostKind::tag, by_slug, *all,
                                     counted->by_tag, tag_json);
  }

  Response users(const Request& request, const Params* params, bool by_slug) const {
    auto counted = published_post_counts(*store);
    if (!counted) return ghost_failure("Admin API", counted.error());
    auto all = store->users();
    if (!all) return ghost_failure("Admin API", all.error());
    if (!params) {
      return browse_records<content::User>(request, "users", std::move(*all), counted->by_author,
                                           record_fields<content::User, GhostKind::user>,
                                           admin_user_json);
    }
    return read_record<content::User>(request, *params, "users", "User", GhostKind::user, by_slug,
                                      *all, counted->by_author, admin_user_json);
  }

  Response site(const Request&) const {
    const auto current = settings->current();
    json::object shown;
    shown["title"] = current->title;
    shown["description"] = current->description;
    shown["logo"] =
        current->logo.empty() ? json::value(nullptr) : json::value(current->url + current->logo);
    shown["icon"] = nullptr;
    shown["cover_image"] = nullptr;
    shown["accent_color"] = nullptr;
    shown["locale"] = current->locale;
    shown["url"] = current->url + "/";
    shown["version"] = "6.0";
    shown["allow_external_signup"] = false;
    return json_answer(200, json::object{{"site", std::move(shown)}});
  }
};

AdminApi::AdminApi(std::shared_ptr<store::Store> store,
                   std::shared_ptr<const site::SettingsSource> settings,
                   std::shared_ptr<publishing::Workflow> workflow,
                   std::shared_ptr<media::MediaLibrary> media)
    : handlers_(std::make_shared<const Handlers>(
          Handlers{std::move(store), std::move(settings), std::move(workflow), std::move(media),
                   std::make_shared<accounts::ApiRateLimits>()})) {}

AdminApi::~AdminApi() = default;

void AdminApi::add_routes(http::Router& router) const {
  AdminRoutes routes(
      router,
      {.prefixes = admin_prefixes(),
       .body_limit = kMaxPostRequestBytes,
       // Browser-based tools send their token from other sites.
       .cors = http::CorsRules{"Accept-Version, Authorization, Content-Type", "Location", 86400},
       .error =
           [](int status, std::string_view message) {
             return ghost_error(status, status == 404 ? "Resource not found" : message);
           }},
      [handlers = handlers_](const Request& request, const AdminAccess& access) {
        return handlers->gate(request, access);
      });
  constexpr auto key = AdminAccess::integration;
  const auto h = handlers_;
  const std::vector<std::string> browse = kContentQueryFields;
  const std::vector<std::string> one = {"include", "fields", "formats"};
  for (const auto type : {PostType::article, PostType::page}) {
    const std::string resource(resource_of(type));
    routes.add("GET", resource + "/", key,
               [h, type](const Request& request, const Params&, const store::ApiKey&) {
                 return h->browse_posts(request, type);
               },
               {.reads_query = browse});
    routes.add("GET", resource + "/slug/:slug/", key,
               [h, type](const Request& request, const Params& params, const store::ApiKey&) {
                 return h->read_post(request, params, type, true);
               },
               {.reads_query = one});
    routes.add("GET", resource + "/:id/", key,
               [h, type](const Request& request, const Params& params, const store::ApiKey&) {
                 return h->read_post(request, params, type, false);
               },
               {.reads_query = one});
    routes.add("POST", resource + "/", key,
               [h, type](const Request& request, const Params&, const store::ApiKey& caller) {
                 return h->add_post(request, type, caller);
               },
               {.reads_query = {"source", "include", "fields", "formats"}});
    routes.add(
        "PUT", resource + "/:id/", key,
        [h, type](const Request& request, const Params& params, const store::ApiKey& caller) {
          return h->edit_post(request, params, type, caller);
        },
        {.reads_query = {"source", "include", "fields", "formats"}});
    routes.add(
        "DELETE", resource + "/:id/", key,
        [h, type](const Request& request, const Params& params, const store::ApiKey& caller) {
          return h->delete_post(request, params, type, caller);
        });
  }
  routes.add("POST", "images/upload/", key,
             [h](const Request& request, const Params&, const store::ApiKey& caller) {
               return h->upload_image(request, caller);
             },
             {.body_limit = kMaxUploadRequestBytes});
  routes.add("GET", "tags/", key,
             [h](const Request& request, const Params&, const store::ApiKey&) {
               return h->tags(request, nullptr, false);
             },
             {.reads_query = browse});
  routes.add("GET", "tags/slug/:slug/", key,
             [h](const Request& request, const Params& params, const store::ApiKey&) {
               return h->tags(request, &params, true);
             },
             {.reads_query = one});
  routes.add("GET", "tags/:id/", key,
             [h](const Request& request, const Params& params, const store::ApiKey&) {
               return h->tags(request, &params, false);
             },
             {.reads_query = one});
  routes.add("GET", "users/", key,
             [h](const Request& request, const Params&, const store::ApiKey&) {
               return h->users(request, nullptr, false);
             },
             {.reads_query = browse});
  routes.add("GET", "users/slug/:slug/", key,
             [h](const Request& request, const Params& params, const store::ApiKey&) {
               return h->users(request, &params, true);
             },
             {.reads_query = one});
  routes.add("GET", "users/:id/", key,
             [h](const Request& request, const Params& params, const store::ApiKey&) {
               return h->users(request, &params, false);
             },
             {.reads_query = one});
  routes.add("GET", "site/", AdminAccess::anyone,
             [h](const Request& request, const Params&, const store::ApiKey&) {
               return h->site(request);
             });
}

}  // namespace byline::api
