// `byline import ghost` on a hand-made Ghost 5 export: staff, tags, posts
// in Ghost's three body forms, then Ghost's addresses over HTTP, a run
// again, and broken files.
#include "byline_process.hpp"
#include "http_client.hpp"

#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace byline::testing {
namespace {

const std::filesystem::path kExport =
    std::filesystem::path(BYLINE_TEST_DATA) / "ghost" / "newsroom.json";

class GhostImport : public ::testing::Test {
 protected:
  CommandResult import(std::vector<std::string> extra = {}) {
    std::vector<std::string> arguments = {"import",
                                          "ghost",
                                          kExport.string(),
                                          "--data",
                                          data_.path().string(),
                                          "--url",
                                          "https://old.example"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_byline(arguments, 60);
  }
  std::unique_ptr<store::sqlite::SqliteStore> store() {
    auto opened = store::sqlite::SqliteStore::open(data_.path() / "byline.db", 1);
    EXPECT_TRUE(opened.ok());
    return std::move(*opened);
  }
  TempDir data_{"ghost-import"};
};

TEST_F(GhostImport, BringsStaffTagsAndPostsWithTheirAuthorsInOrderAndThePrimaryTagAsSection) {
  const CommandResult run = import();
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* line : {"authors    2", "sections   1", "tags       2", "posts      7 (7 new",
                           "pages      1 (1 new", "1 internal tags",
                           "\"Nobody wrote this\": none of its authors is in the export",
                           "\"For subscribers\": for paid members only, so imported as not public",
                           "\"RSS explained\": its address is now /rss-2/"}) {
    EXPECT_NE(run.output.find(line), std::string::npos) << line << "\n" << run.output;
  }
  auto db = store();
  const auto refinery = **db->post_by_slug("refinery-restarts");
  EXPECT_TRUE(refinery.featured);
  EXPECT_EQ(refinery.seo_title, "Abadan refinery restarts") << "from posts_meta";
  EXPECT_EQ(refinery.featured_image, "https://old.example/content/images/2024/01/abadan.jpg");
  EXPECT_EQ(refinery.body_html.find("<script"), std::string::npos);
  EXPECT_EQ(refinery.published_at, Time(std::chrono::sys_days(std::chrono::January / 8 / 2024)) +
                                       std::chrono::minutes(630));
  ASSERT_EQ(refinery.sections.size(), 1u);
  EXPECT_EQ(refinery.sections[0].slug, "energy");
  EXPECT_EQ(refinery.tags.size(), 1u) << "internal tags are Ghost's own";

  const auto talks = **db->post_by_slug("talks-on-the-oil-price");
  ASSERT_EQ(talks.authors.size(), 2u);
  EXPECT_EQ(talks.authors[0].slug, "omid") << "Ghost's order of authors";
  EXPECT_EQ(talks.authors[1].slug, "leila");
  ASSERT_EQ(talks.tags.size(), 2u);
  EXPECT_EQ(talks.tags[0].slug, "energy");
  EXPECT_EQ(talks.sections[0].slug, "energy") << "the primary tag (sort_order 0)";
  EXPECT_NE(talks.body_html.find("<h2><strong>What next</strong></h2>"), std::string::npos)
      << "from Lexical";
  EXPECT_EQ(talks.body_html.find("onclick"), std::string::npos);
  const auto archive = **db->post_by_slug("from-the-archive");
  EXPECT_NE(archive.body_html.find("<strong>markdown</strong> card"), std::string::npos)
      << "from Mobiledoc";
  EXPECT_EQ((**db->post_by_slug("unfinished")).status, content::PostStatus::draft);
  EXPECT_EQ((**db->post_by_slug("next-week")).status, content::PostStatus::scheduled);
  EXPECT_EQ((**db->post_by_slug("about")).type, content::PostType::page);
  EXPECT_EQ((**db->user_by_slug("leila")).bio, "Covers energy.");
  EXPECT_EQ(*db->password_hash((**db->user_by_slug("leila")).id), "");
  EXPECT_EQ((*db->audit_entries(1, 0))[0].actor, "importer (Ghost)");
}

TEST_F(GhostImport, GhostsAddressesKeepWorkingAndARunAgainChangesNothing) {
  ASSERT_EQ(import().exit_code, 0);
  {
    ServerProcess server(data_.path(), {});
    for (const std::string same :
         {"/refinery-restarts/", "/about/", "/tag/energy/", "/tag/sanctions/", "/author/leila/",
          "/author/omid/", "/rss-2/", "/section/energy/"}) {
      EXPECT_EQ(http_get(server.port(), same).status, 200) << same;
    }
    EXPECT_EQ(
        http_get(server.port(), "/rss/").header("content-type").find("xml") != std::string::npos,
        true)
        << "/rss/ stays the feed";
    EXPECT_NE(http_get(server.port(), "/author/leila/").body.find("href=\"https://leila.example\""),
              std::string::npos)
        << "a web address is linked";
    EXPECT_EQ(http_get(server.port(), "/author/omid/").body.find("javascript:"), std::string::npos)
        << "a script address, as the old site had it, is not";
    for (const std::string hidden : {"/for-subscribers/", "/unfinished/", "/next-week/"}) {
      EXPECT_EQ(http_get(server.port(), hidden).status, 404) << hidden;
    }
  }
  // Not kept at all, so no API hands it on either.
  EXPECT_EQ((*store()->user_by_slug("omid"))->website, "");
  EXPECT_EQ((*store()->user_by_slug("leila"))->website, "https://leila.example");
  const CommandResult again = import();
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("posts      7 (0 new, 0 updated, 7 unchanged)"), std::string::npos)
      << again.output;
  EXPECT_EQ(*store()->count_posts(), 8);
}

TEST_F(GhostImport, ABrokenOrForeignFileIsRefusedWithWhereAndWhy) {
  const auto file = data_.path() / "export.json";
  std::ofstream(file) << "{\"db\": [{\"data\": {\"posts\": [\n  {\"id\": 1,, }\n]}}]}";
  const CommandResult broken =
      run_byline({"import", "ghost", file.string(), "--data", (data_.path() / "site").string()});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.output.find("not valid JSON at line 2, column"), std::string::npos)
      << broken.output;
  std::ofstream(file, std::ios::trunc) << "{\"posts\": []}";
  const CommandResult foreign =
      run_byline({"import", "ghost", file.string(), "--data", (data_.path() / "site").string()});
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_NE(foreign.output.find("not a Ghost export"), std::string::npos) << foreign.output;
  auto opened = store::sqlite::SqliteStore::open(data_.path() / "site" / "byline.db", 1);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*(*opened)->count_posts(), 0);
}

}  // namespace
}  // namespace byline::testing
