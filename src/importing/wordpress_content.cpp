// Block comments out, shortcodes into HTML, paragraphs in, old image
// addresses replaced.
#include "importing/wordpress_content.hpp"

#include "content/sanitize.hpp"  // append_escaped

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

namespace byline::importing {
namespace {

std::string escaped(std::string_view text) {
  std::string out;
  content::append_escaped(out, text);
  return out;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

bool is_web_url(std::string_view text) {
  return (text.starts_with("https://") || text.starts_with("http://")) &&
         text.find_first_of(" \t\n\"'<>") == std::string_view::npos;
}

// Removes the block editor's delimiters ("<!-- wp:paragraph {…} -->",
// "<!-- /wp:paragraph -->", "<!-- wp:spacer /-->"), keeping what is between.
std::string without_block_comments(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (true) {
    const auto open = text.find("<!--", at);
    if (open == std::string_view::npos) break;
    std::string_view after = trim(text.substr(open + 4, 8));
    const bool block = after.starts_with("wp:") || after.starts_with("/wp:");
    const auto close = text.find("-->", open + 4);
    if (!block || close == std::string_view::npos) {
      out.append(text.substr(at, open + 4 - at));
      at = open + 4;
      continue;
    }
    out.append(text.substr(at, open - at));
    at = close + 3;
    if (at < text.size() && text[at] == '\n') ++at;  // the delimiter's own line
  }
  out.append(text.substr(at));
  return out;
}

// One shortcode's attributes: name="value", name='value', name=value and
// bare values (kept under their position, "0", "1" …).
std::map<std::string, std::string, std::less<>> parse_attributes(std::string_view text) {
  std::map<std::string, std::string, std::less<>> attributes;
  int position = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i >= text.size()) break;
    std::size_t name_end = i;
    while (name_end < text.size() && (std::isalnum(static_cast<unsigned char>(text[name_end])) ||
                                      text[name_end] == '_' || text[name_end] == '-')) {
      ++name_end;
    }
    std::string name;
    if (name_end > i && name_end < text.size() && text[name_end] == '=') {
      name = lower(text.substr(i, name_end - i));
      i = name_end + 1;
    } else {
      name = std::to_string(position++);
    }
    std::string value;
    if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
      const char quote = text[i];
      const auto end = text.find(quote, i + 1);
      const auto stop = end == std::string_view::npos ? text.size() : end;
      value = std::string(text.substr(i + 1, stop - i - 1));
      i = stop + 1;
    } else {
      const auto start = i;
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      value = std::string(text.substr(start, i - start));
    }
    attributes.emplace(std::move(name), std::move(value));
  }
  return attributes;
}

std::string attribute(const std::map<std::string, std::string, std::less<>>& attributes,
                      std::string_view name) {
  const auto found = attributes.find(name);
  return found == attributes.end() ? std::string() : found->second;
}

constexpr std::array kEnclosing = {std::string_view("caption"), std::string_view("wp_caption"),
                                   std::string_view("embed"), std::string_view("video"),
                                   std::string_view("audio")};

class Shortcodes {
 public:
  Shortcodes(const ContentLinks& links, std::vector<std::string>& unknown)
      : links_(links), unknown_(unknown) {}

