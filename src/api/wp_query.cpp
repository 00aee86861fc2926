#include "api/wp_query.hpp"

#include "api/admin_json.hpp"  // read_admin_time
#include "common/comma_list.hpp"

#include <charconv>

namespace byline::api {
namespace {

using store::PostCondition;

// More ids or slugs in one list than any client sends; the Store bounds
// a whole query too.
constexpr std::size_t kMaxListValues = 100;

const char* const kListParams[] = {"categories",   "categories_exclude",
                                   "tags",         "tags_exclude",
                                   "author",       "author_exclude",
                                   "include",      "exclude",
                                   "slug",         "parent",
                                   "_fields",      "roles",
                                   "capabilities", "subtype"};
const char* const kOneParams[] = {
    "page",   "per_page",       "offset",          "order",        "orderby",    "after",
    "before", "modified_after", "modified_before", "tax_relation", "hide_empty", "post",
    "_embed", "search",         "context",         "status",       "who",        "sticky",
    "type",   "media_type",     "mime_type"};

// Every value of list parameter `name`, from "a,b" and from "name[]=a".
std::vector<std::string> list_values(const http::Form& form, const std::string& name) {
  std::vector<std::string> values;
  for (const std::string& key : {name, name + "[]"}) {
    for (const std::string& sent : form.all(key)) {
      for (std::string& one : comma_list(sent)) values.push_back(std::move(one));
    }
  }
  return values;
}

std::optional<long> whole_number(std::string_view text) {
  long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

WpQueryError invalid(const std::string& param, std::string why) {
  return WpQueryError{param, "Invalid parameter(s): " + param + " (" + std::move(why) + ")"};
}

std::variant<std::vector<content::Id>, WpQueryError> id_list(const http::Form& form,
                                                             const std::string& name) {
  std::vector<content::Id> ids;
  const auto values = list_values(form, name);
  if (values.size() > kMaxListValues) return invalid(name, "at most 100 values");
  for (const std::string& value : values) {
    const auto id = whole_number(value);
    if (!id || *id < 0) return invalid(name, "a list of ids");
    ids.push_back(*id);
  }
  return ids;
}

std::variant<std::optional<Time>, WpQueryError> time_param(const http::Form& form,
                                                           const std::string& name,
                                                           const render::DateFormatter& dates) {
  const std::string& sent = form.get(name);
  if (sent.empty()) return std::optional<Time>{};
  // WordPress reads a time without an offset as the site's.
  const std::size_t n = sent.size();
  const bool has_offset =
      sent.back() == 'Z' || sent.back() == 'z' ||
      (n > 6 && (sent[n - 6] == '+' || sent[n - 6] == '-') && sent[n - 3] == ':');
  if (!has_offset) {
    if (auto local = dates.parse_local(sent)) return local;
  } else if (auto with_offset = read_admin_time(sent)) {
    return with_offset;
  }
  return invalid(name, "an ISO 8601 date");
}

std::variant<bool, WpQueryError> flag(const http::Form& form, const std::string& name) {
  const std::string& sent = form.get(name);
  if (sent.empty() || sent == "0" || sent == "false") return false;
  if (sent == "1" || sent == "true") return true;
  return invalid(name, "true or false");
}

}  // namespace

std::vector<std::string> wp_query_fields() {
  std::vector<std::string> fields;
  for (const char* name : kListParams) {
    fields.emplace_back(name);
    fields.push_back(std::string(name) + "[]");
  }
  for (const char* name : kOneParams) fields.emplace_back(name);
  return fields;
}

std::variant<WpListQuery, WpQueryError> read_wp_query(const http::Form& form,
                                                      const render::DateFormatter& dates,
                                                      bool ascending_by_default) {
  WpListQuery query;
  if (form.has("page")) {
    const auto page = whole_number(form.get("page"));
    if (!page || *page < 1 || *page > 100000) return invalid("page", "a number from 1");
    query.page = static_cast<int>(*page);
  }
  if (form.has("per_page")) {
    const auto per_page = whole_number(form.get("per_page"));
    if (!per_page || *per_page < 1 || *per_page > 100) return invalid("per_page", "1 to 100");
    query.per_page = static_cast<int>(*per_page);
  }
  if (form.has("offset")) {
    const auto offset = whole_number(form.get("offset"));
    if (!offset || *offset < 0 || *offset > 10000000) return invalid("offset", "a number from 0");
    query.offset = *offset;
  }
  struct IdList {
    const char* name;
    std::vector<content::Id>* into;
  };
  for (const IdList& list :
       {IdList{"categories", &query.categories},
        IdList{"categories_exclude", &query.categories_exclude}, IdList{"tags", &query.tags},
        IdList{"tags_exclude", &query.tags_exclude}, IdList{"author", &query.author},
        IdList{"author_exclude", &query.author_exclude}, IdList{"include", &query.include},
        IdList{"exclude", &query.exclude}, IdList{"parent", &query.parent}}) {
    auto ids = id_list(form, list.name);
    if (auto* error = std::get_if<WpQueryError>(&ids)) return *error;
    *list.into = std::get<std::vector<content::Id>>(std::move(ids));
  }
  if (form.has("post")) {
    const auto post = whole_number(form.get("post"));
    if (!post || *post < 0) return invalid("post", "a post id");
    query.post = *post;
  }
  query.slug = list_values(form, "slug");
  if (query.slug.size() > kMaxListValues) return invalid("slug", "at most 100 values");

  const std::string& relation = form.get("tax_relation");
  if (!relation.empty() && relation != "AND" && relation != "OR")
    return invalid("tax_relation", "AND or OR");
  query.tax_or = relation == "OR";
  const std::string& order = form.get("order");
  if (!order.empty() && order != "asc" && order != "desc") return invalid("order", "asc or desc");
  query.ascending = order.empty() ? ascending_by_default : order == "asc";
  query.orderby = form.get("orderby");

  struct TimeParam {
    const char* name;
    std::optional<Time>* into;
  };
  for (const TimeParam& param :
       {TimeParam{"after", &query.after}, TimeParam{"before", &query.before},
        TimeParam{"modified_after", &query.modified_after},
        TimeParam{"modified_before", &query.modified_before}}) {
    auto read = time_param(form, param.name, dates);
    if (auto* error = std::get_if<WpQueryError>(&read)) return *error;
    *param.into = std::get<std::optional<Time>>(read);
  }
  if (form.has("sticky")) {
    auto sticky = flag(form, "sticky");
    if (auto* error = std::get_if<WpQueryError>(&sticky)) return *error;
    query.sticky = std::get<bool>(sticky);
  }
  auto hide_empty = flag(form, "hide_empty");
  if (auto* error = std::get_if<WpQueryError>(&hide_empty)) return *error;
  query.hide_empty = std::get<bool>(hide_empty);

  query.fields = list_values(form, "_fields");
  if (query.fields.size() > kMaxListValues) return invalid("_fields", "at most 100 values");
  // "_embed", "_embed=1" and "_embed=true" embed everything; a list of
  // relations embeds those, and Byline's posts embed only two anyway.
  query.embed = form.has("_embed") && form.get("_embed") != "0" && form.get("_embed") != "false";
  query.search = form.get("search");
  if (query.search.size() > 500) return invalid("search", "at most 500 characters");
  query.type = form.get("type");
  query.subtype = list_values(form, "subtype");
  if (query.subtype.size() > 10) return invalid("subtype", "at most 10 values");
  query.media_type = form.get("media_type");
  query.mime_type = form.get("mime_type");
  return query;
}

PostCondition wp_post_condition(const WpListQuery& query) {
  using Kind = PostCondition::Kind;
  std::vector<PostCondition> all;
  std::vector<PostCondition> taxonomies;
  if (!query.categories.empty())
    taxonomies.push_back(PostCondition::with_ids(Kind::section_id, query.categories));
  if (!query.tags.empty()) taxonomies.push_back(PostCondition::with_ids(Kind::tag_id, query.tags));
  if (taxonomies.size() == 2 && query.tax_or) {
    all.push_back(PostCondition::any_of(std::move(taxonomies)));
  } else {
    for (PostCondition& one : taxonomies) all.push_back(std::move(one));
  }
  if (!query.author.empty()) all.push_back(PostCondition::with_ids(Kind::author_id, query.author));
  if (query.sticky) all.push_back(PostCondition::featured_is(*query.sticky));
  if (!query.include.empty()) all.push_back(PostCondition::with_ids(Kind::id, query.include));
  if (!query.slug.empty()) all.push_back(PostCondition::with_slugs(Kind::slug, query.slug));
  std::vector<PostCondition> excluded;
  if (!query.categories_exclude.empty())
    excluded.push_back(PostCondition::with_ids(Kind::section_id, query.categories_exclude));
  if (!query.tags_exclude.empty())
    excluded.push_back(PostCondition::with_ids(Kind::tag_id, query.tags_exclude));
  if (!query.author_exclude.empty())
    excluded.push_back(PostCondition::with_ids(Kind::author_id, query.author_exclude));
  if (!query.exclude.empty()) excluded.push_back(PostCondition::with_ids(Kind::id, query.exclude));
  if (!excluded.empty()) all.push_back(PostCondition::none_of(std::move(excluded)));
  using Compare = PostCondition::Compare;
  if (query.after)
    all.push_back(PostCondition::time_is(Kind::published_at, Compare::after, *query.after));
  if (query.before)
    all.push_back(PostCondition::time_is(Kind::published_at, Compare::before, *query.before));
  if (query.modified_after) {
    all.push_back(PostCondition::time_is(Kind::updated_at, Compare::after, *query.modified_after));
  }
  if (query.modified_before) {
    all.push_back(
        PostCondition::time_is(Kind::updated_at, Compare::before, *query.modified_before));
  }
  return PostCondition::all_of(std::move(all));
}

}  // namespace byline::api
