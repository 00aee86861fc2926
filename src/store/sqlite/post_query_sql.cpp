#include "store/sqlite/post_query_sql.hpp"

#include "content/model.hpp"
#include "store/sqlite/rows.hpp"

#include <optional>

namespace byline::store::sqlite {
namespace {

using Kind = PostCondition::Kind;

class Compiler {
 public:
  // Adds a value and returns its parameter, "?N".
  std::string bind(std::variant<std::int64_t, std::string> value) {
    values_.push_back(std::move(value));
    return "?" + std::to_string(values_.size());
  }

  std::string id_list(const std::vector<Id>& ids) {
    std::string list = "(";
    for (std::size_t i = 0; i < ids.size(); ++i) list += (i ? ", " : "") + bind(ids[i]);
    return list + ")";
  }

  std::string slug_list(const std::vector<std::string>& slugs) {
    std::string list = "(";
    for (std::size_t i = 0; i < slugs.size(); ++i) list += (i ? ", " : "") + bind(slugs[i]);
    return list + ")";
  }

  std::string condition(const PostCondition& c) {
    switch (c.kind) {
      case Kind::all_of:
        return combine(c.children, " AND ", "1");
      case Kind::any_of:
        return combine(c.children, " OR ", "0");
      case Kind::none_of:
        return "NOT " + combine(c.children, " OR ", "0");
      case Kind::id:
        return "p.id IN " + id_list(c.ids);
      case Kind::slug:
        return "p.slug IN " + slug_list(c.slugs);
      case Kind::tag_id:
        return "EXISTS (SELECT 1 FROM post_tags c WHERE c.post_id = p.id AND c.tag_id IN " +
               id_list(c.ids) + ")";
      case Kind::tag_slug:
        return "EXISTS (SELECT 1 FROM post_tags c JOIN tags t ON t.id = c.tag_id"
               " WHERE c.post_id = p.id AND t.slug IN " +
               slug_list(c.slugs) + ")";
      case Kind::primary_tag_slug:
        return "(SELECT t.slug FROM post_tags c JOIN tags t ON t.id = c.tag_id"
               " WHERE c.post_id = p.id ORDER BY c.position LIMIT 1) IN " +
               slug_list(c.slugs);
      case Kind::author_id:
        return "EXISTS (SELECT 1 FROM post_authors c WHERE c.post_id = p.id AND c.user_id IN " +
               id_list(c.ids) + ")";
      case Kind::author_slug:
        return "EXISTS (SELECT 1 FROM post_authors c JOIN users u ON u.id = c.user_id"
               " WHERE c.post_id = p.id AND u.slug IN " +
               slug_list(c.slugs) + ")";
      case Kind::primary_author_slug:
        return "(SELECT u.slug FROM post_authors c JOIN users u ON u.id = c.user_id"
               " WHERE c.post_id = p.id ORDER BY c.position LIMIT 1) IN " +
               slug_list(c.slugs);
      case Kind::section_id:
        return "EXISTS (SELECT 1 FROM post_sections c WHERE c.post_id = p.id AND c.section_id IN " +
               id_list(c.ids) + ")";
      case Kind::section_slug:
        return "EXISTS (SELECT 1 FROM post_sections c JOIN sections s ON s.id = c.section_id"
               " WHERE c.post_id = p.id AND s.slug IN " +
               slug_list(c.slugs) + ")";
      case Kind::featured:
        // Spelled out, so that SQLite can use the editors' picks' index.
        return c.flag ? "p.featured = 1" : "p.featured = 0";
      case Kind::published_at:
        return "p.published_at " + comparison(c.compare) + " " + bind(to_seconds(c.time));
      case Kind::updated_at:
        return "p.updated_at " + comparison(c.compare) + " " + bind(to_seconds(c.time));
    }
    return "0";
  }

  std::vector<std::variant<std::int64_t, std::string>> take_values() { return std::move(values_); }
  std::size_t value_count() const { return values_.size(); }

 private:
  std::string combine(const std::vector<PostCondition>& children, std::string_view joiner,
                      std::string_view empty) {
    if (children.empty()) return std::string(empty);
    std::string sql = "(";
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (i) sql += joiner;
      sql += condition(children[i]);
    }
    return sql + ")";
  }

