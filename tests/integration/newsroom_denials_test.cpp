// Every refusal by role, over real HTTP: what each role may not do is
// answered 403 by the server and changes nothing, whatever the page showed.
#include "byline_process.hpp"
#include "newsroom_client.hpp"

#include "accounts/accounts.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

namespace byline::testing {
namespace {

constexpr const char* kPassword = "a long enough secret";

class NewsroomDenials : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir("denials");
    auto opened = store::sqlite::SqliteStore::open(data_->path() / "byline.db", 1);
    ASSERT_TRUE(opened.ok());
    store_ = opened->release();
    for (const auto& [email, role] : std::vector<std::pair<std::string, content::Role>>{
             {"carla@example.com", content::Role::contributor},
             {"arash@example.com", content::Role::author},
             {"eddie@example.com", content::Role::editor},
             {"olga@example.com", content::Role::admin}}) {
      ASSERT_TRUE(
          accounts::add_account(*store_, {email, email.substr(0, email.find('@')), role, kPassword})
              .ok());
    }
    server_ = new ServerProcess(data_->path(), {});
    carla_ = new StaffClient(server_->port(), "carla@example.com", kPassword);
    arash_ = new StaffClient(server_->port(), "arash@example.com", kPassword);
    eddie_ = new StaffClient(server_->port(), "eddie@example.com", kPassword);
    olga_ = new StaffClient(server_->port(), "olga@example.com", kPassword);
    // Posts to be refused on: Carla's draft and her post in review, Arash's
    // published post, and Eddie's published post.
    carla_draft_ = create(*carla_, "Carla draft", "save");
    carla_review_ = create(*carla_, "Carla in review", "submit");
    arash_live_ = create(*arash_, "Arash live", "publish");
    eddie_live_ = create(*eddie_, "Eddie live", "publish");
    eddie_draft_ = create(*eddie_, "Eddie secret draft", "save");
  }
  static void TearDownTestSuite() {
    for (StaffClient* client : {carla_, arash_, eddie_, olga_}) delete client;
    delete server_;
    delete store_;
    delete data_;
  }

  static std::string create(const StaffClient& who, const std::string& title,
                            const std::string& intent) {
    const HttpResponse answer = who.post(
        "/newsroom/posts/new/", "title=" + http::url_encode(title) + "&body=x&intent=" + intent);
    EXPECT_EQ(answer.status, 303) << title;
    const std::string location = answer.header("location");
    return location.substr(0, location.find('?'));
  }

  // The post's current revision, read by the admin (anyone may open a post;
  // the refusals come on saving).
  static std::string revision(const std::string& path) {
    return first_match(olga_->get(path).body, R"re(name="revision" value="(\d+)")re");
  }

