// Ghost filters (NQL) on arbitrary bytes. Properties: no crash, no hang,
// and every filter that is read compiles to a Store query within its
// bounds: what the parser accepts, SQLite is never refused. The same bytes
// as a filter over tags are read and tested against a tag.
#include "api/nql.hpp"
#include "store/sqlite/post_query_sql.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view nql(reinterpret_cast<const char*>(data), size);
  const auto now = byline::content::Time(std::chrono::sys_days(std::chrono::December / 1 / 2026));
  auto ghost_ids = [](std::string_view id) -> std::optional<byline::content::Id> {
    if (id.size() != 24) return std::nullopt;
    return static_cast<byline::content::Id>(id.back());
  };
  auto filter = byline::api::parse_post_filter(nql, now, ghost_ids);
  if (auto* read = std::get_if<byline::api::PostFilter>(&filter)) {
    byline::store::PostQuery query;
    query.where = read->where;
    query.now = now;
    if (!byline::store::sqlite::compile_post_query(query)) std::abort();
  }
  const std::vector<std::string_view> fields = {"slug", "name", "count.posts"};
  auto tags = byline::api::parse_record_filter(nql, "tags", fields);
  if (auto* read = std::get_if<byline::api::RecordFilter>(&tags)) {
    read->matches({{"slug", "iran"}, {"name", "Iran"}, {"count.posts", "12"}});
  }
  return 0;
}
