// The generated export: deterministic, so runs compare.
#include "wxr_writer.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace byline::testing {
namespace {

constexpr std::array<std::string_view, 48> kWords = {
    "the",       "minister", "said",      "talks",     "would",    "resume",    "in",
    "Vienna",    "after",    "months",    "of",        "pressure", "from",      "European",
    "diplomats", "and",      "sanctions", "that",      "have",     "cut",       "oil",
    "exports",   "by",       "half",      "officials", "told",     "reporters", "on",
    "Saturday",  "while",    "protests",  "continued", "across",   "several",   "cities",
    "where",     "prices",   "rose",      "sharply",   "this",     "week",      "according",
    "to",        "the",      "central",   "bank",      "figures",  "released"};

// A small, fast generator: the same file every run.
struct Random {
  std::uint64_t state = 0x9E3779B97F4A7C15ull;
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

std::string paragraph(Random& random, int words) {
  std::string text;
  for (int i = 0; i < words; ++i) {
    std::string_view word =
        kWords[static_cast<std::size_t>(random.below(static_cast<int>(kWords.size())))];
    if (i > 0) text += ' ';
    if (i == 0) {
      text += static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      text += word.substr(1);
    } else if (random.below(40) == 0) {
      text += "<strong>" + std::string(word) + "</strong>";
    } else {
      text += word;
    }
  }
  return text + ".";
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

void write_wxr(std::ostream& out, const WxrShape& shape) {
  Random random;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n"
         "<rss version=\"2.0\" xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" "
         "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
         "xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n"
         "\t<title>Generated Times</title>\n\t<link>"
      << shape.site
      << "</link>\n\t<language>en-US</language>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n"
      << "\t<wp:base_site_url>" << shape.site << "</wp:base_site_url>\n\t<wp:base_blog_url>"
      << shape.site << "</wp:base_blog_url>\n";
  for (int a = 0; a < shape.authors; ++a) {
    out << "\t<wp:author><wp:author_id>" << a + 2
        << "</wp:author_id><wp:author_login><![CDATA[writer" << a
        << "]]></wp:author_login><wp:author_email><![CDATA[writer" << a
        << "@old.example]]></wp:author_email><wp:author_display_name><![CDATA[Writer " << a
        << "]]></wp:author_display_name></wp:author>\n";
  }
  for (int c = 0; c < shape.categories; ++c) {
    out << "\t<wp:category><wp:term_id>" << c + 2
        << "</wp:term_id><wp:category_nicename><![CDATA[section-" << c
        << "]]></wp:category_nicename><wp:category_parent><![CDATA["
        << (c % 4 == 3 ? "section-" + std::to_string(c - 3) : "")
        << "]]></wp:category_parent><wp:cat_name><![CDATA[Section " << c
        << "]]></wp:cat_name></wp:category>\n";
  }
  for (int t = 0; t < shape.tags; ++t) {
    out << "\t<wp:tag><wp:term_id>" << t + 1000 << "</wp:term_id><wp:tag_slug><![CDATA[topic-" << t
        << "]]></wp:tag_slug><wp:tag_name><![CDATA[Topic " << t << "]]></wp:tag_name></wp:tag>\n";
  }
  for (int p = 0; p < shape.posts; ++p) {
    const int id = 1000 + p;
    const int year = 2010 + p % 15;
    const int month = 1 + p % 12;
    const int day = 1 + p % 28;
    const std::string date = std::to_string(year) + "-" + two(month) + "-" + two(day) + " " +
                             two(p % 24) + ":" + two(p % 60) + ":00";
    const std::string slug = "story-" + std::to_string(id);
    const bool blocks = p % 2 == 0;
    std::string body;
    for (int i = 0; i < shape.paragraphs; ++i) {
      const std::string text = paragraph(random, 50 + random.below(20));
      if (blocks) {
        body += "<!-- wp:paragraph -->\n<p>" + text + "</p>\n<!-- /wp:paragraph -->\n\n";
      } else {
        body += text + "\n\n";
      }
    }
    out << "\t<item>\n\t\t<title><![CDATA[" << paragraph(random, 8) << "]]></title>\n\t\t<link>"
        << shape.site << "/" << year << "/" << two(month) << "/" << two(day) << "/" << slug
        << "/</link>\n\t\t<dc:creator><![CDATA[writer" << p % shape.authors
        << "]]></dc:creator>\n\t\t<guid isPermaLink=\"false\">" << shape.site << "/?p=" << id
        << "</guid>\n\t\t<content:encoded><![CDATA[" << body << "]]></content:encoded>\n"
        << "\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n\t\t<wp:post_id>" << id
        << "</wp:post_id>\n\t\t<wp:post_date><![CDATA[" << date
        << "]]></wp:post_date>\n\t\t<wp:post_date_gmt><![CDATA[" << date
        << "]]></wp:post_date_gmt>\n\t\t<wp:post_name><![CDATA[" << slug
        << "]]></wp:post_name>\n\t\t<wp:status><![CDATA[publish]]></"
           "wp:status>\n\t\t<wp:post_parent>0</wp:post_parent>\n"
        << "\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n\t\t<wp:is_sticky>0</wp:is_sticky>\n"
        << "\t\t<category domain=\"category\" nicename=\"section-" << p % shape.categories
        << "\"><![CDATA[Section " << p % shape.categories << "]]></category>\n";
    for (int t = 0; t < shape.tags_per_post && shape.tags > 0; ++t) {
      const int tag = (p * 7 + t * 13) % shape.tags;
      out << "\t\t<category domain=\"post_tag\" nicename=\"topic-" << tag << "\"><![CDATA[Topic "
          << tag << "]]></category>\n";
    }
    out << "\t\t<wp:postmeta><wp:meta_key><![CDATA[_edit_last]]></"
           "wp:meta_key><wp:meta_value><![CDATA[2]]></wp:meta_value></wp:postmeta>\n"
        << "\t</item>\n";
  }
  out << "</channel>\n</rss>\n";
}

}  // namespace byline::testing