  // Saves `path` as `who` with `intent`; expects a refusal that leaves the title.
  static void expect_refused(const StaffClient& who, const std::string& path,
                             const std::string& intent, const std::string& extra = "") {
    const std::string before = first_match(
        olga_->get(path).body,
        R"re(id="title" name="title" class="headline-input" required value="([^"]*)")re");
    EXPECT_FALSE(before.empty()) << "the title was not found on " << path;
    const HttpResponse answer = who.post(
        path, "revision=" + revision(path) + "&title=Changed&body=x&intent=" + intent + extra);
    EXPECT_EQ(answer.status, 403) << path << " " << intent;
    EXPECT_EQ(first_match(
                  olga_->get(path).body,
                  R"re(id="title" name="title" class="headline-input" required value="([^"]*)")re"),
              before);
  }

  static TempDir* data_;
  static store::Store* store_;
  static ServerProcess* server_;
  static StaffClient *carla_, *arash_, *eddie_, *olga_;
  static std::string carla_draft_, carla_review_, arash_live_, eddie_live_, eddie_draft_;
};

TempDir* NewsroomDenials::data_ = nullptr;
store::Store* NewsroomDenials::store_ = nullptr;
ServerProcess* NewsroomDenials::server_ = nullptr;
StaffClient* NewsroomDenials::carla_ = nullptr;
StaffClient* NewsroomDenials::arash_ = nullptr;
StaffClient* NewsroomDenials::eddie_ = nullptr;
StaffClient* NewsroomDenials::olga_ = nullptr;
std::string NewsroomDenials::carla_draft_;
std::string NewsroomDenials::carla_review_;
std::string NewsroomDenials::arash_live_;
std::string NewsroomDenials::eddie_live_;
std::string NewsroomDenials::eddie_draft_;

TEST_F(NewsroomDenials, AContributorMayNotPublishOrScheduleEvenTheirOwn) {
  expect_refused(*carla_, carla_draft_, "publish");
  expect_refused(*carla_, carla_draft_, "schedule", "&publish_at=2099-01-01T10:00");
}

TEST_F(NewsroomDenials, AContributorMayNotChangeAPostOnceSubmitted) {
  expect_refused(*carla_, carla_review_, "save");
}

TEST_F(NewsroomDenials, AContributorMayNotTouchSomeoneElsesPost) {
  expect_refused(*carla_, arash_live_, "save");
  expect_refused(*carla_, arash_live_, "unpublish");
}

TEST_F(NewsroomDenials, AnAuthorMayNotEditPublishOrUnpublishSomeoneElsesPost) {
  expect_refused(*arash_, eddie_live_, "save");
  expect_refused(*arash_, carla_review_, "publish");
  expect_refused(*arash_, eddie_live_, "unpublish");
}

TEST_F(NewsroomDenials, AnAuthorMayNotFeatureAPost) {
  expect_refused(*arash_, arash_live_, "save", "&featured_shown=1&featured=1");
}

TEST_F(NewsroomDenials, ContributorsAndAuthorsMayNotManageSectionsAndTags) {
  for (const StaffClient* who : {carla_, arash_}) {
    EXPECT_EQ(who->get("/newsroom/sections/").status, 403);
    EXPECT_EQ(who->post("/newsroom/sections/", "kind=section&name=Gossip").status, 403);
    EXPECT_EQ(who->post("/newsroom/sections/", "kind=tag&name=Rumours").status, 403);
  }
  EXPECT_FALSE(store_->section_by_slug("gossip")->has_value());
  EXPECT_FALSE(store_->tag_by_slug("rumours")->has_value());
}

TEST_F(NewsroomDenials, OnlyAdminsManagePeopleSettingsAndTheAuditLog) {
  for (const StaffClient* who : {carla_, arash_, eddie_}) {
    EXPECT_EQ(who->get("/newsroom/staff/").status, 403);
    EXPECT_EQ(
        who->post("/newsroom/staff/", "name=Mole&email=mole%40example.com&role=admin&password=" +
                                          http::url_encode(kPassword))
            .status,
        403);
    EXPECT_EQ(who->get("/newsroom/settings/").status, 403);
    EXPECT_EQ(
        who->post(
               "/newsroom/settings/",
               "title=Hijacked&url=http%3A%2F%2Fx.example&locale=en&time_zone=UTC&excerpt=15+words")
            .status,
        403);
    EXPECT_EQ(who->get("/newsroom/audit/").status, 403);
  }
  EXPECT_FALSE(store_->user_by_email("mole@example.com")->has_value());
  const auto title = store_->setting("title");  // unset unless someone saved the settings
  ASSERT_TRUE(title.ok());
  EXPECT_NE(title->value_or(""), "Hijacked");
  EXPECT_EQ(olga_->get("/newsroom/staff/").status, 200);
}

TEST_F(NewsroomDenials, EveryStaffRouteTurnsAwaySomeoneNotSignedIn) {
  const std::string post = carla_draft_;  // "/newsroom/posts/ID/"
  // Pages send them to sign in, and come back after.
  for (const std::string& path :
       {std::string("/newsroom/"), std::string("/newsroom/password/"),
        std::string("/newsroom/staff/"), std::string("/newsroom/audit/"),
        std::string("/newsroom/sections/"), std::string("/newsroom/settings/"),
        std::string("/newsroom/media/"), std::string("/newsroom/posts/new/"), post,
        post + "preview/", post + "revisions/", post + "revisions/1/"}) {
    const HttpResponse answer = http_get(server_->port(), path);
    EXPECT_EQ(answer.status, 303) << path;
    EXPECT_EQ(answer.header("location"), "/newsroom/sign-in/?next=" + http::url_encode(path))
        << path;
    EXPECT_EQ(answer.body.find("Carla draft"), std::string::npos) << path;
  }
  const std::vector<std::pair<std::string, std::string>> form{
      {"Content-Type", "application/x-www-form-urlencoded"}};
  for (const std::string& path :
       {std::string("/newsroom/sign-out/"), std::string("/newsroom/password/"),
        std::string("/newsroom/staff/"), std::string("/newsroom/sections/"),
        std::string("/newsroom/settings/"), std::string("/newsroom/posts/new/"), post,
        post + "revisions/1/restore/"}) {
    const HttpResponse answer = http_request(server_->port(), "POST", path, form,
                                             "title=Defaced&body=x&intent=publish&revision=1");
    EXPECT_EQ(answer.status, 303) << path;
    EXPECT_TRUE(answer.header("location").starts_with("/newsroom/sign-in/")) << path;
  }
  // The editor's scripts get JSON they can show.
  for (const std::string& path :
       {std::string("/newsroom/media/"), std::string("/newsroom/posts/new/autosave/"),
        post + "autosave/"}) {
    const HttpResponse answer =
        http_request(server_->port(), "POST", path, form, "title=Defaced&body=x");
    EXPECT_EQ(answer.status, 401) << path;
    EXPECT_EQ(answer.header("content-type"), "application/json") << path;
  }
  EXPECT_FALSE(store_->post_by_slug("defaced")->has_value());
  // What anyone may open stays open.
  EXPECT_EQ(http_get(server_->port(), "/newsroom/sign-in/").status, 200);
  EXPECT_EQ(http_get(server_->port(), "/newsroom/setup/not-a-token/").status, 410);
}

TEST_F(NewsroomDenials, AChangeWithoutTheSessionsTokenIsRefusedWhateverItCarries) {
  const std::string path = carla_draft_;
  const std::string body = "revision=" + revision(path) + "&title=Forged&body=x&intent=save";
  // No token, a forged one, or a token in a header that is not this session's.
  EXPECT_EQ(carla_->post_with_token(path, "", body).status, 403);
  EXPECT_EQ(carla_->post_with_token(path, "forged", body).status, 403);
  const HttpResponse header_forged =
      http_request(server_->port(), "POST", path,
                   {{"Cookie", carla_->cookie()},
                    {"Content-Type", "application/x-www-form-urlencoded"},
                    {"X-CSRF-Token", "forged"}},
                   body);
  EXPECT_EQ(header_forged.status, 403);
  // Not a form at all.
  const HttpResponse json =
      http_request(server_->port(), "POST", path,
                   {{"Cookie", carla_->cookie()}, {"Content-Type", "application/json"}}, "{}");
  EXPECT_EQ(json.status, 415);
  EXPECT_FALSE(store_->post_by_slug("forged")->has_value());
  // The same person with their token is let in.
  EXPECT_EQ(
      carla_->post(path, "revision=" + revision(path) + "&title=Carla+draft&body=x&intent=save")
          .status,
      303);
}

TEST_F(NewsroomDenials, ContributorsAndAuthorsMayNotReadSomeoneElsesUnpublishedWork) {
  const std::vector<std::pair<const StaffClient*, std::string>> hidden{{arash_, carla_draft_},
                                                                       {arash_, carla_review_},
                                                                       {arash_, eddie_draft_},
                                                                       {carla_, eddie_draft_}};
  for (const auto& [who, path] : hidden) {
    for (const std::string page : {"", "preview/", "revisions/", "revisions/1/"}) {
      const HttpResponse answer = who->get(path + page);
      EXPECT_EQ(answer.status, 404) << path + page;
      EXPECT_EQ(answer.body.find(" draft</"), std::string::npos) << path + page;
      EXPECT_EQ(answer.body.find("Carla in review"), std::string::npos) << path + page;
    }
    const HttpResponse autosave = who->post(path + "autosave/", "revision=1&title=Mine+now&body=x");
    EXPECT_EQ(autosave.status, 404) << path;
    // A refused save shows an error, never the post it was refused on.
    const HttpResponse save = who->post(path, "revision=1&title=Mine+now&body=x&intent=save");
    EXPECT_EQ(save.status, 403) << path;
    EXPECT_EQ(save.body.find("secret draft"), std::string::npos) << path;
    EXPECT_EQ(save.body.find("Carla draft"), std::string::npos) << path;
  }
  // Their own unpublished work and everyone's published work stay open.
  EXPECT_EQ(carla_->get(carla_draft_).status, 200);
  EXPECT_EQ(carla_->get(carla_review_ + "preview/").status, 200);
  EXPECT_EQ(arash_->get(eddie_live_).status, 200);
  EXPECT_EQ(carla_->get(arash_live_ + "revisions/").status, 200);
  for (const StaffClient* who : {eddie_, olga_}) {
    EXPECT_EQ(who->get(carla_draft_ + "preview/").status, 200);
    EXPECT_EQ(who->get(eddie_draft_ + "revisions/").status, 200);
  }
}

TEST_F(NewsroomDenials, ContributorsAndAuthorsListAndSearchOnlyTheirOwnUnpublishedWork) {
  const std::string carla_sees = carla_->get("/newsroom/").body;
  EXPECT_NE(carla_sees.find("Carla draft"), std::string::npos);
  EXPECT_NE(carla_sees.find("Arash live"), std::string::npos);
  EXPECT_EQ(carla_sees.find("Eddie secret draft"), std::string::npos);
  const std::string arash_sees = arash_->get("/newsroom/?q=draft").body;
  EXPECT_EQ(arash_sees.find("Carla draft"), std::string::npos);
  EXPECT_EQ(arash_sees.find("Eddie secret draft"), std::string::npos);
  EXPECT_EQ(arash_->get("/newsroom/?status=review").body.find("Carla in review"),
            std::string::npos);
  EXPECT_EQ(carla_->get("/newsroom/?q=secret").body.find("Eddie secret draft"), std::string::npos);
  for (const StaffClient* who : {eddie_, olga_}) {
    const std::string sees = who->get("/newsroom/?q=draft").body;
    EXPECT_NE(sees.find("Carla draft"), std::string::npos);
    EXPECT_NE(sees.find("Eddie secret draft"), std::string::npos);
  }
}

TEST_F(NewsroomDenials, OnlyTheCanonicalNumberNamesAPost) {
  const std::string number = first_match(eddie_live_, R"re(/newsroom/posts/(\d+)/)re");
  ASSERT_FALSE(number.empty()) << eddie_live_;
  EXPECT_EQ(olga_->get("/newsroom/posts/" + number + "/").status, 200);
  for (const std::string& spelling : {"0" + number, "00" + number, "+" + number, number + "%20"}) {
    EXPECT_EQ(olga_->get("/newsroom/posts/" + spelling + "/").status, 404) << spelling;
    EXPECT_EQ(olga_->get("/newsroom/posts/" + spelling + "/revisions/").status, 404) << spelling;
  }
  const auto carla = store_->user_by_email("carla@example.com");
  ASSERT_TRUE(carla.ok() && carla->has_value());
  EXPECT_NE(olga_->post("/newsroom/staff/0" + std::to_string((*carla)->id) + "/role/", "role=admin")
                .status,
            200);
  EXPECT_EQ((*store_->user_by_email("carla@example.com"))->role, content::Role::contributor);
}

TEST_F(NewsroomDenials, TheEditorStillMayDoWhatTheOthersMayNot) {
  const std::string author =
      first_match(eddie_->get(arash_live_).body, R"re(<option value="(\d+)" selected>arash)re");
  const HttpResponse featured =
      eddie_->post(arash_live_, "revision=" + revision(arash_live_) +
                                    "&title=Arash+live&body=x&author=" + author +
                                    "&featured_shown=1&featured=1&intent=save");
  EXPECT_EQ(featured.status, 303) << visible_text(featured.body);
}

}  // namespace
}  // namespace byline::testing
