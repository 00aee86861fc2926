#include "importing/wxr_reader.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace byline::importing {
namespace {

class WxrReaderTest : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove(path_); }

  Result<void> read(const std::string& xml, bool bodies = true) {
    std::ofstream(path_, std::ios::binary) << xml;
    WxrHandlers handlers;
    handlers.bodies = bodies;
    handlers.site = [this](const WxrSite& site) {
      site_ = site;
      return Result<void>{};
    };
    handlers.term = [this](const WxrTerm& term) {
      terms_.push_back(term);
      return Result<void>{};
    };
    handlers.item = [this](WxrItem& item) {
      items_.push_back(item);
      return Result<void>{};
    };
    return read_wxr(path_, handlers);
  }

  static std::string channel(std::string_view version, std::string_view body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
           "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:excerpt=\"http://wordpress.org/export/" +
           std::string(version) + "/excerpt/\" xmlns:wp=\"http://wordpress.org/export/" +
           std::string(version) + "/\">\n<channel>\n<wp:wxr_version>" + std::string(version) +
           "</wp:wxr_version>\n" + std::string(body) + "\n</channel>\n</rss>\n";
  }

  std::filesystem::path path_ =
      std::filesystem::temp_directory_path() / ("wxr-reader-" + std::to_string(getpid()) + ".xml");
  WxrSite site_;
  std::vector<WxrTerm> terms_;
  std::vector<WxrItem> items_;
};

TEST_F(WxrReaderTest, JoinsCdataSectionsAsTheExporterSplitsThem) {
  ASSERT_TRUE(
      read(channel(
               "1.2",
               "<item><content:encoded><![CDATA[tags ]]]]><![CDATA[> :)]]></content:encoded>"
               "<title><![CDATA[One]]><![CDATA[ two]]></title><wp:post_id>5</wp:post_id></item>"))
          .ok());
  ASSERT_EQ(items_.size(), 1u);
  EXPECT_EQ(items_[0].content, "tags ]]> :)");
  EXPECT_EQ(items_[0].title, "One two");
  EXPECT_EQ(items_[0].post_id, "5");
}

TEST_F(WxrReaderTest, ReadsItemsWithoutTheirBodiesWhenAskedTo) {
  const std::string xml = channel(
      "1.2",
      "<item><title>One</title><content:encoded><![CDATA[<p>Long body</p>]]></content:encoded>"
      "<excerpt:encoded><![CDATA[Short]]></excerpt:encoded><wp:post_id>5</wp:post_id></item>");
  ASSERT_TRUE(read(xml, /*bodies=*/false).ok());
  ASSERT_EQ(items_.size(), 1u);
  EXPECT_EQ(items_[0].content, "");
  EXPECT_EQ(items_[0].title, "One");
  EXPECT_EQ(items_[0].excerpt, "Short");
  EXPECT_EQ(items_[0].post_id, "5");
  EXPECT_TRUE(items_[0].cut.empty());
  items_.clear();
  ASSERT_TRUE(read(xml).ok());
  EXPECT_EQ(items_[0].content, "<p>Long body</p>");
}

TEST_F(WxrReaderTest, ReadsEveryExportVersionByItsNamespacePattern) {
  ASSERT_TRUE(read(channel("1.0",
                           "<item><wp:post_type>post</wp:post_type><category domain=\"tag\" "
                           "nicename=\"oil\">Oil</category>"
                           "<category domain=\"tag\">Oil</category></item>"))
                  .ok());
  EXPECT_EQ(site_.wxr_version, "1.0");
  ASSERT_EQ(items_.size(), 1u);
  EXPECT_EQ(items_[0].post_type, "post");
  ASSERT_EQ(items_[0].terms.size(), 2u);
  EXPECT_EQ(items_[0].terms[0].domain, "tag");
  EXPECT_EQ(items_[0].terms[0].nicename, "oil");
  EXPECT_EQ(items_[0].terms[1].nicename, "") << "WXR 1.0's duplicates have none";
}

TEST_F(WxrReaderTest, ReadsTermsAndPostMeta) {
  ASSERT_TRUE(
      read(channel("1.2",
                   "<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>europe</"
                   "wp:category_nicename>"
                   "<wp:category_parent>world</wp:category_parent><wp:cat_name><![CDATA[Europe]]></"
                   "wp:cat_name></wp:category>"
                   "<item><wp:postmeta><wp:meta_key>_thumbnail_id</"
                   "wp:meta_key><wp:meta_value><![CDATA[7]]></wp:meta_value></wp:postmeta></item>"))
          .ok());
  ASSERT_EQ(terms_.size(), 1u);
  EXPECT_EQ(terms_[0].kind, WxrTerm::Kind::category);
  EXPECT_EQ(terms_[0].parent_slug, "world");
  EXPECT_EQ(terms_[0].name, "Europe");
  ASSERT_EQ(items_.size(), 1u);
  EXPECT_EQ(items_[0].meta_value("_thumbnail_id"), "7");
  EXPECT_EQ(items_[0].meta_value("nothing"), "");
}

TEST_F(WxrReaderTest, RefusesADtdBeforeReadingAnyOfIt) {
  const auto refused = read(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n" +
      channel("1.2", "<item><title>&xxe;</title></item>").substr(22));
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("DTD"), std::string::npos) << refused.error().message;
  EXPECT_TRUE(items_.empty());
}

TEST_F(WxrReaderTest, SaysWhereMalformedXmlBreaks) {
  const auto broken = read(channel("1.2", "<item>\n<title>Open\n</item>"));
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("line 7"), std::string::npos) << broken.error().message;
  EXPECT_NE(broken.error().message.find("column"), std::string::npos);
}

TEST_F(WxrReaderTest, SaysWhenAFileIsNotAWordPressExport) {
  auto html = read("<html><body>Hello</body></html>");
  ASSERT_FALSE(html.ok());
  EXPECT_NE(html.error().message.find("not a WordPress export"), std::string::npos);
  auto unversioned = read("<rss><channel><item><title>x</title></item></channel></rss>");
  ASSERT_FALSE(unversioned.ok());
  EXPECT_NE(unversioned.error().message.find("wp:wxr_version"), std::string::npos);
  auto newer = read(channel("1.3", "<item/>"));
  ASSERT_FALSE(newer.ok());
  EXPECT_NE(newer.error().message.find("1.3"), std::string::npos);
  auto empty = read("");
  ASSERT_FALSE(empty.ok());
}

TEST_F(WxrReaderTest, BoundsWhatOneItemMayBring) {
  std::string many = "<item><wp:post_id>1</wp:post_id>";
  for (std::size_t i = 0; i < kMaxWxrTermsPerItem + 5; ++i) {
    many += "<category domain=\"post_tag\" nicename=\"t" + std::to_string(i) + "\">T</category>";
  }
  many += "<content:encoded><![CDATA[" + std::string(kMaxWxrBodyBytes + 10, 'x') +
          "]]></content:encoded></item>";
  ASSERT_TRUE(read(channel("1.2", many)).ok());
  ASSERT_EQ(items_.size(), 1u);
  EXPECT_EQ(items_[0].terms.size(), kMaxWxrTermsPerItem);
  EXPECT_TRUE(items_[0].content.empty());
  EXPECT_NE(std::find(items_[0].cut.begin(), items_[0].cut.end(), "terms"), items_[0].cut.end());
  EXPECT_NE(std::find(items_[0].cut.begin(), items_[0].cut.end(), "content:encoded"),
            items_[0].cut.end());
}

}  // namespace
}  // namespace byline::importing
