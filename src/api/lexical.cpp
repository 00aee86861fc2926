#include "api/lexical.hpp"

#include "content/ghost_documents.hpp"

#include <boost/json.hpp>

namespace byline::api {
namespace {

namespace json = boost::json;

// Deeper documents are refused: nothing a writer makes nests this far.
constexpr std::size_t kMaxDepth = 64;

}  // namespace

std::optional<std::string> lexical_text_to_html(std::string_view text) {
  json::parse_options options;
  options.max_depth = kMaxDepth;
  boost::system::error_code error;
  const json::value parsed = json::parse(text, error, {}, options);
  if (error || !parsed.is_object()) return std::nullopt;
  const json::value* root = parsed.as_object().if_contains("root");
  if (!root || !root->is_object()) return std::nullopt;
  return content::lexical_to_html(parsed);
}

std::string lexical_of_html(std::string_view html) {
  json::object card{{"type", "html"}, {"version", 1}, {"html", html}};
  json::object root{{"children", json::array{std::move(card)}},
                    {"direction", nullptr},
                    {"format", ""},
                    {"indent", 0},
                    {"type", "root"},
                    {"version", 1}};
  return json::serialize(json::object{{"root", std::move(root)}});
}

}  // namespace byline::api
