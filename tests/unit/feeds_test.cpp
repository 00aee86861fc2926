#include "site/feeds.hpp"

#include <gtest/gtest.h>

namespace byline::site {
namespace {

using namespace std::chrono_literals;

const Time kWhen = Time(std::chrono::sys_days(std::chrono::March / 5 / 2024)) + 14h + 7min;

Feed sample() {
  Feed feed;
  feed.title = "News & <Views>";
  feed.description = "Daily";
  feed.home_url = "https://news.example/";
  feed.language = "en";
  feed.updated = kWhen;
  FeedItem item;
  item.id = "https://news.example/?p=1";
  item.title = "Talks \"resume\"";
  item.url = "https://news.example/talks/";
  item.summary = "Short";
  item.content_html = "<p>Body with ]]> inside</p>";
  item.authors = {"Emad Askarieh", "Leila Karimi"};
  item.categories = {"World", "Iran"};
  item.published = kWhen;
  item.updated = kWhen + 1h;
  feed.items.push_back(item);
  return feed;
}

TEST(FeedDates, UseRfc822ForRssAndHttp) {
  EXPECT_EQ(rfc822_date(kWhen), "Tue, 05 Mar 2024 14:07:00 +0000");
  EXPECT_EQ(http_date(kWhen), "Tue, 05 Mar 2024 14:07:00 GMT");
}

TEST(RssFeed, EscapesTextAndKeepsBodiesWhole) {
  const std::string xml = rss_feed(sample(), "https://news.example/rss/");
  EXPECT_NE(xml.find("<title>News &amp; &lt;Views&gt;</title>"), std::string::npos);
  EXPECT_NE(xml.find("<guid isPermaLink=\"false\">https://news.example/?p=1</guid>"), std::string::npos);
  EXPECT_NE(xml.find("<dc:creator>Leila Karimi</dc:creator>"), std::string::npos);
  EXPECT_NE(xml.find("<![CDATA[<p>Body with ]]]]><![CDATA[> inside</p>]]>"), std::string::npos);
  EXPECT_NE(xml.find("rel=\"self\""), std::string::npos);
}

TEST(RssFeed, GivesTheTextSummaryAsEscapedHtml) {
  // Readers take a description for HTML: a summary typed as text must stay text.
  Feed feed = sample();
  feed.items[0].summary = "<script>alert(1)</script> & more";
  const std::string xml = rss_feed(feed, "https://news.example/rss/");
  EXPECT_NE(xml.find("<description><![CDATA[&lt;script&gt;alert(1)&lt;/script&gt; &amp; more]]></description>"),
            std::string::npos)
      << xml;
}

TEST(AtomFeed, HasTheRequiredElements) {
  const std::string xml = atom_feed(sample(), "https://news.example/atom.xml");
  EXPECT_NE(xml.find("<id>https://news.example/atom.xml</id>"), std::string::npos);
  EXPECT_NE(xml.find("<updated>2024-03-05T15:07:00Z</updated>"), std::string::npos);
  EXPECT_NE(xml.find("<content type=\"html\">&lt;p&gt;Body with ]]&gt; inside&lt;/p&gt;</content>"),
            std::string::npos);
}

TEST(JsonFeed, IsVersionOnePointOne) {
  const std::string json = json_feed(sample(), "https://news.example/feed.json");
  EXPECT_TRUE(json.starts_with("{\"version\":\"https://jsonfeed.org/version/1.1\""));
  EXPECT_NE(json.find("\"authors\":[{\"name\":\"Emad Askarieh\"},{\"name\":\"Leila Karimi\"}]"), std::string::npos);
  EXPECT_NE(json.find("\"title\":\"Talks \\\"resume\\\"\""), std::string::npos);
}

TEST(AbsoluteUrls, PrefixRootRelativeAddressesOnly) {
  EXPECT_EQ(absolute_urls("<img src=\"/media/a.webp\" srcset=\"/media/a-400.webp 400w, /media/a-800.webp 800w\">"
                          "<a href=\"https://x.org/\">x</a><a href=\"//cdn.example/\">y</a><a href=\"#top\">z</a>",
                          "https://news.example"),
            "<img src=\"https://news.example/media/a.webp\" srcset=\"https://news.example/media/a-400.webp "
            "400w, https://news.example/media/a-800.webp 800w\"><a href=\"https://x.org/\">x</a>"
            "<a href=\"//cdn.example/\">y</a><a href=\"#top\">z</a>");
}

}  // namespace
}  // namespace byline::site
