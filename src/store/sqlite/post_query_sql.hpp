// A listing query (store/post_query.hpp) as SQLite's SQL. The SQL is made
// only of fixed fragments, one per field and combination; every value is
// a numbered parameter, bound in the order of `values`.
#pragma once

#include "common/result.hpp"
#include "store/post_query.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace byline::store::sqlite {

struct CompiledPostQuery {
  std::string rows_sql;   // the page's posts, read_post's columns, one extra row for has_more
  std::string count_sql;  // how many posts match, over every page
  // ?1 … ?N. The count uses the first `count_values` of them; the last two
  // are the rows' LIMIT and OFFSET.
  std::vector<std::variant<std::int64_t, std::string>> values;
  std::size_t count_values = 0;
};

// Checks `query` (check_query) and compiles it.
Result<CompiledPostQuery> compile_post_query(const PostQuery& query);

}  // namespace byline::store::sqlite
