// NQL in two steps: the text becomes a small tree of comparisons joined by
// and/or (Parser), then each comparison becomes a Store condition on the
// field it names (to_condition).
#include "api/nql.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>

namespace byline::api {
namespace {

using store::PostCondition;
using Kind = PostCondition::Kind;
using Compare = PostCondition::Compare;

enum class Op { equals, not_equals, greater, greater_or_equal, less, less_or_equal, contains };

struct Value {
  std::string text;
  bool quoted = false;  // 'like this': never null, true or false
};

struct Node {
  enum class Type { all_of, any_of, comparison } type = Type::comparison;
  std::vector<Node> children;
  std::string property;  // in lower case
  Op op = Op::equals;
  bool is_list = false;  // [a,b]
  std::vector<Value> values;
};

// Characters a bare value may not hold (Ghost's NQL lexer).
bool ends_bare_value(char c) {
  return std::isspace(static_cast<unsigned char>(c)) ||
         std::string_view("'\"+,()><=[]").find(c) != std::string_view::npos;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::optional<Node> parse() {
    skip_space();
    if (at_end()) return Node{Node::Type::all_of, {}, "", Op::equals, false, {}};
    auto node = parse_or(0);
    if (!node) return std::nullopt;
    skip_space();
    if (!at_end()) return fail("unexpected '" + std::string(1, peek()) + "'");
    return node;
  }

  const std::string& error() const { return error_; }

 private:
  // Parts joined by ',' (or), each of parts joined by '+' (and): and binds tighter.
  std::optional<Node> parse_or(int depth) {
    return parse_joined(depth, ',', Node::Type::any_of, &Parser::parse_and);
  }
  std::optional<Node> parse_and(int depth) {
    return parse_joined(depth, '+', Node::Type::all_of, &Parser::parse_unit);
  }

  // One or more `part`s joined by `separator`, as a node of `type`; a
  // single part stands for itself.
  std::optional<Node> parse_joined(int depth, char separator, Node::Type type,
                                   std::optional<Node> (Parser::*part)(int)) {
    Node joined{type, {}, "", Op::equals, false, {}};
    do {
      auto next = (this->*part)(depth);
      if (!next) return std::nullopt;
      joined.children.push_back(std::move(*next));
    } while (take(separator));
    if (joined.children.size() == 1) return std::move(joined.children.front());
    return joined;
  }

  std::optional<Node> parse_unit(int depth) {
    if (take('(')) {
      if (depth + 1 > kMaxFilterNesting) return fail("parentheses nest too deep");
      auto inner = parse_or(depth + 1);
      if (!inner) return std::nullopt;
      if (!take(')')) return fail("a '(' is never closed");
      return inner;
    }
    return parse_comparison();
  }

  std::optional<Node> parse_comparison() {
    skip_space();
    Node node;
    while (!at_end() &&
           (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_' || peek() == '.')) {
      node.property += static_cast<char>(std::tolower(static_cast<unsigned char>(peek())));
      ++at_;
    }
    if (node.property.empty()) {
      return fail(at_end() ? "the filter ends where a field was expected"
                           : "expected a field name before '" + std::string(1, peek()) + "'");
    }
    if (!take(':')) return fail("expected ':' after " + node.property);
    // The operator, if any, comes straight after the colon.
    if (take_now('-')) {
      node.op = Op::not_equals;
    } else if (take_now('>')) {
      node.op = take_now('=') ? Op::greater_or_equal : Op::greater;
    } else if (take_now('<')) {
      node.op = take_now('=') ? Op::less_or_equal : Op::less;
    } else if (take_now('~')) {
      node.op = Op::contains;
    }
    if (take('[')) {
      node.is_list = true;
      do {
        auto value = parse_value();
        if (!value) return std::nullopt;
        node.values.push_back(std::move(*value));
      } while (take(','));
      if (!take(']')) return fail("a '[' is never closed");
    } else {
      auto value = parse_value();
      if (!value) return std::nullopt;
      node.values.push_back(std::move(*value));
    }
    return node;
  }

  std::optional<Value> parse_value() {
    skip_space();
    if (at_end()) return fail<Value>("the filter ends where a value was expected");
    const char quote = peek();
    if (quote == '\'' || quote == '"') {
      ++at_;
      Value value{"", true};
      while (!at_end() && peek() != quote) {
        if (peek() == '\\' && at_ + 1 < text_.size()) ++at_;
        value.text += peek();
        ++at_;
      }
      if (at_end()) return fail<Value>("a quoted value is never closed");
      ++at_;
      return value;
    }
    Value value;
    while (!at_end() && !ends_bare_value(peek())) value.text += text_[at_++];
    if (value.text.empty())
      return fail<Value>("expected a value before '" + std::string(1, peek()) + "'");
    return value;
  }

  bool at_end() const { return at_ >= text_.size(); }
  char peek() const { return text_[at_]; }
  void skip_space() {
    while (!at_end() && std::isspace(static_cast<unsigned char>(peek()))) ++at_;
  }
  bool take(char c) {
    skip_space();
    return take_now(c);
  }
  bool take_now(char c) {
    if (at_end() || peek() != c) return false;
    ++at_;
    return true;
  }
  template <typename T = Node>
  std::optional<T> fail(std::string message) {
    if (error_.empty())
      error_ = std::move(message) + " (at character " + std::to_string(at_ + 1) + ")";
    return std::nullopt;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::string error_;
};

// --- From comparisons to conditions -----------------------------------------

PostCondition everything() { return PostCondition{}; }
PostCondition nothing() { return PostCondition::none_of({PostCondition{}}); }

FilterError value_error(std::string message) {
  return FilterError{FilterError::Kind::value, std::move(message)};
}

// A date as Ghost's clients write them: "2024-01-01", "2024-01-01 10:30",
// "2024-01-01 10:30:00", ISO 8601 with 'T', fractions and a zone, or a
// time relative to now: "now", "now-30d" (units y, M, w, d, h, m, s).
std::optional<content::Time> parse_date(std::string_view text, content::Time now) {
  using namespace std::chrono;
  if (text.starts_with("now")) {
    std::string_view rest = text.substr(3);
    if (rest.empty()) return now;
    if (rest.size() < 3 || (rest[0] != '-' && rest[0] != '+')) return std::nullopt;
    long amount = 0;
    const auto [end, error] =
        std::from_chars(rest.data() + 1, rest.data() + rest.size() - 1, amount);
    if (error != std::errc{} || end != rest.data() + rest.size() - 1 || amount > 100000)
      return std::nullopt;
    seconds unit{};
    switch (rest.back()) {
      case 's':
        unit = seconds(1);
        break;
      case 'm':
        unit = minutes(1);
        break;
      case 'h':
        unit = hours(1);
        break;
      case 'd':
        unit = days(1);
        break;
      case 'w':
        unit = weeks(1);
        break;
      case 'M':
        unit = duration_cast<seconds>(months(1));
        break;
      case 'y':
        unit = duration_cast<seconds>(years(1));
        break;
      default:
        return std::nullopt;
    }
    const auto offset = duration_cast<content::Time::duration>(unit * amount);
    return rest[0] == '-' ? now - offset : now + offset;
  }
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int used = 0;
  if (std::sscanf(std::string(text).c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &used) != 3 ||
      used != 10) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(10);
  if (!rest.empty()) {
    if (rest[0] != ' ' && rest[0] != 'T') return std::nullopt;
    const std::string clock(rest.substr(1));
    int got = std::sscanf(clock.c_str(), "%2d:%2d:%2d%n", &hour, &minute, &second, &used);
    if (got != 3) {
      second = 0;
      got = std::sscanf(clock.c_str(), "%2d:%2d%n", &hour, &minute, &used);
      if (got != 2) return std::nullopt;
    }
    rest = std::string_view(clock).substr(static_cast<std::size_t>(used));
    if (rest.starts_with('.')) {
      std::size_t digits = 1;
      while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])))
        ++digits;
      rest.remove_prefix(digits);
    }
    int zone_minutes = 0;  // "Z", or no zone: UTC
    if (rest == "Z") rest.remove_prefix(1);
    if (!rest.empty()) {
      if ((rest[0] != '+' && rest[0] != '-') || rest.size() != 6 || rest[3] != ':')
        return std::nullopt;
      int zone_hours = 0, zone_rest = 0;
      if (std::sscanf(std::string(rest.substr(1)).c_str(), "%2d:%2d", &zone_hours, &zone_rest) !=
          2) {
        return std::nullopt;
      }
      zone_minutes = (zone_hours * 60 + zone_rest) * (rest[0] == '-' ? -1 : 1);
    }
    if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
    const year_month_day date{std::chrono::year(year),
                              std::chrono::month(static_cast<unsigned>(month)),
                              std::chrono::day(static_cast<unsigned>(day))};
    if (!date.ok()) return std::nullopt;
    return sys_days(date) + hours(hour) + minutes(minute) + seconds(second) - minutes(zone_minutes);
  }
  const year_month_day date{std::chrono::year(year),
                            std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  return sys_days(date);
}

std::optional<Kind> relation_of(std::string_view property) {
  if (property == "tag" || property == "tags" || property == "tags.slug") return Kind::tag_slug;
  if (property == "primary_tag" || property == "primary_tag.slug") return Kind::primary_tag_slug;
  if (property == "author" || property == "authors" || property == "authors.slug")
    return Kind::author_slug;
  if (property == "primary_author" || property == "primary_author.slug")
    return Kind::primary_author_slug;
  if (property == "slug") return Kind::slug;
  return std::nullopt;
}

// The Content API hides these, and Ghost drops filters on them.
bool is_hidden(std::string_view property) {
  return property == "authors.email" || property == "authors.password" ||
         property == "author.email" || property == "author.password" || property == "email" ||
         property == "password";
}

class Translator {
 public:
  Translator(content::Time now, const GhostIds& ghost_ids) : now_(now), ghost_ids_(ghost_ids) {}

