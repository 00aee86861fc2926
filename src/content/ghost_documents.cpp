// Lexical and Mobiledoc, walked into HTML.
#include "content/ghost_documents.hpp"

#include "content/markdown.hpp"
#include "content/sanitize.hpp"  // append_escaped

#include <boost/json.hpp>

namespace byline::content {
namespace {

namespace json = boost::json;

constexpr int kMaxDepth = 64;

std::string escaped(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

std::string_view text_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (!value || !value->is_string()) return {};
  return value->get_string();
}

std::int64_t number_of(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value && value->is_int64()) return value->get_int64();
  if (value && value->is_uint64()) return static_cast<std::int64_t>(value->get_uint64());
  return 0;
}

// A figure for an image card of either editor.
std::string image_figure(std::string_view src, std::string_view alt, std::string_view caption) {
  if (src.empty()) return {};
  std::string html = "<figure><img src=\"" + escaped(src) + "\" alt=\"" + escaped(alt) + "\">";
  // Captions are HTML in both editors.
  if (!caption.empty()) html += "<figcaption>" + std::string(caption) + "</figcaption>";
  return html + "</figure>";
}

// --- Lexical ---------------------------------------------------------------

// Lexical's text format bits, outermost first.
constexpr std::pair<int, std::string_view> kFormats[] = {
    {1, "strong"}, {2, "em"}, {4, "s"}, {8, "u"}, {16, "code"}, {32, "sub"}, {64, "sup"}};

void lexical_children(const json::object& node, std::string& out, int depth);

void lexical_node(const json::value& value, std::string& out, int depth) {
  if (!value.is_object() || depth > kMaxDepth) return;
  const json::object& node = value.get_object();
  const std::string_view type = text_of(node, "type");
  if (type == "text" || type == "extended-text") {
    const auto format = number_of(node, "format");
    for (const auto& [bit, tag] : kFormats) {
      if (format & bit) out += "<" + std::string(tag) + ">";
    }
    out += escaped(text_of(node, "text"));
    for (auto it = std::rbegin(kFormats); it != std::rend(kFormats); ++it) {
      if (format & it->first) out += "</" + std::string(it->second) + ">";
    }
  } else if (type == "linebreak") {
    out += "<br>";
  } else if (type == "paragraph") {
    out += "<p>";
    lexical_children(node, out, depth);
    out += "</p>\n";
  } else if (type == "heading" || type == "extended-heading") {
    std::string tag(text_of(node, "tag"));
    if (tag.size() != 2 || tag[0] != 'h' || tag[1] < '1' || tag[1] > '6') tag = "h2";
    out += "<" + tag + ">";
    lexical_children(node, out, depth);
    out += "</" + tag + ">\n";
  } else if (type == "quote" || type == "extended-quote" || type == "aside") {
    out += "<blockquote>";
    lexical_children(node, out, depth);
    out += "</blockquote>\n";
  } else if (type == "list") {
    const std::string tag = text_of(node, "listType") == "number" ? "ol" : "ul";
    out += "<" + tag + ">";
    lexical_children(node, out, depth);
    out += "</" + tag + ">\n";
  } else if (type == "listitem") {
    out += "<li>";
    lexical_children(node, out, depth);
    out += "</li>";
  } else if (type == "link" || type == "autolink") {
    out += "<a href=\"" + escaped(text_of(node, "url")) + "\">";
    lexical_children(node, out, depth);
    out += "</a>";
  } else if (type == "horizontalrule") {
    out += "<hr>\n";
  } else if (type == "image") {
    out += image_figure(text_of(node, "src"), text_of(node, "altText"), text_of(node, "caption")) +
           "\n";
  } else if (type == "html") {
    out += std::string(text_of(node, "html")) + "\n";
  } else if (type == "markdown") {
    out += markdown_to_html(text_of(node, "markdown"));
  } else if (type == "codeblock") {
    out += "<pre><code>" + escaped(text_of(node, "code")) + "</code></pre>\n";
  } else if (type == "embed" || type == "bookmark") {
    const std::string_view url = text_of(node, "url");
    if (!url.empty()) out += "<p><a href=\"" + escaped(url) + "\">" + escaped(url) + "</a></p>\n";
  } else {
    lexical_children(node, out, depth);  // an unknown wrapper: its content
  }
}

void lexical_children(const json::object& node, std::string& out, int depth) {
  const auto* children = node.if_contains("children");
  if (!children || !children->is_array()) return;
  for (const auto& child : children->get_array()) lexical_node(child, out, depth + 1);
}

// --- Mobiledoc -------------------------------------------------------------

struct Mobiledoc {
  const json::array* markups = nullptr;
  const json::array* cards = nullptr;
  const json::array* atoms = nullptr;
};

// One markup's opening tag ("a" with its href, "strong" ...).
std::string open_markup(const json::value& markup, std::string& tag) {
  if (!markup.is_array() || markup.get_array().empty() || !markup.get_array()[0].is_string())
    return {};
  tag = std::string(markup.get_array()[0].get_string());
  static const std::string_view kAllowed[] = {"a", "b", "strong", "i",   "em",
                                              "u", "s", "code",   "sub", "sup"};
  if (std::find(std::begin(kAllowed), std::end(kAllowed), tag) == std::end(kAllowed)) {
    tag.clear();
    return {};
  }
  std::string html = "<" + tag;
  if (tag == "a" && markup.get_array().size() > 1 && markup.get_array()[1].is_array()) {
    const auto& attributes = markup.get_array()[1].get_array();
    for (std::size_t i = 0; i + 1 < attributes.size(); i += 2) {
      if (attributes[i].is_string() && attributes[i].get_string() == "href" &&
          attributes[i + 1].is_string()) {
        html += " href=\"" + escaped(attributes[i + 1].get_string()) + "\"";
      }
    }
  }
  return html + ">";
}

// Markers: [type, opened markup indexes, how many markups close, value].
void mobiledoc_markers(const Mobiledoc& doc, const json::value& markers, std::string& out) {
  if (!markers.is_array()) return;
  std::vector<std::string> open;
  for (const auto& marker : markers.get_array()) {
    if (!marker.is_array() || marker.get_array().size() < 4) continue;
    const auto& parts = marker.get_array();
    if (parts[1].is_array() && doc.markups) {
      for (const auto& index : parts[1].get_array()) {
        if (!index.is_int64() || index.get_int64() < 0 ||
            static_cast<std::size_t>(index.get_int64()) >= doc.markups->size()) {
          continue;
        }
        std::string tag;
        out += open_markup((*doc.markups)[static_cast<std::size_t>(index.get_int64())], tag);
        open.push_back(tag);
      }
    }
    if (parts[0].is_int64() && parts[0].get_int64() == 0 && parts[3].is_string()) {
      out += escaped(parts[3].get_string());
    } else if (parts[0].is_int64() && parts[0].get_int64() == 1 && parts[3].is_int64() &&
               doc.atoms) {
      const auto index = static_cast<std::size_t>(parts[3].get_int64());
      if (index < doc.atoms->size() && (*doc.atoms)[index].is_array() &&
          (*doc.atoms)[index].get_array().size() > 1 &&
          (*doc.atoms)[index].get_array()[1].is_string()) {
        out += escaped((*doc.atoms)[index].get_array()[1].get_string());
      }
    }
    std::int64_t closing = parts[2].is_int64() ? parts[2].get_int64() : 0;
    for (; closing > 0 && !open.empty(); --closing) {
      if (!open.back().empty()) out += "</" + open.back() + ">";
      open.pop_back();
    }
  }
  for (; !open.empty(); open.pop_back()) {
    if (!open.back().empty()) out += "</" + open.back() + ">";
  }
}

void mobiledoc_card(const Mobiledoc& doc, std::size_t index, std::string& out) {
  if (!doc.cards || index >= doc.cards->size() || !(*doc.cards)[index].is_array()) return;
  const auto& card = (*doc.cards)[index].get_array();
  if (card.size() < 2 || !card[0].is_string() || !card[1].is_object()) return;
  const std::string_view name = card[0].get_string();
  const json::object& payload = card[1].get_object();
  if (name == "markdown" || name == "card-markdown") {
    out += markdown_to_html(text_of(payload, "markdown"));
  } else if (name == "html") {
    out += std::string(text_of(payload, "html")) + "\n";
  } else if (name == "image") {
    out += image_figure(text_of(payload, "src"), text_of(payload, "alt"),
                        text_of(payload, "caption")) +
           "\n";
  } else if (name == "hr") {
    out += "<hr>\n";
  } else if (name == "code") {
    out += "<pre><code>" + escaped(text_of(payload, "code")) + "</code></pre>\n";
  } else if (name == "embed" || name == "bookmark") {
    const std::string_view url = text_of(payload, "url");
    if (!url.empty()) out += "<p><a href=\"" + escaped(url) + "\">" + escaped(url) + "</a></p>\n";
  }
}

std::string block_tag(std::string_view tag) {
  static const std::string_view kBlocks[] = {"p",  "h1", "h2",         "h3",   "h4",
                                             "h5", "h6", "blockquote", "aside"};
  for (const auto block : kBlocks) {
    if (tag == block) return block == "aside" ? "blockquote" : std::string(block);
  }
  return "p";
}

}  // namespace

