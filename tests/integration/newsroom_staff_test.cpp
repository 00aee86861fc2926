// People and roles through the newsroom: only admins manage staff.
#include "byline_process.hpp"
#include "newsroom_client.hpp"

#include "accounts/accounts.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

namespace byline::testing {
namespace {

constexpr const char* kPassword = "a long enough secret";

class NewsroomStaff : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::SqliteStore::open(data_.path() / "byline.db", 1);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    ASSERT_TRUE(accounts::add_account(*store_, {"owner@example.com", "Olga Owner", content::Role::admin, kPassword}).ok());
    ASSERT_TRUE(accounts::add_account(*store_, {"eddie@example.com", "Eddie Editor", content::Role::editor, kPassword}).ok());
    server_ = std::make_unique<ServerProcess>(data_.path(), std::vector<std::string>{});
  }

  TempDir data_{"staff"};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(NewsroomStaff, AnAdminAddsAJournalistWhoCanThenSignIn) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  ASSERT_EQ(owner.get("/newsroom/staff/").status, 200);
  const HttpResponse added = owner.post("/newsroom/staff/",
                                        "name=Jana+Journalist&email=jana%40example.com&role=author&password=" +
                                            http::url_encode("her first password"));
  EXPECT_EQ(added.status, 200);
  EXPECT_NE(visible_text(added.body).find("Added Jana Journalist as author."), std::string::npos);
  StaffClient jana(server_->port(), "jana@example.com", "her first password");
  EXPECT_TRUE(jana.signed_in());
  EXPECT_EQ(jana.get("/newsroom/").status, 200);
}

TEST_F(NewsroomStaff, AnEditorMayNotManagePeople) {
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  EXPECT_EQ(eddie.get("/newsroom/staff/").status, 403);
  EXPECT_EQ(eddie.post("/newsroom/staff/", "name=Sneaky&email=s%40example.com&role=admin&password=" +
                                               http::url_encode(kPassword)).status,
            403);
  const auto owner = **store_->user_by_email("owner@example.com");
  EXPECT_EQ(eddie.post("/newsroom/staff/" + std::to_string(owner.id) + "/role/", "role=contributor").status, 403);
  const auto self = **store_->user_by_email("eddie@example.com");
  EXPECT_EQ(eddie.post("/newsroom/staff/" + std::to_string(self.id) + "/role/", "role=admin").status, 403);
  EXPECT_EQ((**store_->user_by_email("eddie@example.com")).role, content::Role::editor);
  EXPECT_FALSE(store_->user_by_email("s@example.com")->has_value());
  EXPECT_EQ(eddie.get("/newsroom/").body.find("/newsroom/staff/"), std::string::npos) << "no Staff link";
}

TEST_F(NewsroomStaff, AnAdminChangesRolesButNeverDemotesTheLastAdmin) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  const auto eddie = **store_->user_by_email("eddie@example.com");
  EXPECT_EQ(owner.post("/newsroom/staff/" + std::to_string(eddie.id) + "/role/", "role=author").status, 200);
  EXPECT_EQ((**store_->user_by_email("eddie@example.com")).role, content::Role::author);

  const auto self = **store_->user_by_email("owner@example.com");
  const HttpResponse refused = owner.post("/newsroom/staff/" + std::to_string(self.id) + "/role/", "role=editor");
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(visible_text(refused.body).find("only admin"), std::string::npos);
  EXPECT_EQ(owner.post_with_token("/newsroom/staff/" + std::to_string(eddie.id) + "/role/", "forged",
                                  "role=admin").status,
            403);
}

TEST_F(NewsroomStaff, AddingSomeoneTwiceOrWithAWeakPasswordIsRefusedKeepingTheForm) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  const HttpResponse taken = owner.post("/newsroom/staff/", "name=Eddie+Again&email=eddie%40example.com&role=author&password=" +
                                                               http::url_encode(kPassword));
  EXPECT_EQ(taken.status, 409);
  EXPECT_NE(taken.body.find("value=\"Eddie Again\""), std::string::npos);
  EXPECT_EQ(owner.post("/newsroom/staff/", "name=Weak&email=weak%40example.com&role=author&password=short").status, 400);
}

