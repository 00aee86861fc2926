#include "api/content_query.hpp"

#include "common/comma_list.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace byline::api {
namespace {

std::optional<int> whole_number(std::string_view text, int most) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size() || number > most)
    return std::nullopt;
  return number;
}

QueryError invalid(std::string field, std::string message) {
  return QueryError{std::move(message), "Validation failed for " + std::move(field) + "."};
}

}  // namespace

bool ContentQuery::wants(std::string_view field) const {
  return fields.empty() || std::find(fields.begin(), fields.end(), field) != fields.end();
}

std::variant<ContentQuery, QueryError> read_content_query(const http::Form& query) {
  ContentQuery read;
  for (const std::string& part : comma_list(query.get("include"))) {
    // Values Ghost does not know are dropped, never an error.
    if (part == "authors") read.include_authors = true;
    if (part == "tags") read.include_tags = true;
    if (part == "count.posts") read.include_count_posts = true;
  }
  read.fields = comma_list(query.get("fields"));

  if (query.has("formats")) {
    read.html = false;
    for (const std::string& part : comma_list(query.get("formats"))) {
      if (part == "html") {
        read.html = true;
      } else if (part == "plaintext") {
        read.plaintext = true;
      } else {
        return invalid("formats", "The Content API gives posts as html or plaintext, not '" +
                                      part.substr(0, 40) + "'.");
      }
    }
    if (!read.html && !read.plaintext) read.html = true;
  }

  read.filter = query.get("filter");

  if (query.has("limit")) {
    const std::string& limit = query.get("limit");
    if (limit == "all") {
      read.limit = kMaxLimit;
    } else if (const auto number = whole_number(limit, 1'000'000'000); number && *number > 0) {
      read.limit = std::min(*number, kMaxLimit);
    } else {
      return invalid("limit", "limit is a whole number from 1 (at most " +
                                  std::to_string(kMaxLimit) + " are given) or 'all'.");
    }
  }

  if (query.has("page")) {
    const auto page = whole_number(query.get("page"), kMaxPage);
    if (!page || *page < 1) {
      return invalid("page", "page is a whole number from 1 to " + std::to_string(kMaxPage) + ".");
    }
    read.page = *page;
  }

  for (const std::string& part : comma_list(query.get("order"))) {
    const bool allowed = std::all_of(part.begin(), part.end(), [](unsigned char c) {
      return std::islower(c) || std::isdigit(c) || c == '_' || c == '.' || c == ' ' ||
             std::isupper(c);
    });
    if (!allowed || part.size() > 64) {
      return invalid("order", "order is a field and asc or desc: 'published_at desc'.");
    }
    OrderPart order;
    const auto space = part.find(' ');
    order.field = part.substr(0, space);
    std::string direction = space == std::string::npos ? "asc" : part.substr(space + 1);
    direction.erase(0, direction.find_first_not_of(' '));
    std::transform(direction.begin(), direction.end(), direction.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::transform(order.field.begin(), order.field.end(), order.field.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (direction != "asc" && direction != "desc") {
      return invalid("order", "order is a field and asc or desc: 'published_at desc'.");
    }
    order.descending = direction == "desc";
    read.order.push_back(std::move(order));
  }
  return read;
}

}  // namespace byline::api
