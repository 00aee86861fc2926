#include "content/ghost_documents.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace byline::content {
namespace {

TEST(GhostRender, LexicalBecomesTheHtmlGhostWouldShow) {
  const auto document = boost::json::parse(R"({"root":{"children":[
    {"type":"paragraph","children":[{"type":"text","text":"Bold <and> italic","format":3},{"type":"linebreak"},
      {"type":"link","url":"https://example.com/?a=1&b=2","children":[{"type":"text","text":"link","format":0}]}]},
    {"type":"heading","tag":"h3","children":[{"type":"text","text":"Head","format":0}]},
    {"type":"heading","tag":"script","children":[{"type":"text","text":"Not a tag","format":0}]},
    {"type":"list","listType":"bullet","children":[{"type":"listitem","children":[{"type":"text","text":"a","format":0}]}]},
    {"type":"quote","children":[{"type":"text","text":"q","format":0}]},
    {"type":"horizontalrule"},
    {"type":"codeblock","code":"x < y"},
    {"type":"image","src":"https://cdn.example/a.jpg","altText":"A","caption":"Cap"},
    {"type":"unknown-card","children":[{"type":"text","text":"kept","format":0}]}
  ]}})");
  EXPECT_EQ(
      lexical_to_html(document),
      "<p><strong><em>Bold &lt;and&gt; italic</em></strong><br><a "
      "href=\"https://example.com/?a=1&amp;b=2\">link</a></p>\n"
      "<h3>Head</h3>\n<h2>Not a tag</h2>\n<ul><li>a</li></ul>\n<blockquote>q</blockquote>\n<hr>\n"
      "<pre><code>x &lt; y</code></pre>\n"
      "<figure><img src=\"https://cdn.example/a.jpg\" "
      "alt=\"A\"><figcaption>Cap</figcaption></figure>\nkept");
}

TEST(GhostRender, MobiledocBecomesTheHtmlGhostWouldShow) {
  const auto document = boost::json::parse(R"({"version":"0.3.1","atoms":[["soft-return","\n",{}]],
    "cards":[["image",{"src":"https://cdn.example/b.jpg","alt":"B"}],["html",{"html":"<p>raw</p>"}]],
    "markups":[["a",["href","https://example.com/"]],["em"],["blink"]],
    "sections":[[1,"h2",[[0,[],0,"Title"]]],[1,"p",[[0,[0,1],1,"both"],[0,[],1," after"],[0,[2],1,"unknown"]]],
      [10,0],[10,1],[10,9],[3,"ol",[[[0,[],0,"one"]]]]]})");
  EXPECT_EQ(
      mobiledoc_to_html(document),
      "<h2>Title</h2>\n<p><a href=\"https://example.com/\"><em>both</em> after</a>unknown</p>\n"
      "<figure><img src=\"https://cdn.example/b.jpg\" "
      "alt=\"B\"></figure>\n<p>raw</p>\n<ol><li>one</li></ol>\n");
}

TEST(GhostRender, BrokenDocumentsMakeNothingRatherThanFail) {
  EXPECT_EQ(lexical_to_html(boost::json::parse("[1,2]")), "");
  EXPECT_EQ(lexical_to_html(boost::json::parse(R"({"root":{"children":"x"}})")), "");
  EXPECT_EQ(
      mobiledoc_to_html(boost::json::parse(R"({"sections":[[1],[10,"x"],[3,"ul","no"],"junk"]})")),
      "");
  // Nesting deeper than any document is cut off, not followed down the stack.
  std::string deep = R"({"root":{"children":[)";
  for (int i = 0; i < 5000; ++i) deep += R"({"type":"quote","children":[)";
  deep += R"({"type":"text","text":"deep"})";
  for (int i = 0; i < 5000; ++i) deep += "]}";
  deep += "]}}";
  boost::json::parse_options options;
  options.max_depth = 20000;
  const std::string html = lexical_to_html(boost::json::parse(deep, {}, options));
  EXPECT_EQ(html.find("deep"), std::string::npos);
}

}  // namespace
}  // namespace byline::content
