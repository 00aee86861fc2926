#include "content/html_fast_path.hpp"

#include "content/html_document.hpp"
#include "content/sanitize.hpp"
#include "content/text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace byline::content {
namespace {

struct Ignore final : WellFormedHtmlHandler {
  void start(GumboTag, std::span<const AttributeView>, int) override {}
  void end(GumboTag) override {}
  void text(std::string_view) override {}
};

bool fast_path_reads(std::string_view html) {
  Ignore ignore;
  return read_well_formed_html(html, ignore, kMaxSanitizedDepth);
}

void expect_same_as_gumbo(std::string_view html) {
  const SanitizedHtml fast = sanitize_html_with_text(html);
  const SanitizedHtml parsed = sanitize_parsed_html(html);
  EXPECT_EQ(fast.html, parsed.html) << html;
  EXPECT_EQ(fast.text, parsed.text) << html;
  EXPECT_EQ(html_to_text(html), text_of(HtmlDocument(html))) << html;
}

TEST(HtmlFastPath, ReadsWellFormedBodiesExactlyAsGumboDoes) {
  const std::vector<std::string> bodies = {
      "",
      "Just text, with > and a lone & and \"quotes\" and 'apostrophes'.",
      "<p>The minister said <a href=\"https://example.com/a?b=1&amp;c=2\" target=\"_blank\">the "
      "deal</a> was &ldquo;done&rdquo; &mdash; <strong>final</strong>.</p>\n\n<p>Q&amp;A</p>\n",
      "<p>Numeric: &#8217; &#x2019; &#X201c; &#0065; &#10; &#9;</p>",
      "<h2 id=\"x\">Timeline</h2>\n<ul>\n<li>One <em>two</em></li>\n<li><p>Three</p><ul><li>Four"
      "</li></ul></li>\n</ul><ol start=\"3\"><li>x</li></ol><dl><dt>T</dt><dd>M</dd></dl>",
      "<figure><img src=\"/media/a.webp\" alt=\"A &quot;q&quot;\" width=\"800\" loading=\"lazy\"/>"
      "<figcaption>Photo: <cite>Agency</cite></figcaption></figure><hr /><br><br/>",
      "<blockquote cite=\"https://example.com\"><p>Quote</p></blockquote>",
      "<!-- wp:paragraph -->\n<p class=\"embed\">x</p>\n<!-- /wp:paragraph --><!---->",
      "<pre><code>int main() {\n  return 0;\n}</code></pre><pre>no break first</pre>",
      "<p><b><i><u><s><small>nested</small></s></u></i></b> <sup>1</sup><sub>2</sub> <mark>m</mark>"
      " <abbr title=\"t\">a</abbr> <del>d</del><ins>i</ins> <time datetime=\"2026\">t</time> "
      "<q>q</q> <span dir=\"rtl\" lang=\"fa\">سلام 🛢</span></p>",
      "<div><div>div</div></div><a href=\"/x\"><p>a block link</p></a>",
      "<p onclick=\"alert(1)\" hidden class=\"x\" data-id='7'>attributes dropped</p>",
      "<a href=\"javascript:alert(1)\" title='t'>unsafe link</a><img src=\"data:x\">",
      "<b><b><b>three is fine</b></b></b>",
  };
  for (const auto& body : bodies) {
    EXPECT_TRUE(fast_path_reads(body)) << body;
    expect_same_as_gumbo(body);
  }
}

TEST(HtmlFastPath, LeavesToGumboWhatAParserWouldRepairOrReadByItsOwnRules) {
  const std::vector<std::string> bodies = {
      "<p>a<p>b",              // an implied end tag
      "<p>a<div>b</div></p>",  // a block closes the <p>
      "<p>a<ul><li>b</li></ul></p>",
      "<li>a</li>",                        // an item outside a list
      "<ul><span><li>a</li></span></ul>",  // would close an open item
      "<ul><li><div><li>a</li></div></li></ul>",
      "<dl><div><dt>a</dt></div></dl>",
      "<a href=x><a href=y>b</a></a>",  // unquoted, and adoption
      "<a href=\"x\"><a href=\"y\">b</a></a>",
      "<b><i>a</b></i>",                   // misnested formatting
      "<b><b><b><b>four</b></b></b></b>",  // Noah's Ark
      "<h1><h2>a</h2></h1>",
      "<h1><span><h2>a</h2></span></h1>",  // fine for a parser, but no heading in a heading
      "<pre>\nfirst line</pre>",           // the parser drops that line break
      "<pre>&#10;first line</pre>",
      "<p/>",
      "<p>open",
      "</p>",
      "<br></br>",
      "<P>upper</P>",
      "<p CLASS=\"x\">a</p>",
      "<p class=\"a\"class=\"b\">a</p>",
      "<p class=\"a\" class=\"b\">a</p>",
      "<table><tr><td>a</td></tr></table>",
      "<section>a</section>",
      "<script>x</script>",
      "<x-custom>a</x-custom>",
      "<svg></svg>",
      "<!DOCTYPE html>",
      "<![CDATA[x]]>",
      "<?php ?>",
      "a < b",
      "<3",
      "<!-->",
      "<!--->",
      "<!-- a -- b -->",
      "<!-- a --->",
      "<!-- <!-- -->",
      "&notin;",
      "&amp",
      "AT&T and R&D",  // a name with no semicolon near: gumbo knows which it is
      "&copy it",
      "&#128;",
      "&#0;",
      "&#x110000;",
      "&#xD800;",
      "&#13;",
      "&#1;",
      "&#xFFFE;",
      "a\rb",
      std::string("a\0b", 3),
      "a\x01"
      "b",
      "a\x7f"
      "b",
      "a\xC2\x80"
      "b",
      "a\xFF"
      "b",
      "\xEF\xBB\xBF"
      "bom",
      "a\f"
      "b",
      "<p title=\"a<b\">x</p>",
  };
  for (const auto& body : bodies) {
    EXPECT_FALSE(fast_path_reads(body)) << body;
    expect_same_as_gumbo(body);
  }
}

TEST(HtmlFastPath, GivesUpWhereTheSanitiserWouldUnwrapForDepth) {
  // Elements nested kMaxSanitizedDepth deep are written; one more is unwrapped.
  std::string deep;
  for (int i = 0; i <= kMaxSanitizedDepth; ++i) deep += "<span>";
  deep += "x";
  for (int i = 0; i <= kMaxSanitizedDepth; ++i) deep += "</span>";
  EXPECT_FALSE(fast_path_reads(deep));
  expect_same_as_gumbo(deep);
  std::string shallower = deep.substr(6, deep.size() - 13);  // one level less
  EXPECT_TRUE(fast_path_reads(shallower));
  expect_same_as_gumbo(shallower);
}

}  // namespace
}  // namespace byline::content