TEST_F(NewsroomStaff, AnAdminChangesTheSiteSettingsLive) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  const HttpResponse page = owner.get("/newsroom/settings/");
  ASSERT_EQ(page.status, 200);
  const std::string url = first_match(page.body, R"re(id="url" name="url" type="url" required value="([^"]+)")re");
  const HttpResponse saved = owner.post(
      "/newsroom/settings/",
      "title=The+Tehran+Ledger&description=Daily+news&url=" + http::url_encode(url) +
          "&logo=&locale=en&time_zone=Asia%2FTehran&excerpt=20+words"
          "&navigation=" + http::url_encode("About us | /about/\n") +
          "&social=" + http::url_encode("X | https://x.com/ledger\nTelegram | https://t.me/ledger\n"));
  ASSERT_EQ(saved.status, 200) << visible_text(saved.body);
  const std::string home = http_get(server_->port(), "/").body;
  EXPECT_NE(home.find("<title>The Tehran Ledger</title>"), std::string::npos);
  EXPECT_NE(home.find("href=\"https://x.com/ledger\""), std::string::npos);
  EXPECT_NE(home.find("href=\"/about/\""), std::string::npos);
  EXPECT_EQ(**store_->setting("time_zone"), "Asia/Tehran");
}

TEST_F(NewsroomStaff, RefusesSettingsPagesCannotUseKeepingWhatWasTyped) {
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  const HttpResponse refused = owner.post(
      "/newsroom/settings/",
      "title=Mars+Daily&description=&url=http%3A%2F%2F127.0.0.1&logo=&locale=en&time_zone=Mars%2FOlympus"
      "&excerpt=100+characters&navigation=&social=");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(visible_text(refused.body).find("The time zone Mars/Olympus is not known"), std::string::npos);
  EXPECT_NE(refused.body.find("value=\"Mars Daily\""), std::string::npos);
  EXPECT_EQ(http_get(server_->port(), "/").body.find("Mars Daily"), std::string::npos);
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  EXPECT_EQ(eddie.get("/newsroom/settings/").status, 403);
  EXPECT_EQ(eddie.post("/newsroom/settings/", "title=Hijacked&url=http%3A%2F%2Fx.example&locale=en&time_zone=UTC&excerpt=15+words").status,
            403);
}

TEST_F(NewsroomStaff, AnEditorAddsAndRenamesSections) {
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_EQ(eddie.get("/newsroom/sections/").status, 200);
  const HttpResponse added = eddie.post("/newsroom/sections/", "kind=section&name=Sport&description=Games+and+players");
  EXPECT_EQ(added.status, 200);
  EXPECT_EQ(http_get(server_->port(), "/section/sport/").status, 200);
  EXPECT_NE(http_get(server_->port(), "/").body.find("href=\"/section/sport/\""), std::string::npos);
  EXPECT_EQ(eddie.post("/newsroom/sections/", "kind=section&name=Sport").status, 409);

  const auto sport = **store_->section_by_slug("sport");
  EXPECT_EQ(eddie.post("/newsroom/sections/section/" + std::to_string(sport.id) + "/", "name=Sports&description=").status, 200);
  EXPECT_EQ((**store_->section_by_slug("sport")).name, "Sports") << "renamed, same address";
  EXPECT_EQ(eddie.post("/newsroom/sections/section/999999/", "name=Nothing").status, 404);
  EXPECT_EQ(eddie.post("/newsroom/sections/", "kind=tag&name=Water").status, 200);
  EXPECT_TRUE(store_->tag_by_slug("water")->has_value());
}

TEST_F(NewsroomStaff, SectionsFormATreeThatTheirPagesShowInTheBreadcrumb) {
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_EQ(eddie.post("/newsroom/sections/", "kind=section&name=World").status, 200);
  const auto world = **store_->section_by_slug("world");
  ASSERT_EQ(eddie.post("/newsroom/sections/", "kind=section&name=Europe&parent=" + std::to_string(world.id)).status, 200);
  const auto europe = **store_->section_by_slug("europe");
  EXPECT_EQ(europe.parent_id, world.id);
  ASSERT_EQ(eddie.post("/newsroom/sections/", "kind=section&name=France&parent=" + std::to_string(europe.id)).status, 200);

  const HttpResponse france = http_get(server_->port(), "/section/france/");
  ASSERT_EQ(france.status, 200);
  const auto crumbs = france.body.find("aria-label=\"Breadcrumb\"");
  ASSERT_NE(crumbs, std::string::npos);
  const auto to_world = france.body.find("href=\"/section/world/\"", crumbs);
  const auto to_europe = france.body.find("href=\"/section/europe/\"", crumbs);
  ASSERT_NE(to_world, std::string::npos);
  ASSERT_NE(to_europe, std::string::npos);
  EXPECT_LT(to_world, to_europe) << "the outermost section comes first";
  EXPECT_NE(france.body.find("aria-current=\"page\">France</li>", to_europe), std::string::npos);

  // The tree stays a tree: World cannot become part of France, inside it.
  const HttpResponse loop = eddie.post("/newsroom/sections/section/" + std::to_string(world.id) + "/",
                                       "name=World&parent=" + std::to_string((**store_->section_by_slug("france")).id));
  EXPECT_EQ(loop.status, 400);
  EXPECT_EQ((**store_->section_by_slug("world")).parent_id, 0);
  EXPECT_EQ(eddie.post("/newsroom/sections/section/" + std::to_string(world.id) + "/",
                       "name=World&parent=" + std::to_string(world.id)).status, 400);
  EXPECT_EQ(eddie.post("/newsroom/sections/", "kind=section&name=Asia&parent=999999").status, 400);
  EXPECT_FALSE(store_->section_by_slug("asia")->has_value());
  // Taken out of the tree again, Europe's page has only the front page before it.
  ASSERT_EQ(eddie.post("/newsroom/sections/section/" + std::to_string(europe.id) + "/", "name=Europe&parent=0").status, 200);
  EXPECT_EQ((**store_->section_by_slug("europe")).parent_id, 0);
  const HttpResponse alone = http_get(server_->port(), "/section/europe/");
  EXPECT_EQ(alone.body.find("href=\"/section/world/\"", alone.body.find("aria-label=\"Breadcrumb\"")), std::string::npos);
}

TEST_F(NewsroomStaff, AnAuthorMayNotManageSections) {
  ASSERT_TRUE(accounts::add_account(*store_, {"arash@example.com", "Arash Author", content::Role::author, kPassword}).ok());
  StaffClient arash(server_->port(), "arash@example.com", kPassword);
  EXPECT_EQ(arash.get("/newsroom/sections/").status, 403);
  EXPECT_EQ(arash.post("/newsroom/sections/", "kind=section&name=Gossip").status, 403);
  EXPECT_FALSE(store_->section_by_slug("gossip")->has_value());
}

TEST_F(NewsroomStaff, TheAuditLogTellsAdminsWhoDidWhat) {
  StaffClient wrong(server_->port(), "eddie@example.com", "not the password");
  EXPECT_FALSE(wrong.signed_in());
  StaffClient eddie(server_->port(), "eddie@example.com", kPassword);
  ASSERT_EQ(eddie.post("/newsroom/posts/new/", "title=Audited+story&body=x&intent=publish").status, 303);
  StaffClient owner(server_->port(), "owner@example.com", kPassword);
  owner.post("/newsroom/staff/",
             "name=Jana+Journalist&email=jana%40example.com&role=author&password=" + http::url_encode(kPassword));

  const HttpResponse log = owner.get("/newsroom/audit/");
  ASSERT_EQ(log.status, 200);
  const std::string text = visible_text(log.body);
  for (const std::string line :
       {"owner@example.com added a person: jana@example.com as author",
        "eddie@example.com published: Audited story", "eddie@example.com signed in",
        "eddie@example.com sign-in refused"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  }
  EXPECT_EQ(eddie.get("/newsroom/audit/").status, 403);
}

}  // namespace
}  // namespace byline::testing
