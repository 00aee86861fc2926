#include "script_surface.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace byline::testing {
namespace {

constexpr std::array kUrlAttributes = {"href",  "src",      "action",   "formaction", "xlink:href", "data",
                                       "poster", "background", "lowsrc", "dynsrc",    "codebase",   "cite",
                                       "longdesc", "ping",   "manifest", "icon",       "to",         "values",
                                       "from",  "by"};

// Elements that run, embed or redirect whatever their attributes say.
constexpr std::array kNeverSafe = {GUMBO_TAG_IFRAME, GUMBO_TAG_FRAME, GUMBO_TAG_FRAMESET, GUMBO_TAG_OBJECT,
                                   GUMBO_TAG_EMBED,  GUMBO_TAG_APPLET, GUMBO_TAG_BASE};

// Elements sanitised writing never holds.
constexpr std::array kNotInWriting = {GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE,  GUMBO_TAG_SVG,    GUMBO_TAG_MATH,
                                      GUMBO_TAG_FORM,   GUMBO_TAG_INPUT,  GUMBO_TAG_BUTTON, GUMBO_TAG_SELECT,
                                      GUMBO_TAG_TEXTAREA, GUMBO_TAG_META, GUMBO_TAG_LINK,   GUMBO_TAG_TEMPLATE,
                                      GUMBO_TAG_NOSCRIPT, GUMBO_TAG_KEYGEN};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&element.attributes, name);
  return found ? std::string_view(found->value) : std::string_view();
}

std::string text_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_WHITESPACE) {
    return node->v.text.text;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  std::string text;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) text += text_of(static_cast<const GumboNode*>(children.data[i]));
  return text;
}