std::string lexical_to_html(const json::value& document) {
  std::string out;
  if (!document.is_object()) return out;
  const auto* root = document.get_object().if_contains("root");
  if (root && root->is_object()) lexical_children(root->get_object(), out, 0);
  return out;
}

std::string mobiledoc_to_html(const json::value& document) {
  std::string out;
  if (!document.is_object()) return out;
  const json::object& object = document.get_object();
  Mobiledoc doc;
  if (const auto* markups = object.if_contains("markups"); markups && markups->is_array())
    doc.markups = &markups->get_array();
  if (const auto* cards = object.if_contains("cards"); cards && cards->is_array())
    doc.cards = &cards->get_array();
  if (const auto* atoms = object.if_contains("atoms"); atoms && atoms->is_array())
    doc.atoms = &atoms->get_array();
  const auto* sections = object.if_contains("sections");
  if (!sections || !sections->is_array()) return out;
  for (const auto& section : sections->get_array()) {
    if (!section.is_array() || section.get_array().empty() || !section.get_array()[0].is_int64())
      continue;
    const auto& parts = section.get_array();
    const auto kind = parts[0].get_int64();
    if (kind == 1 && parts.size() >= 3 && parts[1].is_string()) {  // markup section
      const std::string tag = block_tag(parts[1].get_string());
      out += "<" + tag + ">";
      mobiledoc_markers(doc, parts[2], out);
      out += "</" + tag + ">\n";
    } else if (kind == 3 && parts.size() >= 3 && parts[1].is_string() &&
               parts[2].is_array()) {  // list
      const std::string tag = parts[1].get_string() == "ol" ? "ol" : "ul";
      out += "<" + tag + ">";
      for (const auto& item : parts[2].get_array()) {
        out += "<li>";
        mobiledoc_markers(doc, item, out);
        out += "</li>";
      }
      out += "</" + tag + ">\n";
    } else if (kind == 10 && parts.size() >= 2 && parts[1].is_int64()) {  // card
      mobiledoc_card(doc, static_cast<std::size_t>(parts[1].get_int64()), out);
    } else if (kind == 2 && parts.size() >= 2 && parts[1].is_string()) {  // image section
      out += image_figure(parts[1].get_string(), "", "") + "\n";
    }
  }
  return out;
}

}  // namespace byline::content
