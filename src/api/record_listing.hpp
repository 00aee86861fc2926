// One page of records Byline holds in memory to answer (tags, people),
// filtered by NQL, ordered and counted: what the Content and Admin APIs'
// browses of tags, authors and users share.
#pragma once

#include "api/content_json.hpp"
#include "api/content_query.hpp"
#include "api/ghost_errors.hpp"
#include "api/ghost_ids.hpp"
#include "api/nql.hpp"
#include "common/result.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <variant>
#include <vector>

namespace byline::store {
class Store;
}

namespace byline::api {

using PostCounts = std::unordered_map<content::Id, long>;

// How many published articles each tag and each person has by now.
struct PublishedPostCounts {
  PostCounts by_tag;
  PostCounts by_author;
};
Result<PublishedPostCounts> published_post_counts(store::Store& store);

// What a filter may test of a tag or a person with `posts` published posts.
template <typename Record, GhostKind kind>
RecordFields record_fields(const Record& record, long posts) {
  return {{"id", ghost_id(kind, record.id)},
          {"slug", record.slug},
          {"name", record.name},
          {"visibility", "public"},
          {"count.posts", std::to_string(posts)}};
}

// What a record listing may be asked to order by.
inline bool is_record_order_field(std::string_view field) {
  return field == "name" || field == "slug" || field == "id" || field == "count.posts";
}

struct RecordPage {
  boost::json::array shown;
  long total = 0;
};

// Why a listing cannot be made: the filter's error, or the field an order
// names that records do not have.
struct RecordListingError {
  std::variant<FilterError, std::string> why;
};

// The refusal a listing of `resource` that cannot be made gets.
inline http::Response refused(const RecordListingError& error, std::string_view resource) {
  if (auto* filter = std::get_if<FilterError>(&error.why)) return refused(*filter);
  return cannot_order(resource, std::get<std::string>(error.why));
}

// Filters `records` by the query's filter (over `fields_of` each), orders
// them (by name unless asked otherwise) and shows the query's page of them
// with `to_json`. `posts`: each record's published posts, by id.
template <typename Record>
std::variant<RecordPage, RecordListingError> list_records(
    const ContentQuery& query, std::string_view resource, std::vector<Record> records,
    const PostCounts& posts, const JsonContext& context,
    const std::function<RecordFields(const Record&, long)>& fields_of,
    const std::function<boost::json::object(const Record&, const JsonContext&,
                                            std::optional<long>)>& to_json) {
  static const std::vector<std::string_view> kFields = {"id", "slug", "name", "visibility",
                                                        "count.posts"};
  auto parsed = parse_record_filter(query.filter, resource, kFields);
  if (auto* error = std::get_if<FilterError>(&parsed)) return RecordListingError{*error};
  const RecordFilter& filter = std::get<RecordFilter>(parsed);
  auto count = [&](const Record& record) {
    const auto it = posts.find(record.id);
    return it == posts.end() ? 0L : it->second;
  };
  std::erase_if(records, [&](const Record& record) {
    return !filter.matches(fields_of(record, count(record)));
  });

  std::vector<OrderPart> order = query.order;
  if (order.empty()) order.push_back({"name", false});
  for (const OrderPart& part : order) {
    if (!is_record_order_field(part.field)) return RecordListingError{part.field};
  }
  std::stable_sort(records.begin(), records.end(), [&](const Record& a, const Record& b) {
    for (const OrderPart& part : order) {
      int compared = 0;
      if (part.field == "name") compared = a.name.compare(b.name);
      if (part.field == "slug") compared = a.slug.compare(b.slug);
      if (part.field == "id") compared = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      if (part.field == "count.posts") {
        compared = count(a) < count(b) ? -1 : count(a) > count(b) ? 1 : 0;
      }
      if (compared != 0) return part.descending ? compared > 0 : compared < 0;
    }
    return a.id < b.id;
  });

  RecordPage page;
  page.total = static_cast<long>(records.size());
  const auto start =
      std::min(records.size(), static_cast<std::size_t>(query.page - 1) * query.limit);
  const auto end = std::min(records.size(), start + static_cast<std::size_t>(query.limit));
  for (auto it = records.begin() + start; it != records.begin() + end; ++it) {
    boost::json::object record = to_json(*it, context, count(*it));
    keep_asked_fields(record, query);
    page.shown.push_back(std::move(record));
  }
  return page;
}

}  // namespace byline::api