  std::variant<PostCondition, FilterError> condition(const Node& node) {
    if (node.type != Node::Type::comparison) {
      std::vector<PostCondition> children;
      for (const Node& child : node.children) {
        auto made = condition(child);
        if (auto* error = std::get_if<FilterError>(&made)) return std::move(*error);
        children.push_back(std::move(std::get<PostCondition>(made)));
      }
      return node.type == Node::Type::all_of ? PostCondition::all_of(std::move(children))
                                             : PostCondition::any_of(std::move(children));
    }
    return comparison(node);
  }

 private:
  std::variant<PostCondition, FilterError> comparison(const Node& node) {
    const std::string& property = node.property;
    if (is_hidden(property)) return everything();
    const bool equality = node.op == Op::equals || node.op == Op::not_equals;
    auto negated = [&](PostCondition made) {
      return node.op == Op::not_equals ? PostCondition::none_of({std::move(made)}) : made;
    };
    if (node.op == Op::contains) {
      return value_error("'~' (contains) is not supported on " + property);
    }
    if (const auto kind = relation_of(property)) {
      if (!equality) return value_error(property + " can only be compared for equality");
      std::vector<std::string> slugs;
      for (const Value& value : node.values) {
        if (!value.quoted && value.text == "null")
          return value_error(property + ":null is not supported");
        slugs.push_back(value.text);
      }
      return negated(PostCondition::with_slugs(*kind, std::move(slugs)));
    }
    if (property == "id") {
      if (!equality) return value_error("id can only be compared for equality");
      std::vector<content::Id> ids;
      for (const Value& value : node.values) {
        if (const auto id = ghost_ids_(value.text)) ids.push_back(*id);
      }
      // An id no post has matches nothing (and its negation everything).
      return negated(ids.empty() ? nothing() : PostCondition::with_ids(Kind::id, std::move(ids)));
    }
    if (property == "featured") {
      if (!equality || node.is_list || node.values.front().quoted ||
          (node.values.front().text != "true" && node.values.front().text != "false")) {
        return value_error("featured is true or false");
      }
      return negated(PostCondition::featured_is(node.values.front().text == "true"));
    }
    if (property == "published_at" || property == "updated_at") return time_comparison(node);
    if (property == "visibility" || property == "status") {
      // Every post the Content API shows is public and published.
      if (!equality) return value_error(property + " can only be compared for equality");
      const std::string_view shown = property == "visibility" ? "public" : "published";
      const bool named = std::any_of(node.values.begin(), node.values.end(),
                                     [&](const Value& value) { return value.text == shown; });
      return named == (node.op == Op::equals) ? everything() : nothing();
    }
    return value_error("posts cannot be filtered by " + property);
  }

