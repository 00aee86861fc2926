// Feed serialisation. Every text is escaped for XML; bodies go in CDATA
// (RSS) or escaped (Atom); JSON strings through json_quote.
#include "site/feeds.hpp"

#include "common/json.hpp"
#include "common/text_encoding.hpp"
#include "content/sanitize.hpp"

namespace byline::site {
namespace {

// A CDATA section holding `text`; "]]>" inside is split across two sections.
std::string cdata(std::string_view text) {
  std::string out = "<![CDATA[";
  std::size_t start = 0;
  for (auto at = text.find("]]>"); at != std::string_view::npos; at = text.find("]]>", start)) {
    out += text.substr(start, at - start);
    out += "]]]]><![CDATA[>";
    start = at + 3;
  }
  out += text.substr(start);
  return out + "]]>";
}

std::string html_escaped(std::string_view text) {
  std::string out;
  content::append_escaped(out, text);
  return out;
}

std::string json_list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (const auto& value : values) out += (out.size() > 1 ? "," : "") + json_quote(value);
  return out + "]";
}

}  // namespace

std::string rfc822_date(Time time) { return format_utc(time, "%a, %d %b %Y %H:%M:%S +0000"); }

std::string absolute_urls(std::string_view html, std::string_view site_url) {
  std::string out;
  out.reserve(html.size());
  std::size_t i = 0;
  while (i < html.size()) {
    bool done = false;
    for (const std::string_view attribute : {"src=\"", "href=\"", "srcset=\""}) {
      if (html.compare(i, attribute.size(), attribute) != 0) continue;
      if (i > 0 && html[i - 1] != ' ') continue;  // "data-src=" is not "src="
      const auto end = html.find('"', i + attribute.size());
      if (end == std::string_view::npos) break;
      std::string_view value = html.substr(i + attribute.size(), end - i - attribute.size());
      out += attribute;
      // Each comma-separated candidate (srcset) or the one address.
      bool first = true;
      while (true) {
        const auto comma = attribute == "srcset=\"" ? value.find(',') : std::string_view::npos;
        std::string_view part = value.substr(0, comma);
        std::size_t lead = 0;
        while (lead < part.size() && part[lead] == ' ') ++lead;
        if (!first) out += ',';
        out += part.substr(0, lead);
        part.remove_prefix(lead);
        if (part.starts_with('/') && !part.starts_with("//")) out += site_url;
        out += part;
        first = false;
        if (comma == std::string_view::npos) break;
        value.remove_prefix(comma + 1);
      }
      out += '"';
      i = end + 1;
      done = true;
      break;
    }
    if (!done) out += html[i++];
  }
  return out;
}

std::string rss_feed(const Feed& feed, std::string_view self_url) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
      "xmlns:media=\"http://search.yahoo.com/mrss/\">\n<channel>\n";
  xml += "<title>" + xml_escape(feed.title) + "</title>\n";
  xml += "<link>" + xml_escape(feed.home_url) + "</link>\n";
  xml += "<description>" + xml_escape(feed.description) + "</description>\n";
  xml += "<atom:link href=\"" + xml_escape(self_url) + "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  xml += "<language>" + xml_escape(feed.language) + "</language>\n";
  xml += "<lastBuildDate>" + rfc822_date(feed.updated) + "</lastBuildDate>\n";
  xml += "<generator>Byline</generator>\n";
  for (const auto& item : feed.items) {
    xml += "<item>\n<title>" + xml_escape(item.title) + "</title>\n";
    xml += "<link>" + xml_escape(item.url) + "</link>\n";
    xml += "<guid isPermaLink=\"false\">" + xml_escape(item.id) + "</guid>\n";
    xml += "<pubDate>" + rfc822_date(item.published) + "</pubDate>\n";
    // Names are text: escaped. Only the HTML fields go in CDATA.
    for (const auto& author : item.authors) xml += "<dc:creator>" + xml_escape(author) + "</dc:creator>\n";
    for (const auto& category : item.categories) xml += "<category>" + xml_escape(category) + "</category>\n";
    // Readers take an RSS description for HTML; the summary is text.
    xml += "<description>" + cdata(html_escaped(item.summary)) + "</description>\n";
    xml += "<content:encoded>" + cdata(item.content_html) + "</content:encoded>\n";
    if (!item.image.empty()) {
      xml += "<media:content url=\"" + xml_escape(item.image) + "\" medium=\"image\"/>\n";
    }
    xml += "</item>\n";
  }
  return xml + "</channel>\n</rss>\n";
}