  std::string expand(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
      const auto open = text.find('[', at);
      if (open == std::string_view::npos) break;
      out.append(text.substr(at, open - at));
      // "[[gallery]]" is how a writer shows a shortcode as text.
      if (open + 1 < text.size() && text[open + 1] == '[') {
        const auto close = text.find("]]", open);
        if (close != std::string_view::npos) {
          out += text.substr(open + 1, close - open);
          at = close + 2;
          continue;
        }
      }
      std::size_t name_end = open + 1;
      while (name_end < text.size() && (std::isalnum(static_cast<unsigned char>(text[name_end])) ||
                                        text[name_end] == '_' || text[name_end] == '-')) {
        ++name_end;
      }
      const auto close = text.find(']', name_end);
      // A name starts with a letter: "[1]" is a footnote mark, not a shortcode.
      const bool shaped =
          name_end > open + 1 && std::isalpha(static_cast<unsigned char>(text[open + 1])) &&
          close != std::string_view::npos &&
          (text[name_end] == ']' || text[name_end] == ' ' || text[name_end] == '/') &&
          text.substr(open, close - open).find('\n') == std::string_view::npos;
      if (!shaped) {
        out += '[';
        at = open + 1;
        continue;
      }
      const std::string name = lower(text.substr(open + 1, name_end - open - 1));
      std::string_view inside = text.substr(name_end, close - name_end);
      const bool self_closing = inside.ends_with('/');
      if (self_closing) inside.remove_suffix(1);
      const auto attributes = parse_attributes(inside);
      std::size_t next = close + 1;
      std::string_view enclosed;
      if (!self_closing &&
          std::find(kEnclosing.begin(), kEnclosing.end(), name) != kEnclosing.end()) {
        const std::string closing = "[/" + name + "]";
        const auto end = text.find(closing, next);
        if (end != std::string_view::npos) {
          enclosed = text.substr(next, end - next);
          next = end + closing.size();
        }
      }
      if (auto html = render(name, attributes, enclosed)) {
        out += *html;
      } else {
        unknown_.push_back(name);
        out.append(text.substr(open, close + 1 - open));  // kept as the writer typed it
        next = close + 1;
      }
      at = next;
    }
    if (at < text.size()) out.append(text.substr(at));
    return out;
  }

 private:
  std::optional<std::string> render(
      const std::string& name, const std::map<std::string, std::string, std::less<>>& attributes,
      std::string_view enclosed) {
    if (name == "caption" || name == "wp_caption") {
      // [caption id="…" align="…"]<img …/> The caption text[/caption]; the
      // image may be inside a link.
      std::string_view body = trim(enclosed);
      std::size_t media_end = 0;
      if (body.starts_with("<a")) {
        const auto end = body.find("</a>");
        media_end = end == std::string_view::npos ? 0 : end + 4;
      } else if (body.starts_with("<img")) {
        const auto end = body.find('>');
        media_end = end == std::string_view::npos ? 0 : end + 1;
      }
      std::string caption(trim(body.substr(media_end)));
      if (caption.empty()) caption = attribute(attributes, "caption");
      std::string html = "<figure>" + std::string(body.substr(0, media_end));
      if (!caption.empty()) html += "<figcaption>" + caption + "</figcaption>";
      return html + "</figure>";
    }
    if (name == "gallery") {
      std::string html = "<figure class=\"gallery\">";
      const std::string listed = attribute(attributes, "ids");
      std::string_view ids = listed;
      int shown = 0;
      while (!ids.empty()) {
        const auto comma = ids.find(',');
        const std::string id(trim(ids.substr(0, comma)));
        ids = comma == std::string_view::npos ? std::string_view() : ids.substr(comma + 1);
        const auto image = links_.attachment ? links_.attachment(id) : std::nullopt;
        if (!image) continue;
        html += "<img src=\"" + escaped(image->src) + "\" alt=\"" + escaped(image->alt) + "\">";
        ++shown;
      }
      if (shown == 0) return std::string();  // nothing it names is known: nothing to show
      return html + "</figure>";
    }
    if (name == "embed") {
      const std::string url(
          trim(enclosed.empty() ? std::string_view(attribute(attributes, "0")) : enclosed));
      if (!is_web_url(url)) return std::string();
      return "<p><a href=\"" + escaped(url) + "\">" + escaped(url) + "</a></p>";
    }
    if (name == "video" || name == "audio") {
      std::string src = attribute(attributes, "src");
      for (const char* format : {"mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav", "flv"}) {
        if (src.empty()) src = attribute(attributes, format);
      }
      if (src.empty()) src = std::string(trim(enclosed));
      if (!is_web_url(src)) return std::string();
      const std::string label = name == "video" ? "Watch the video" : "Listen to the recording";
      return "<p><a href=\"" + escaped(src) + "\">" + label + "</a></p>";
    }
    return std::nullopt;
  }

  const ContentLinks& links_;
  std::vector<std::string>& unknown_;
};

// A line that is only a URL is an embed in WordPress (oEmbed): Byline
// links it.
std::string link_bare_urls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at <= text.size()) {
    auto end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(at, end - at);
    const std::string_view url = trim(line);
    if (is_web_url(url)) {
      out += "<p><a href=\"" + escaped(url) + "\">" + escaped(url) + "</a></p>";
    } else {
      out.append(line);
    }
    if (end < text.size()) out += '\n';
    at = end + 1;
  }
  return out;
}