  std::variant<PostCondition, FilterError> time_comparison(const Node& node) {
    const Kind kind = node.property == "published_at" ? Kind::published_at : Kind::updated_at;
    if (node.is_list) return value_error(node.property + " takes one date, not a list");
    const auto time = parse_date(node.values.front().text, now_);
    if (!time) {
      return value_error("'" + node.values.front().text.substr(0, 100) + "' is not a date " +
                         node.property +
                         " can be compared with (as '2024-01-31 18:00:00' or now-7d)");
    }
    auto is = [&](Compare compare) { return PostCondition::time_is(kind, compare, *time); };
    switch (node.op) {
      case Op::greater:
        return is(Compare::after);
      case Op::greater_or_equal:
        return is(Compare::at_or_after);
      case Op::less:
        return is(Compare::before);
      case Op::less_or_equal:
        return is(Compare::at_or_before);
      case Op::equals:
        return PostCondition::all_of({is(Compare::at_or_after), is(Compare::at_or_before)});
      case Op::not_equals:
        return PostCondition::none_of(
            {PostCondition::all_of({is(Compare::at_or_after), is(Compare::at_or_before)})});
      case Op::contains:
        break;
    }
    return value_error("'~' (contains) is not supported on " + node.property);
  }

  content::Time now_;
  const GhostIds& ghost_ids_;
};

// The tree of `nql`, within the bounds on its length and nesting.
std::variant<Node, FilterError> read_nql(std::string_view nql) {
  if (nql.size() > kMaxFilterBytes) {
    return FilterError{FilterError::Kind::syntax, "The filter is " + std::to_string(nql.size()) +
                                                      " characters long; at most " +
                                                      std::to_string(kMaxFilterBytes) +
                                                      " are read."};
  }
  Parser parser(nql);
  auto tree = parser.parse();
  if (!tree)
    return FilterError{FilterError::Kind::syntax,
                       "The filter is not valid NQL: " + parser.error() + "."};
  return std::move(*tree);
}

}  // namespace

