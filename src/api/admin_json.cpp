#include "api/admin_json.hpp"

#include "api/ghost_ids.hpp"
#include "api/json_values.hpp"
#include "api/lexical.hpp"
#include "site/feeds.hpp"

#include <boost/json.hpp>

#include <cstdio>

namespace byline::api {
namespace {

namespace json = boost::json;

std::string with_milliseconds(Time time, int milliseconds) {
  std::string text = format_utc(time, "%Y-%m-%dT%H:%M:%S");
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", milliseconds % 1000);
  return text + fraction;
}

// A time as ISO 8601 writes it, with its milliseconds; nullopt for
// anything else.
std::optional<std::pair<Time, int>> read_iso_time(std::string_view text) {
  using namespace std::chrono;
  if (text.size() < 19 || text.size() > 40) return std::nullopt;
  const std::string copy(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, used = 0;
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d%n", &year, &month, &day, &hour,
                  &minute, &second, &used) != 6 ||
      used != 19) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(19);
  int milliseconds = 0;
  if (rest.starts_with('.')) {
    rest.remove_prefix(1);
    int digits = 0;
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      if (digits < 3) milliseconds = milliseconds * 10 + (rest.front() - '0');
      ++digits;
      rest.remove_prefix(1);
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 3; ++digits) milliseconds *= 10;
  }
  int offset_minutes = 0;
  if (rest == "Z" || rest.empty()) {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int hours_part = 0, minutes_part = 0;
    if (std::sscanf(std::string(rest.substr(1)).c_str(), "%2d:%2d", &hours_part, &minutes_part) !=
        2) {
      return std::nullopt;
    }
    offset_minutes = (hours_part * 60 + minutes_part) * (rest[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  const year_month_day date{std::chrono::year(year), std::chrono::month(month),
                            std::chrono::day(day)};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const Time time =
      sys_days(date) + hours(hour) + minutes(minute) + seconds(second) - minutes(offset_minutes);
  return std::pair{time, milliseconds};
}

json::array role_of(const content::User& user) {
  std::string name(content::to_string(user.role));
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  // Ghost calls an admin an "Administrator".
  if (user.role == content::Role::admin) name = "Administrator";
  return json::array{json::object{{"name", name}}};
}

}  // namespace

std::string admin_time(Time time) { return with_milliseconds(time, 0); }

std::optional<Time> read_admin_time(std::string_view text) {
  const auto read = read_iso_time(text);
  if (!read) return std::nullopt;
  return read->first;
}

std::string edit_stamp(const content::Post& post) {
  return with_milliseconds(post.updated_at, post.revision % 1000);
}

bool is_edit_stamp_of(std::string_view sent, const content::Post& post) {
  const auto read = read_iso_time(sent);
  return read && read->first == post.updated_at && read->second == post.revision % 1000;
}

std::string_view ghost_status(content::PostStatus status) {
  switch (status) {
    case content::PostStatus::published:
      return "published";
    case content::PostStatus::scheduled:
      return "scheduled";
    default:
      return "draft";
  }
}

json::object admin_user_json(const content::User& user, const JsonContext& context,
                             std::optional<long> posts) {
  json::object shown = author_json(user, context, posts);
  shown["email"] = user.email;
  shown["status"] = "active";
  shown["roles"] = role_of(user);
  return shown;
}

json::object admin_post_json(const content::Post& post, const JsonContext& context) {
  // Tags and authors always come with an Admin API post, as in Ghost.
  JsonContext whole = context;
  whole.query.include_tags = true;
  whole.query.include_authors = true;
  whole.query.fields.clear();
  json::object shown = post_json(post, whole);
  shown["status"] = ghost_status(post.status);
  shown["lexical"] = lexical_of_html(post.body_html);
  shown["mobiledoc"] = nullptr;
  shown["created_at"] = admin_time(post.created_at);
  shown["updated_at"] = edit_stamp(post);
  shown["published_at"] =
      post.published_at ? json::value(admin_time(*post.published_at)) : json::value(nullptr);
  shown["email_only"] = false;
  shown["email_segment"] = "all";
  shown["newsletter"] = nullptr;
  shown["email"] = nullptr;
  shown["tiers"] = json::array{};
  // People in an Admin API post are staff, with their email and role.
  JsonContext nested{context.site_url, context.dates, ContentQuery{}};
  json::array authors;
  for (const content::User& author : post.authors)
    authors.push_back(admin_user_json(author, nested));
  shown["primary_author"] = authors.empty() ? json::value(nullptr) : authors.front();
  shown["authors"] = std::move(authors);
  if (post.status != content::PostStatus::published) {
    // Ghost links a draft to its preview; Byline's is the newsroom's.
    shown["url"] = context.site_url + "/newsroom/posts/" + std::to_string(post.id) + "/preview/";
  }
  keep_asked_fields(shown, context.query);
  return shown;
}

}  // namespace byline::api
