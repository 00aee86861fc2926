#include "store/sqlite/post_query_sql.hpp"

#include "content/model.hpp"
#include "content/search_text.hpp"
#include "store/sqlite/rows.hpp"

#include <optional>
#include <string_view>

namespace byline::store::sqlite {
namespace {

using Kind = PostCondition::Kind;

// A post's tags, authors or sections: the table linking them to posts, its
// column naming the term, and the terms' own table (with their slugs).
struct Relation {
  std::string_view links;
  std::string_view column;
  std::string_view terms;
};
constexpr Relation kTags{"post_tags", "tag_id", "tags"};
constexpr Relation kAuthors{"post_authors", "user_id", "users"};
constexpr Relation kSections{"post_sections", "section_id", "sections"};

// "FROM post_tags c JOIN tags t ON t.id = c.tag_id WHERE c.post_id = p.id"
std::string linked_terms(const Relation& r) {
  return "FROM " + std::string(r.links) + " c JOIN " + std::string(r.terms) + " t ON t.id = c." +
         std::string(r.column) + " WHERE c.post_id = p.id";
}

class Compiler {
 public:
  // Adds a value and returns its parameter, "?N".
  std::string bind(std::variant<std::int64_t, std::string> value) {
    values_.push_back(std::move(value));
    return "?" + std::to_string(values_.size());
  }

  // "(?3, ?4, ?5)"
  template <typename Value>
  std::string list(const std::vector<Value>& values) {
    std::string sql = "(";
    for (std::size_t i = 0; i < values.size(); ++i) sql += (i ? ", " : "") + bind(values[i]);
    return sql + ")";
  }

  // One of the post's terms is one of `ids`.
  std::string any_id(const Relation& r, const std::vector<Id>& ids) {
    return "EXISTS (SELECT 1 FROM " + std::string(r.links) + " c WHERE c.post_id = p.id AND c." +
           std::string(r.column) + " IN " + list(ids) + ")";
  }
  // One of the post's terms has one of `slugs`.
  std::string any_slug(const Relation& r, const std::vector<std::string>& slugs) {
    return "EXISTS (SELECT 1 " + linked_terms(r) + " AND t.slug IN " + list(slugs) + ")";
  }
  // The post's first term has one of `slugs`.
  std::string first_slug(const Relation& r, const std::vector<std::string>& slugs) {
    return "(SELECT t.slug " + linked_terms(r) + " ORDER BY c.position LIMIT 1) IN " + list(slugs);
  }

  // The post's language is one of `tags` ("fa" is also "fa-IR"); the
  // tags were checked to hold no LIKE wildcards.
  std::string any_language(const std::vector<std::string>& tags) {
    std::string sql = "(";
    for (std::size_t i = 0; i < tags.size(); ++i) {
      if (i) sql += " OR ";
      sql += tags[i].empty() ? "p.locale = ''"
                             : "p.locale = " + bind(tags[i]) + " COLLATE NOCASE OR p.locale LIKE " +
                                   bind(tags[i] + "-%");
    }
    return sql + ")";
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
        return "p.id IN " + list(c.ids);
      case Kind::slug:
        return "p.slug IN " + list(c.slugs);
      case Kind::tag_id:
        return any_id(kTags, c.ids);
      case Kind::tag_slug:
        return any_slug(kTags, c.slugs);
      case Kind::primary_tag_slug:
        return first_slug(kTags, c.slugs);
      case Kind::author_id:
        return any_id(kAuthors, c.ids);
      case Kind::author_slug:
        return any_slug(kAuthors, c.slugs);
      case Kind::primary_author_slug:
        return first_slug(kAuthors, c.slugs);
      case Kind::section_id:
        return any_id(kSections, c.ids);
      case Kind::section_slug:
        return any_slug(kSections, c.slugs);
      case Kind::language:
        return any_language(c.slugs);
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

// The relation a condition on one tag, section or author id narrows by.
const Relation* narrowing_relation(const PostCondition& c) {
  if (c.ids.size() != 1) return nullptr;
  if (c.kind == Kind::tag_id) return &kTags;
  if (c.kind == Kind::section_id) return &kSections;
  if (c.kind == Kind::author_id) return &kAuthors;
  return nullptr;
}

std::string_view column(PostOrderField field) {
  switch (field) {
    case PostOrderField::published_at:
      return "p.published_at";
    case PostOrderField::updated_at:
      return "p.updated_at";
    case PostOrderField::created_at:
      return "p.created_at";
    case PostOrderField::title:
      return "p.title COLLATE NOCASE";
    case PostOrderField::slug:
      return "p.slug";
    case PostOrderField::id:
      return "p.id";
    case PostOrderField::relevance:
      // bm25 is lower for a better match: negated, descending is best first.
      return "-m.rank";
  }
  return "p.id";
}

std::string order_by(const std::vector<PostOrder>& order) {
  if (order.empty()) return " ORDER BY p.published_at DESC, p.id DESC";
  std::string sql = " ORDER BY ";
  bool by_id = false;
  for (std::size_t i = 0; i < order.size(); ++i) {
    sql += (i ? ", " : "") + std::string(column(order[i].field)) +
           (order[i].descending ? " DESC" : " ASC");
    by_id = by_id || order[i].field == PostOrderField::id;
  }
  // The id breaks ties, so a page never shows a post the one before showed.
  if (!by_id) sql += order.front().descending ? ", p.id DESC" : ", p.id ASC";
  return sql;
}

}  // namespace

Result<CompiledPostQuery> compile_post_query(const PostQuery& query) {
  BYLINE_TRY(check_query(query));
  Compiler compiler;
  const std::string type = query.type
                               ? "= " + compiler.bind(std::string(content::to_string(*query.type)))
                               : std::string("IN ('article', 'page')");
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
    const Relation* relation = narrowing_relation(*top[i]);
    if (!relation) continue;
    narrowing = Narrowing{i, " JOIN " + std::string(relation->links) +
                                 " f ON f.post_id = p.id AND f." + std::string(relation->column) +
                                 " = " + compiler.bind(top[i]->ids.front())};
  }

  std::string where =
      " WHERE p.status = 'published' AND p.type " + type + " AND p.published_at <= " + now;
  for (std::size_t i = 0; i < top.size(); ++i) {
    if (narrowing && narrowing->child == i) continue;
    where += " AND " + compiler.condition(*top[i]);
  }
  const std::string narrowing_join = narrowing ? narrowing->join : std::string();
  std::string from = " FROM posts p" + narrowing_join;
  if (!query.search.empty()) {
    // The index holds published articles only (index_for_search), weighted
    // as the site's search weighs them: the title ten times the text.
    // Words that make no query (punctuation alone) find nothing: they join
    // no rows, so that an order by relevance still has its column.
    const std::string words = content::fts_query(query.search);
    const std::string matches =
        words.empty() ? std::string("SELECT 0 AS post_id, 0.0 AS rank WHERE 0")
                      : "SELECT rowid AS post_id, bm25(post_search, 10.0, 1.0) AS rank FROM "
                        "post_search WHERE post_search MATCH " +
                            compiler.bind(words);
    // The matches lead (CROSS JOIN keeps SQLite from reordering): left to
    // itself it walks every published post and runs the search again for
    // each, half a second for a word pair on 10,000 posts.
    from = " FROM (" + matches + ") m CROSS JOIN posts p ON p.id = m.post_id" + narrowing_join;
  }

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