std::variant<PostFilter, FilterError> parse_post_filter(std::string_view nql, content::Time now,
                                                        const GhostIds& ghost_ids) {
  auto read = read_nql(nql);
  if (auto* error = std::get_if<FilterError>(&read)) return std::move(*error);
  const Node* tree = &std::get<Node>(read);
  Translator translator(now, ghost_ids);
  auto where = translator.condition(*tree);
  if (auto* error = std::get_if<FilterError>(&where)) return std::move(*error);

  PostFilter filter;
  filter.where = std::move(std::get<PostCondition>(where));
  // The bounds every Store query has (parts, values, depth).
  store::PostQuery query;
  query.where = filter.where;
  if (auto checked = store::check_query(query); !checked) {
    return FilterError{FilterError::Kind::syntax, checked.error().message};
  }
  if (tree->type == Node::Type::comparison && tree->op == Op::equals && tree->is_list) {
    if (tree->property == "slug") {
      for (const Value& value : tree->values) filter.slug_order.push_back(value.text);
    } else if (tree->property == "id") {
      filter.id_order =
          filter.where.kind == Kind::id ? filter.where.ids : std::vector<content::Id>{};
    }
  }
  return filter;
}

struct RecordFilter::Tree {
  Node root;
};

namespace {

std::optional<long> as_number(std::string_view text) {
  long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return number;
}

// Whether one value of a record passes one comparison's value.
bool passes(Op op, std::string_view actual, const Value& wanted) {
  const bool null = !wanted.quoted && wanted.text == "null";
  switch (op) {
    case Op::equals:
    case Op::not_equals:
      return null ? actual.empty() : actual == wanted.text;
    case Op::contains: {
      if (null) return false;
      std::string folded(actual);  // `wanted` was folded when read
      for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return folded.find(wanted.text) != std::string::npos;
    }
    default:
      break;
  }
  const auto left = as_number(actual);
  const auto right = as_number(wanted.text);
  if (!left || !right) return false;
  switch (op) {
    case Op::greater:
      return *left > *right;
    case Op::greater_or_equal:
      return *left >= *right;
    case Op::less:
      return *left < *right;
    case Op::less_or_equal:
      return *left <= *right;
    default:
      return false;
  }
}

bool record_matches(const Node& node, const RecordFields& record) {
  switch (node.type) {
    case Node::Type::all_of:
      return std::all_of(node.children.begin(), node.children.end(),
                         [&](const Node& child) { return record_matches(child, record); });
    case Node::Type::any_of:
      return std::any_of(node.children.begin(), node.children.end(),
                         [&](const Node& child) { return record_matches(child, record); });
    case Node::Type::comparison:
      break;
  }
  std::string_view actual;
  for (const auto& [name, value] : record) {
    if (name == node.property) actual = value;
  }
  const bool any = std::any_of(node.values.begin(), node.values.end(),
                               [&](const Value& value) { return passes(node.op, actual, value); });
  return node.op == Op::not_equals ? !any : any;
}

// The first comparison in `node` on a field records do not have, or on
// a number field with a value that is no number.
std::optional<FilterError> check_fields(const Node& node, std::string_view what,
                                        const std::vector<std::string_view>& fields) {
  for (const Node& child : node.children) {
    if (auto error = check_fields(child, what, fields)) return error;
  }
  if (node.type != Node::Type::comparison) return std::nullopt;
  if (std::find(fields.begin(), fields.end(), node.property) == fields.end()) {
    return value_error(std::string(what) + " cannot be filtered by " + node.property);
  }
  const bool ordering = node.op == Op::greater || node.op == Op::greater_or_equal ||
                        node.op == Op::less || node.op == Op::less_or_equal;
  if (ordering && (node.is_list || !as_number(node.values.front().text))) {
    return value_error(node.property + " can only be compared with a number by '>' or '<'");
  }
  return std::nullopt;
}

// Folds what '~' looks for to lower case, once, as passes() compares it.
void fold_contains(Node& node) {
  for (Node& child : node.children) fold_contains(child);
  if (node.op != Op::contains) return;
  for (Value& value : node.values) {
    for (char& c : value.text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
}

void count_parts(const Node& node, int& nodes, int& values) {
  ++nodes;
  values += static_cast<int>(node.values.size());
  for (const Node& child : node.children) count_parts(child, nodes, values);
}

}  // namespace

bool RecordFilter::matches(const RecordFields& record) const {
  return !tree_ || record_matches(tree_->root, record);
}

std::variant<RecordFilter, FilterError> parse_record_filter(
    std::string_view nql, std::string_view what, const std::vector<std::string_view>& fields) {
  auto read = read_nql(nql);
  if (auto* error = std::get_if<FilterError>(&read)) return std::move(*error);
  Node* tree = &std::get<Node>(read);
  if (auto error = check_fields(*tree, what, fields)) return std::move(*error);
  // The bounds a post filter has, so that testing every record stays cheap.
  int nodes = 0, values = 0;
  count_parts(*tree, nodes, values);
  if (nodes > store::kMaxConditionNodes || values > store::kMaxConditionValues) {
    return FilterError{FilterError::Kind::syntax,
                       "The filter has " + std::to_string(nodes) + " parts and " +
                           std::to_string(values) + " values; at most " +
                           std::to_string(store::kMaxConditionNodes) + " and " +
                           std::to_string(store::kMaxConditionValues) + " are read."};
  }
  fold_contains(*tree);
  RecordFilter filter;
  if (!(tree->type == Node::Type::all_of && tree->children.empty())) {
    filter.tree_ = std::make_shared<const RecordFilter::Tree>(RecordFilter::Tree{std::move(*tree)});
  }
  return filter;
}

}  // namespace byline::api
