// Markdown bodies: what writers expect from CommonMark with tables, and
// nothing a browser would run, whatever the Markdown says.
#include "script_surface.hpp"
#include "xss_payloads.hpp"

#include "content/markdown.hpp"
#include "content/post_rules.hpp"
#include "content/sanitize.hpp"

#include <gtest/gtest.h>

namespace byline::content {
namespace {

using testing::HtmlScope;
using testing::kXssMarker;
using testing::script_surface_report;

std::string body_of(const std::string& markdown) {
  Post post;
  post.title = "A story";
  post.body_source = markdown;
  post.source_format = SourceFormat::markdown;
  User author;
  author.id = 1;
  post.authors.push_back(author);
  auto prepared = prepare_post(std::move(post), now_utc());
  return prepared ? prepared->body_html : "refused: " + prepared.error().message;
}

TEST(Markdown, WritesWhatCommonMarkPromises) {
  EXPECT_EQ(markdown_to_html("# Talks resume\n\nThey *met* in **Vienna**.\n"),
            "<h1>Talks resume</h1>\n<p>They <em>met</em> in <strong>Vienna</strong>.</p>\n");
  EXPECT_EQ(markdown_to_html("- one\n- two\n"), "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
  EXPECT_EQ(markdown_to_html("[the report](https://example.com/r)"),
            "<p><a href=\"https://example.com/r\">the report</a></p>\n");
  EXPECT_EQ(markdown_to_html("> quoted"), "<blockquote>\n<p>quoted</p>\n</blockquote>\n");
  EXPECT_EQ(markdown_to_html("~~withdrawn~~"), "<p><del>withdrawn</del></p>\n");
  EXPECT_NE(markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n").find("<table>"), std::string::npos);
  EXPECT_NE(markdown_to_html("see https://example.com/x").find("<a href=\"https://example.com/x\">"),
            std::string::npos);
  EXPECT_EQ(markdown_to_html("1 < 2 & 3"), "<p>1 &lt; 2 &amp; 3</p>\n");
}

TEST(Markdown, PostsWrittenInItAreStoredAsSanitisedHtml) {
  EXPECT_EQ(body_of("Text with <em>inline</em> HTML.\n\n<script>alert(1)</script>\n"),
            "<p>Text with <em>inline</em> HTML.</p>\n\n");
  EXPECT_EQ(body_of("[x](javascript:alert(1))"), "<p><a>x</a></p>\n");
}

TEST(Markdown, NoPayloadRunsWhateverTheMarkdownSays) {
  std::vector<std::string> payloads = {
      "[x](javascript:alert(1337))",
      "[x](JaVaScRiPt:alert(1337))",
      "[x]( javascript:alert(1337) )",
      "[x](&#106;avascript:alert(1337))",
      "[x](java&#x09;script:alert(1337))",
      "[x](<javascript:alert(1337)>)",
      "![x](javascript:alert(1337))",
      "![x](data:text/html;base64,MTMzNw==)",
      "<javascript:alert(1337)>",
      "[x]: javascript:alert(1337)\n\n[x]",
      "[x](vbscript:msgbox(1337))",
      "[x](https://example.com \"title\\\" onmouseover=\\\"alert(1337)\")",
      "![x\" onerror=\"alert(1337)](https://example.com/a.png)",
      "```html\n<script>alert(1337)</script>\n```",
      "<div>\n\n<script>alert(1337)</script>\n\n</div>",
      "| a |\n|---|\n| <img src=x onerror=alert(1337)> |",
  };
  for (const auto& payload : testing::xss_payloads()) payloads.push_back(payload.text);
  for (const auto& markdown : payloads) {
    const std::string html = body_of(markdown);
    EXPECT_EQ(script_surface_report(html, HtmlScope::fragment, kXssMarker), "") << markdown << "\nbecame: " << html;
    EXPECT_EQ(sanitize_html(html), html) << markdown;
  }
}

TEST(Markdown, AnUnclosedLinkInAHundredQuotesSettlesAsText) {
  // Found by fuzz_markdown: the parser reopens the link in every quote, and
  // each pass of the sanitiser nested it deeper.
  const std::string markdown = std::string(34, '>') + "img src=x o" + std::string(23, '>') + "<a hbody>>>>>> deep\n\n   * " +
                               std::string(38, '>') + "img src=x o" + std::string(23, '>') + "<a hbody>>>>>> dec\n";
  const std::string html = sanitize_html(markdown_to_html(markdown));
  EXPECT_EQ(sanitize_html(html), html);
  EXPECT_NE(html.find("deep"), std::string::npos);
  EXPECT_NE(html.find("dec"), std::string::npos);
}

}  // namespace
}  // namespace byline::content