  static std::string comparison(PostCondition::Compare compare) {
    switch (compare) {
      case PostCondition::Compare::before:
        return "<";
      case PostCondition::Compare::at_or_before:
        return "<=";
      case PostCondition::Compare::after:
        return ">";
      case PostCondition::Compare::at_or_after:
        return ">=";
    }
    return "<";
  }

  std::vector<std::variant<std::int64_t, std::string>> values_;
};

// A listing of one section, tag or author joins that relation (as the
// site's listings always have), so SQLite may choose between walking the
// newest posts and reading the relation's index; a condition checked on
// every post (EXISTS) would leave it only the first.
struct Narrowing {
  std::size_t child = 0;  // which of the top-level conditions it is
  std::string join;       // the JOIN, with its parameter
};

bool narrows_by_one_id(const PostCondition& c) {
  return c.ids.size() == 1 &&
         (c.kind == Kind::tag_id || c.kind == Kind::section_id || c.kind == Kind::author_id);
}

std::string order_by(const std::vector<PostOrder>& order) {
  if (order.empty()) return " ORDER BY p.published_at DESC, p.id DESC";
  std::string sql = " ORDER BY ";
  bool by_id = false;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i) sql += ", ";
    switch (order[i].field) {
      case PostOrderField::published_at:
        sql += "p.published_at";
        break;
      case PostOrderField::updated_at:
        sql += "p.updated_at";
        break;
      case PostOrderField::created_at:
        sql += "p.created_at";
        break;
      case PostOrderField::title:
        sql += "p.title COLLATE NOCASE";
        break;
      case PostOrderField::slug:
        sql += "p.slug";
        break;
      case PostOrderField::id:
        sql += "p.id";
        by_id = true;
        break;
    }
    sql += order[i].descending ? " DESC" : " ASC";
  }
  // The id breaks ties, so a page never shows a post the one before showed.
  if (!by_id) sql += order.front().descending ? ", p.id DESC" : ", p.id ASC";
  return sql;
}

}  // namespace

Result<CompiledPostQuery> compile_post_query(const PostQuery& query) {
  BYLINE_TRY(check_query(query));
  Compiler compiler;
  const std::string type = compiler.bind(std::string(content::to_string(query.type)));
  const std::string now = compiler.bind(to_seconds(query.now));

  // The top-level conditions, all of which must hold.
  std::vector<const PostCondition*> top;
  if (query.where.kind == Kind::all_of) {
    for (const auto& child : query.where.children) top.push_back(&child);
  } else {
    top.push_back(&query.where);
  }
  std::optional<Narrowing> narrowing;
  for (std::size_t i = 0; i < top.size() && !narrowing; ++i) {
    const PostCondition& c = *top[i];
    if (!narrows_by_one_id(c)) continue;
    const std::string id = compiler.bind(c.ids.front());
    narrowing = Narrowing{
        i, c.kind == Kind::tag_id ? " JOIN post_tags f ON f.post_id = p.id AND f.tag_id = " + id
           : c.kind == Kind::section_id
               ? " JOIN post_sections f ON f.post_id = p.id AND f.section_id = " + id
               : " JOIN post_authors f ON f.post_id = p.id AND f.user_id = " + id};
  }

  std::string where =
      " WHERE p.status = 'published' AND p.type = " + type + " AND p.published_at <= " + now;
  for (std::size_t i = 0; i < top.size(); ++i) {
    if (narrowing && narrowing->child == i) continue;
    where += " AND " + compiler.condition(*top[i]);
  }
  const std::string from = " FROM posts p" + (narrowing ? narrowing->join : std::string());

  CompiledPostQuery compiled;
  compiled.count_sql = "SELECT count(*)" + from + where;
  compiled.count_values = compiler.value_count();
  const std::string limit = compiler.bind(std::int64_t{query.limit} + 1);
  const std::string offset = compiler.bind(std::int64_t{query.offset});
  static_assert(kCardTextCharacters == 4000, "a card's text is cut where its columns say");
  const char* columns = query.projection == Projection::full
                            ? BYLINE_POST_COLUMNS("p.plaintext")
                            : BYLINE_POST_COLUMNS_OF("''", "''", "substr(p.plaintext, 1, 4000)");
  compiled.rows_sql = std::string("SELECT ") + columns + from + where + order_by(query.order) +
                      " LIMIT " + limit + " OFFSET " + offset;
  compiled.values = compiler.take_values();
  return compiled;
}

}  // namespace byline::store::sqlite
