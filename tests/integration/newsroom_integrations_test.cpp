// API keys through the newsroom's Integrations page: an admin makes a key,
// sees it once, and revokes it, which closes the API to it at once; nobody
// else may see or touch the page.
#include "byline_process.hpp"
#include "newsroom_client.hpp"

#include "accounts/accounts.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

namespace byline::testing {
namespace {

constexpr const char* kPassword = "a long enough secret";

class NewsroomIntegrations : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::SqliteStore::open(data_.path() / "byline.db", 1);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    ASSERT_TRUE(accounts::add_account(
                    *store_, {"owner@example.com", "Olga Owner", content::Role::admin, kPassword})
                    .ok());
    ASSERT_TRUE(accounts::add_account(*store_, {"eddie@example.com", "Eddie Editor",
                                                content::Role::editor, kPassword})
                    .ok());
    server_ = std::make_unique<ServerProcess>(data_.path(), std::vector<std::string>{"--demo"});
  }

  HttpResponse content_api(const std::string& key) const {
    return http_get(server_->port(), "/ghost/api/content/posts/?limit=1&key=" + key);
  }

  TempDir data_{"integrations"};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(NewsroomIntegrations, AnAdminMakesAKeySeenOnceThatWorksUntilRevoked) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  ASSERT_TRUE(owner.signed_in());
  const HttpResponse empty = owner.get("/newsroom/integrations/");
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(visible_text(empty.body).find("No keys in use."), std::string::npos);

  const HttpResponse made = owner.post("/newsroom/integrations/", "name=Mobile+app&kind=content");
  ASSERT_EQ(made.status, 201) << made.body.substr(0, 500);
  const std::string key =
      first_match(made.body, R"re(id="new-key-value"[^>]*value="([0-9a-f]{26})")re");
  ASSERT_EQ(key.size(), 26u) << made.body;
  EXPECT_NE(made.header("cache-control").find("no-store"), std::string::npos);
  EXPECT_EQ(content_api(key).status, 200);

  // Listed by name and its first characters, never whole again.
  const HttpResponse listed = owner.get("/newsroom/integrations/");
  EXPECT_EQ(listed.body.find(key), std::string::npos);
  EXPECT_NE(listed.body.find(key.substr(0, 6) + "\u2026"), std::string::npos);
  EXPECT_NE(visible_text(listed.body).find("Mobile app"), std::string::npos);
  EXPECT_NE(visible_text(listed.body).find(", by Olga Owner"), std::string::npos);

  const std::string id = first_match(listed.body, R"re(/newsroom/integrations/(\d+)/revoke/)re");
  ASSERT_FALSE(id.empty());
  const HttpResponse revoked = owner.post("/newsroom/integrations/" + id + "/revoke/", "");
  EXPECT_EQ(revoked.status, 200);
  EXPECT_NE(visible_text(revoked.body).find("Revoked \u201CMobile app\u201D"), std::string::npos);
  EXPECT_EQ(content_api(key).status, 401);
  EXPECT_EQ(owner.post("/newsroom/integrations/" + id + "/revoke/", "").status, 409);
  EXPECT_EQ(owner.post("/newsroom/integrations/999/revoke/", "").status, 404);

  const std::string audit = visible_text(owner.get("/newsroom/audit/").body);
  EXPECT_NE(audit.find("added an API key"), std::string::npos) << audit.substr(0, 800);
  EXPECT_NE(audit.find("revoked an API key"), std::string::npos);
}

TEST_F(NewsroomIntegrations, AnAdminKeyIsShownAsGhostsAdminClientTakesIt) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  const HttpResponse made = owner.post("/newsroom/integrations/", "name=Publisher&kind=admin");
  ASSERT_EQ(made.status, 201);
  EXPECT_FALSE(first_match(made.body, R"re(value="([0-9a-f]{24}:[0-9a-f]{64})")re").empty())
      << made.body;
  EXPECT_NE(visible_text(made.body).find("Ghost Admin API key for \u201CPublisher\u201D"),
            std::string::npos);
}

TEST_F(NewsroomIntegrations, ABadFormIsRefusedAndMakesNoKey) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  EXPECT_EQ(owner.post("/newsroom/integrations/", "name=&kind=content").status, 400);
  EXPECT_EQ(owner.post("/newsroom/integrations/", "name=Thing&kind=root").status, 400);
  EXPECT_EQ(owner.post("/newsroom/integrations/", "name=" + std::string(101, 'x') + "&kind=content")
                .status,
            400);
  EXPECT_EQ(
      owner.post_with_token("/newsroom/integrations/", "forged", "name=Thing&kind=content").status,
      403);
  EXPECT_TRUE(store_->api_keys()->empty());
  // 100 letters is a name.
  EXPECT_EQ(owner.post("/newsroom/integrations/", "name=" + std::string(100, 'x') + "&kind=content")
                .status,
            201);
}

TEST_F(NewsroomIntegrations, OnlyAdminsMaySeeOrChangeKeys) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  ASSERT_EQ(owner.post("/newsroom/integrations/", "name=Front+end&kind=content").status, 201);
  const std::string id = std::to_string(store_->api_keys()->front().id);

  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());
  const HttpResponse seen = eddie.get("/newsroom/integrations/");
  EXPECT_EQ(seen.status, 403);
  EXPECT_EQ(seen.body.find("Front end"), std::string::npos);
  EXPECT_EQ(eddie.post("/newsroom/integrations/", "name=Mine&kind=admin").status, 403);
  EXPECT_EQ(eddie.post("/newsroom/integrations/" + id + "/revoke/", "").status, 403);
  EXPECT_EQ(store_->api_keys()->size(), 1u);
  EXPECT_FALSE(store_->api_keys()->front().revoked_at.has_value());
  EXPECT_EQ(eddie.get("/newsroom/").body.find("/newsroom/integrations/"), std::string::npos)
      << "no Integrations link";

  const HttpResponse signed_out = http_get(server_->port(), "/newsroom/integrations/");
  EXPECT_EQ(signed_out.status, 303);
  EXPECT_NE(signed_out.header("location").find("/newsroom/sign-in/"), std::string::npos);
}

}  // namespace
}  // namespace byline::testing