bool starts_with_block(std::string_view chunk) {
  static constexpr std::array kBlocks = {
      "p",          "div",     "h1",      "h2",      "h3",    "h4",     "h5",     "h6",
      "ul",         "ol",      "li",      "dl",      "dd",    "dt",     "pre",    "blockquote",
      "table",      "thead",   "tbody",   "tfoot",   "tr",    "td",     "th",     "figure",
      "figcaption", "hr",      "section", "article", "aside", "header", "footer", "nav",
      "address",    "details", "summary", "iframe",  "video", "audio",  "form",   "script",
      "style",      "object",  "caption", "!--"};
  if (!chunk.starts_with('<')) return false;
  std::string_view rest = chunk.substr(1);
  if (rest.starts_with('/')) rest.remove_prefix(1);
  for (const std::string_view tag : kBlocks) {
    if (rest.size() >= tag.size() && lower(rest.substr(0, tag.size())) == tag &&
        (rest.size() == tag.size() ||
         !std::isalnum(static_cast<unsigned char>(rest[tag.size()])))) {
      return true;
    }
  }
  return false;
}

// Rewrites every src="…" and href="…" an image address is known for, and
// drops srcset (it lists the old site's resized copies).
std::string rewrite_images(std::string_view html, const ContentLinks& links) {
  if (!links.image_address) return std::string(html);
  std::string out;
  out.reserve(html.size());
  std::size_t at = 0;
  while (at < html.size()) {
    const auto equals = html.find('=', at);
    if (equals == std::string_view::npos || equals + 1 >= html.size()) break;
    std::size_t name_start = equals;
    while (name_start > at && std::isalpha(static_cast<unsigned char>(html[name_start - 1])))
      --name_start;
    const std::string name = lower(html.substr(name_start, equals - name_start));
    const char quote = html[equals + 1];
    const bool attribute_like = (quote == '"' || quote == '\'') && name_start > 0 &&
                                std::isspace(static_cast<unsigned char>(html[name_start - 1]));
    if (!attribute_like || (name != "src" && name != "href" && name != "srcset")) {
      out.append(html.substr(at, equals + 1 - at));
      at = equals + 1;
      continue;
    }
    const auto end = html.find(quote, equals + 2);
    if (end == std::string_view::npos) break;
    const std::string_view value = html.substr(equals + 2, end - equals - 2);
    if (name == "srcset") {
      if (name_start > at)
        out.append(html.substr(at, name_start - 1 - at));  // the attribute and its space go
      at = end + 1;
      continue;
    }
    const auto moved = links.image_address(value);
    out.append(html.substr(at, equals + 2 - at));
    out += moved ? escaped(*moved) : std::string(value);
    out += quote;
    at = end + 1;
  }
  out.append(html.substr(std::min(at, html.size())));
  return out;
}

}  // namespace

std::string add_paragraphs(std::string_view text) {
  std::string out;
  std::size_t at = 0;
  // Paragraphs are separated by a blank line; <pre> keeps its lines.
  while (at < text.size()) {
    std::size_t end = text.find("\n\n", at);
    const auto pre = text.find("<pre", at);
    if (pre != std::string_view::npos && (end == std::string_view::npos || pre < end)) {
      const auto pre_end = text.find("</pre>", pre);
      if (pre_end != std::string_view::npos) {
        end = text.find("\n\n", pre_end);
      }
    }
    if (end == std::string_view::npos) end = text.size();
    const std::string_view chunk = trim(text.substr(at, end - at));
    if (!chunk.empty()) {
      if (starts_with_block(chunk)) {
        out.append(chunk);
      } else {
        out += "<p>";
        for (std::size_t i = 0; i < chunk.size(); ++i) {
          if (chunk[i] == '\n') {
            out += "<br>\n";
          } else {
            out += chunk[i];
          }
        }
        out += "</p>";
      }
      out += '\n';
    }
    at = end;
    while (at < text.size() && text[at] == '\n') ++at;
  }
  return out;
}

ConvertedContent convert_wordpress_content(std::string_view raw, const ContentLinks& links) {
  ConvertedContent converted;
  std::string text(raw);
  text.erase(std::remove(text.begin(), text.end(), '\r'), text.end());
  const bool blocks = text.find("<!-- wp:") != std::string::npos;
  if (blocks) text = without_block_comments(text);
  Shortcodes shortcodes(links, converted.unknown_shortcodes);
  text = shortcodes.expand(text);
  text = link_bare_urls(text);
  // Blocks carry their own paragraphs; classic posts get WordPress's.
  if (!blocks) text = add_paragraphs(text);
  converted.html = rewrite_images(text, links);
  return converted;
}

}  // namespace byline::importing