std::string name_of(const GumboNode* node) {
  const GumboElement& element = node->v.element;
  if (element.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(element.tag);
  GumboStringPiece original = element.original_tag;
  gumbo_tag_from_original_text(&original);
  return lower(std::string_view(original.data, original.length));
}

bool is_same_origin_path(std::string_view url) {
  return url.starts_with("/") && !url.starts_with("//") && !url.starts_with("/\\");
}

class Finder {
 public:
  Finder(HtmlScope scope, std::string_view marker) : scope_(scope), marker_(marker) {}

  void visit(const GumboNode* node) {
    if (node->type == GUMBO_NODE_DOCUMENT || node->type == GUMBO_NODE_ELEMENT ||
        node->type == GUMBO_NODE_TEMPLATE) {
      if (node->type != GUMBO_NODE_DOCUMENT) check_element(node);
      const GumboVector& children =
          node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
      for (unsigned i = 0; i < children.length; ++i) visit(static_cast<const GumboNode*>(children.data[i]));
    }
  }

  std::vector<std::string> findings;

 private:
  bool carries_marker(std::string_view text) const { return !marker_.empty() && text.find(marker_) != std::string_view::npos; }

  void check_element(const GumboNode* node) {
    const GumboElement& element = node->v.element;
    const std::string name = name_of(node);
    if (std::find(kNeverSafe.begin(), kNeverSafe.end(), element.tag) != kNeverSafe.end()) {
      findings.push_back("<" + name + ">");
    }
    if (scope_ == HtmlScope::fragment &&
        std::find(kNotInWriting.begin(), kNotInWriting.end(), element.tag) != kNotInWriting.end()) {
      findings.push_back("<" + name + "> in writing");
    }
    if (name == "animate" || name == "set" || name == "handler" || name == "listener" || name == "animatetransform") {
      findings.push_back("<" + name + "> (SVG animation can set a script URL)");
    }
    if (scope_ == HtmlScope::page) check_page_element(node, name);

    for (unsigned i = 0; i < element.attributes.length; ++i) {
      const auto* attr = static_cast<const GumboAttribute*>(element.attributes.data[i]);
      const std::string attr_name = lower(attr->name);
      const std::string_view value = attr->value;
      const std::string where = "<" + name + " " + attr_name + "=" + std::string(value.substr(0, 60)) + ">";
      if (attr_name.starts_with("on")) findings.push_back(where + " (event handler)");
      if (attr_name == "srcdoc") findings.push_back(where + " (a document in an attribute)");
      if (attr_name == "style") {
        const std::string css = lower(value);
        if (scope_ == HtmlScope::fragment || carries_marker(css) || css.find("expression") != std::string::npos ||
            css.find("javascript:") != std::string::npos || css.find("binding") != std::string::npos ||
            css.find("behavior") != std::string::npos) {
          findings.push_back(where + " (style)");
        }
      }
      if (std::find(kUrlAttributes.begin(), kUrlAttributes.end(), attr_name) != kUrlAttributes.end() &&
          is_script_url(value)) {
        findings.push_back(where + " (script URL)");
      }
      if (attr_name == "srcset" || attr_name == "imagesrcset") {
        std::string_view rest = value;
        while (!rest.empty()) {
          const auto comma = rest.find(',');
          if (is_script_url(rest.substr(0, comma))) findings.push_back(where + " (script URL in srcset)");
          if (comma == std::string_view::npos) break;
          rest.remove_prefix(comma + 1);
        }
      }
    }
  }

  // What a theme may put on a page, and only as the theme wrote it.
  void check_page_element(const GumboNode* node, const std::string& name) {
    const GumboElement& element = node->v.element;
    if (element.tag == GUMBO_TAG_SCRIPT) {
      const std::string_view src = attribute(element, "src");
      const bool data_block = lower(attribute(element, "type")) == "application/ld+json" && src.empty();
      const bool file = !src.empty() && is_same_origin_path(src) && !carries_marker(src) && text_of(node).empty();
      if (!data_block && !file) findings.push_back("<script> " + text_of(node).substr(0, 60));
    }
    if (element.tag == GUMBO_TAG_STYLE && carries_marker(text_of(node))) findings.push_back("<style> with the marker");
    if (element.tag == GUMBO_TAG_META && !attribute(element, "http-equiv").empty()) {
      findings.push_back("<meta http-equiv=" + std::string(attribute(element, "http-equiv")) + ">");
    }
    if (element.tag == GUMBO_TAG_SVG || element.tag == GUMBO_TAG_MATH) {
      if (carries_marker(text_of(node))) findings.push_back("<" + name + "> holding the marker");
    }
  }

  HtmlScope scope_;
  std::string marker_;
};

}  // namespace

bool is_script_url(std::string_view url) {
  std::string scheme;
  for (const char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '\t' || byte == '\n' || byte == '\r') continue;            // removed anywhere
    if (scheme.empty() && byte <= ' ') continue;                          // leading controls and spaces
    scheme += static_cast<char>(std::tolower(byte));
    if (scheme.size() == 11) break;
  }
  return scheme.starts_with("javascript:") || scheme.starts_with("vbscript:") || scheme.starts_with("data:");
}

std::vector<std::string> script_surface(std::string_view html, HtmlScope scope, std::string_view marker) {
  // gumbo turns control characters into U+FFFD; a browser keeps them, and
  // skips them before a URL's scheme as it skips spaces. Spaces keep that.
  std::string input(html);
  for (char& c : input) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < ' ' && byte != '\t' && byte != '\n' && byte != '\r' && byte != '\f' && byte != 0) c = ' ';
  }
  GumboOutput* parsed = gumbo_parse_with_options(&kGumboDefaultOptions, input.data(), input.size());
  Finder finder(scope, marker);
  finder.visit(parsed->document);
  gumbo_destroy_output(&kGumboDefaultOptions, parsed);
  return std::move(finder.findings);
}

std::string script_surface_report(std::string_view html, HtmlScope scope, std::string_view marker) {
  std::string report;
  for (const auto& finding : script_surface(html, scope, marker)) report += "\n  " + finding;
  return report;
}

}  // namespace byline::testing
