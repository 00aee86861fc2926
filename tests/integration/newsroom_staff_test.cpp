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