std::string atom_feed(const Feed& feed, std::string_view self_url) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"";
  if (!feed.language.empty()) xml += " xml:lang=\"" + xml_escape(feed.language) + "\"";
  xml += ">\n<id>" + xml_escape(self_url) + "</id>\n";
  xml += "<title>" + xml_escape(feed.title) + "</title>\n";
  if (!feed.description.empty()) xml += "<subtitle>" + xml_escape(feed.description) + "</subtitle>\n";
  xml += "<updated>" + iso8601(feed.updated) + "</updated>\n";
  xml += "<link rel=\"self\" type=\"application/atom+xml\" href=\"" + xml_escape(self_url) + "\"/>\n";
  xml += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(feed.home_url) + "\"/>\n";
  xml += "<author><name>" + xml_escape(feed.title) + "</name></author>\n";
  xml += "<generator>Byline</generator>\n";
  for (const auto& item : feed.items) {
    xml += "<entry>\n<id>" + xml_escape(item.id) + "</id>\n";
    xml += "<title>" + xml_escape(item.title) + "</title>\n";
    xml += "<link rel=\"alternate\" type=\"text/html\" href=\"" + xml_escape(item.url) + "\"/>\n";
    xml += "<published>" + iso8601(item.published) + "</published>\n";
    xml += "<updated>" + iso8601(item.updated) + "</updated>\n";
    for (const auto& author : item.authors) xml += "<author><name>" + xml_escape(author) + "</name></author>\n";
    for (const auto& category : item.categories) xml += "<category term=\"" + xml_escape(category) + "\"/>\n";
    xml += "<summary>" + xml_escape(item.summary) + "</summary>\n";
    xml += "<content type=\"html\">" + xml_escape(item.content_html) + "</content>\n";
    xml += "</entry>\n";
  }
  return xml + "</feed>\n";
}

std::string json_feed(const Feed& feed, std::string_view self_url) {
  std::string json = "{\"version\":\"https://jsonfeed.org/version/1.1\"";
  json += ",\"title\":" + json_quote(feed.title);
  json += ",\"home_page_url\":" + json_quote(feed.home_url);
  json += ",\"feed_url\":" + json_quote(self_url);
  json += ",\"description\":" + json_quote(feed.description);
  json += ",\"language\":" + json_quote(feed.language);
  json += ",\"items\":[";
  bool first = true;
  for (const auto& item : feed.items) {
    if (!first) json += ",";
    first = false;
    json += "{\"id\":" + json_quote(item.id) + ",\"url\":" + json_quote(item.url);
    json += ",\"title\":" + json_quote(item.title) + ",\"summary\":" + json_quote(item.summary);
    json += ",\"content_html\":" + json_quote(item.content_html);
    json += ",\"date_published\":" + json_quote(iso8601(item.published));
    json += ",\"date_modified\":" + json_quote(iso8601(item.updated));
    json += ",\"authors\":[";
    for (std::size_t a = 0; a < item.authors.size(); ++a) {
      json += (a ? ",{\"name\":" : "{\"name\":") + json_quote(item.authors[a]) + "}";
    }
    json += "],\"tags\":" + json_list(item.categories);
    if (!item.image.empty()) json += ",\"image\":" + json_quote(item.image);
    json += "}";
  }
  return json + "]}\n";
}

}  // namespace byline::site
