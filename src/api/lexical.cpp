#include "api/lexical.hpp"

#include "common/text_encoding.hpp"
#include "content/markdown.hpp"

#include <boost/json.hpp>

namespace byline::api {
namespace {

namespace json = boost::json;

// Deeper documents are refused: nothing a writer makes nests this far.
constexpr std::size_t kMaxDepth = 200;

std::string_view text_of(const json::object& node, std::string_view key) {
  const json::value* value = node.if_contains(key);
  return value && value->is_string() ? std::string_view(value->as_string()) : std::string_view();
}

std::int64_t number_of(const json::object& node, std::string_view key) {
  const json::value* value = node.if_contains(key);
  return value && value->is_int64() ? value->as_int64() : 0;
}

std::string attribute(std::string_view text) { return xml_escape(text); }

// Lexical's text formats, as bits, and the element each stands for.
struct TextFormat {
  std::int64_t bit;
  std::string_view element;
};
constexpr TextFormat kTextFormats[] = {{1, "strong"}, {2, "em"},   {4, "s"},   {8, "u"},
                                       {16, "code"},  {32, "sub"}, {64, "sup"}};

void write_node(const json::value& value, std::string& html);

void write_children(const json::object& node, std::string& html) {
  const json::value* children = node.if_contains("children");
  if (!children || !children->is_array()) return;
  for (const json::value& child : children->as_array()) write_node(child, html);
}

void write_wrapped(std::string_view element, const json::object& node, std::string& html) {
  html += "<" + std::string(element) + ">";
  write_children(node, html);
  html += "</" + std::string(element) + ">";
}

void write_node(const json::value& value, std::string& html) {
  if (!value.is_object()) return;
  const json::object& node = value.as_object();
  const std::string_view type = text_of(node, "type");
  if (type == "text" || type == "extended-text") {
    const std::int64_t format = number_of(node, "format");
    std::string text = xml_escape(text_of(node, "text"));
    for (const TextFormat& f : kTextFormats) {
      if (format & f.bit) {
        text = "<" + std::string(f.element) + ">" + text + "</" + std::string(f.element) + ">";
      }
    }
    html += text;
  } else if (type == "paragraph") {
    write_wrapped("p", node, html);
  } else if (type == "heading" || type == "extended-heading") {
    std::string_view tag = text_of(node, "tag");
    if (tag.size() != 2 || tag[0] != 'h' || tag[1] < '1' || tag[1] > '6') tag = "h2";
    write_wrapped(tag, node, html);
  } else if (type == "quote" || type == "extended-quote" || type == "aside") {
    write_wrapped("blockquote", node, html);
  } else if (type == "list") {
    write_wrapped(text_of(node, "listType") == "number" ? "ol" : "ul", node, html);
  } else if (type == "listitem") {
    write_wrapped("li", node, html);
  } else if (type == "link" || type == "autolink") {
    html += "<a href=\"" + attribute(text_of(node, "url")) + "\">";
    write_children(node, html);
    html += "</a>";
  } else if (type == "linebreak") {
    html += "<br>";
  } else if (type == "horizontalrule") {
    html += "<hr>";
  } else if (type == "html") {
    html += text_of(node, "html");
  } else if (type == "markdown") {
    html += content::markdown_to_html(text_of(node, "markdown"));
  } else if (type == "image") {
    html += "<figure><img src=\"" + attribute(text_of(node, "src")) + "\" alt=\"" +
            attribute(text_of(node, "alt")) + "\">";
    // A caption is HTML in Ghost's cards.
    if (const std::string_view caption = text_of(node, "caption"); !caption.empty()) {
      html += "<figcaption>" + std::string(caption) + "</figcaption>";
    }
    html += "</figure>";
  } else {
    write_children(node, html);
  }
}

}  // namespace

std::optional<std::string> lexical_to_html(std::string_view document) {
  json::parse_options options;
  options.max_depth = kMaxDepth;
  boost::system::error_code error;
  json::value parsed = json::parse(document, error, {}, options);
  if (error || !parsed.is_object()) return std::nullopt;
  const json::value* root = parsed.as_object().if_contains("root");
  if (!root || !root->is_object()) return std::nullopt;
  std::string html;
  write_children(root->as_object(), html);
  return html;
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
