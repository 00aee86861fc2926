// Writing and publishing through the newsroom over real HTTP: roles are
// enforced on the server, stale saves are refused, scheduled posts go out on
// time, also across a restart.
#include "byline_process.hpp"
#include "newsroom_client.hpp"

#include "accounts/accounts.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <map>

#include <regex>
#include <thread>

namespace byline::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPassword = "a long enough secret";

class NewsroomEditor : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::SqliteStore::open(data_.path() / "byline.db", 1);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    for (const auto& [email, name, role] :
         std::vector<std::tuple<std::string, std::string, content::Role>>{
             {"carla@example.com", "Carla Contributor", content::Role::contributor},
             {"arash@example.com", "Arash Author", content::Role::author},
             {"eddie@example.com", "Eddie Editor", content::Role::editor}}) {
      ASSERT_TRUE(accounts::add_account(*store_, {email, name, role, kPassword}).ok());
    }
    start();
  }

  void start() {
    server_ = std::make_unique<ServerProcess>(data_.path(), std::vector<std::string>{});
  }
  unsigned short port() const { return server_->port(); }

  StaffClient sign_in(const std::string& email) {
    StaffClient staff(port(), email, kPassword);
    EXPECT_TRUE(staff.signed_in()) << email;
    return staff;
  }

  HttpResponse get(const std::string& path, const StaffClient& staff) { return staff.get(path); }
  HttpResponse post(const std::string& path, const StaffClient& staff, const std::string& fields) {
    return staff.post(path, fields);
  }

  // Creates a post; returns its editor path ("/newsroom/posts/7/").
  std::string create(const StaffClient& staff, const std::string& title,
                     const std::string& intent) {
    const HttpResponse answer = post(
        "/newsroom/posts/new/", staff,
        "title=" + http::url_encode(title) + "&body=%3Cp%3EStory+text.%3C%2Fp%3E&intent=" + intent);
    EXPECT_EQ(answer.status, 303) << visible_text(answer.body);
    const std::string location = answer.header("location");
    return location.substr(0, location.find('?'));
  }

  std::string revision_of(const std::string& editor_path, const StaffClient& staff) {
    return first_match(get(editor_path, staff).body, R"re(name="revision" value="(\d+)")re");
  }

  TempDir data_{"editor"};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(NewsroomEditor, AContributorsStoryIsReviewedAndPublishedByAnEditor) {
  const StaffClient carla = sign_in("carla@example.com");
  const std::string path = create(carla, "Talks resume in Vienna", "submit");
  ASSERT_FALSE(path.empty());
  EXPECT_EQ(http_get(port(), "/talks-resume-in-vienna/").status, 404) << "in review: not public";

  const StaffClient eddie = sign_in("eddie@example.com");
  const HttpResponse published =
      post(path, eddie,
           "revision=" + revision_of(path, eddie) +
               "&title=Talks+resume+in+Vienna&body=%3Cp%3EStory+text.%3C%2Fp%3E"
               "&author=" +
               first_match(get(path, eddie).body, R"re(<option value="(\d+)" selected>Carla)re") +
               "&intent=publish");
  EXPECT_EQ(published.status, 303) << visible_text(published.body);
  const HttpResponse live = http_get(port(), "/talks-resume-in-vienna/");
  ASSERT_EQ(live.status, 200);
  EXPECT_NE(visible_text(live.body).find("Published by Carla Contributor"), std::string::npos);
  EXPECT_NE(visible_text(http_get(port(), "/").body).find("Talks resume in Vienna"),
            std::string::npos);
}

TEST_F(NewsroomEditor, AContributorCannotPublishOverHttp) {
  const StaffClient carla = sign_in("carla@example.com");
  const HttpResponse refused =
      post("/newsroom/posts/new/", carla, "title=Straight+out&body=x&intent=publish");
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(visible_text(refused.body).find("You may not publish this post"), std::string::npos);
  EXPECT_NE(refused.body.find("Straight out"), std::string::npos) << "what was typed is kept";
  EXPECT_EQ(http_get(port(), "/straight-out/").status, 404);

  const std::string path = create(carla, "Own draft", "save");
  const HttpResponse publish =
      post(path, carla,
           "revision=" + revision_of(path, carla) + "&title=Own+draft&body=x&intent=publish");
  EXPECT_EQ(publish.status, 403);
  EXPECT_EQ(http_get(port(), "/own-draft/").status, 404);
  // The editor does not even offer the button.
  EXPECT_EQ(get(path, carla).body.find("value=\"publish\""), std::string::npos);
}

TEST_F(NewsroomEditor, AnAuthorCannotTouchSomeoneElsesPost) {
  const StaffClient carla = sign_in("carla@example.com");
  const std::string path = create(carla, "Carla's story", "submit");
  const StaffClient arash = sign_in("arash@example.com");
  // Arash may not even open it (it is not published), so the revision is
  // read as Carla sees it.
  const HttpResponse refused = post(
      path, arash, "revision=" + revision_of(path, carla) + "&title=Taken+over&body=x&intent=save");
  EXPECT_EQ(refused.status, 403);
  const HttpResponse publish =
      post(path, arash,
           "revision=" + revision_of(path, carla) + "&title=Carla%27s+story&body=x&intent=publish");
  EXPECT_EQ(publish.status, 403);
}

TEST_F(NewsroomEditor, RefusesASecondSaveFromAStaleEditorWithoutLosingIt) {
  const StaffClient eddie = sign_in("eddie@example.com");
  const std::string path = create(eddie, "Shared story", "save");
  const std::string opened_at = revision_of(path, eddie);
  EXPECT_EQ(
      post(path, eddie, "revision=" + opened_at + "&title=First+save&body=one&intent=save").status,
      303);
  const HttpResponse second =
      post(path, eddie, "revision=" + opened_at + "&title=Second+save&body=two+words&intent=save");
  EXPECT_EQ(second.status, 409);
  EXPECT_NE(visible_text(second.body).find("Someone else saved this post"), std::string::npos);
  EXPECT_NE(second.body.find("value=\"Second save\""), std::string::npos)
      << "the refused text is still there";
  EXPECT_NE(second.body.find("two words"), std::string::npos);
  EXPECT_NE(get(path, eddie).body.find("value=\"First save\""), std::string::npos);
}

TEST_F(NewsroomEditor, RefusesASaveWithoutTheCsrfToken) {
  const StaffClient eddie = sign_in("eddie@example.com");
  const std::string path = create(eddie, "Guarded", "save");
  EXPECT_EQ(eddie.post_with_token(path, "forged", "revision=1&title=Defaced&body=x&intent=publish")
                .status,
            403);
  EXPECT_EQ(
      eddie.post_with_token("/newsroom/posts/new/", "", "title=Spam&body=x&intent=save").status,
      403);
  EXPECT_NE(get(path, eddie).body.find("value=\"Guarded\""), std::string::npos);
}

// A story of several hundred kilobytes goes through the check made on a
// large request's header alone; the form's token is checked once it is read.
TEST_F(NewsroomEditor, ALongStorySavesAndAForgedTokenOnOneIsStillRefused) {
  const StaffClient eddie = sign_in("eddie@example.com");
  const std::string path = create(eddie, "Long read", "save");
  std::string story;
  while (story.size() < 300 * 1024)
    story += "<p>Paragraph " + std::to_string(story.size()) + ".</p>";
  const std::string fields = "revision=" + revision_of(path, eddie) +
                             "&title=Long+read&intent=save&body=" + http::url_encode(story);
  EXPECT_EQ(eddie.post_with_token(path, "forged", fields).status, 403);
  EXPECT_EQ(post(path, eddie, fields).status, 303);
  EXPECT_NE(get(path, eddie).body.find("Paragraph 300"), std::string::npos);
}

TEST_F(NewsroomEditor, PreviewsDraftsForStaffOnly) {
  const StaffClient arash = sign_in("arash@example.com");
  const std::string path = create(arash, "Secret draft", "save");
  const HttpResponse preview = get(path + "preview/", arash);
  ASSERT_EQ(preview.status, 200);
  EXPECT_NE(visible_text(preview.body).find("Secret draft"), std::string::npos);
  EXPECT_EQ(preview.header("cache-control"), "private, no-store");
  EXPECT_EQ(http_get(port(), path + "preview/").status, 303) << "signed out: to sign-in";
  EXPECT_EQ(http_get(port(), "/secret-draft/").status, 404);
}

TEST_F(NewsroomEditor, RestoresAnEarlierRevision) {
  const StaffClient eddie = sign_in("eddie@example.com");
  const std::string path = create(eddie, "Original headline", "save");
  post(path, eddie,
       "revision=" + revision_of(path, eddie) + "&title=Worse+headline&body=x&intent=save");
  const HttpResponse revisions = get(path + "revisions/", eddie);
  ASSERT_EQ(revisions.status, 200);
  EXPECT_NE(visible_text(revisions.body).find("Original headline"), std::string::npos);
  const HttpResponse compare = get(path + "revisions/1/", eddie);
  ASSERT_EQ(compare.status, 200);
  EXPECT_NE(visible_text(compare.body).find("Headline: Original headline → Worse headline"),
            std::string::npos);
  EXPECT_NE(visible_text(compare.body).find("Removed Story text."), std::string::npos)
      << visible_text(compare.body);
  EXPECT_NE(visible_text(compare.body).find("Added x"), std::string::npos);
  const HttpResponse restored =
      post(path + "revisions/1/restore/", eddie, "revision=" + revision_of(path, eddie));
  EXPECT_EQ(restored.status, 303);
  EXPECT_NE(get(path, eddie).body.find("value=\"Original headline\""), std::string::npos);
}

TEST_F(NewsroomEditor, PublishesAScheduledPostOnTimeAcrossARestart) {
  const StaffClient arash = sign_in("arash@example.com");
  // Two seconds ahead, in the site's zone (UTC: the test site sets none).
  const Time due = now_utc() + 2s;
  const std::string local = iso8601(due).substr(0, 19);
  ASSERT_EQ(
      post("/newsroom/posts/new/", arash,
           "title=Embargoed+story&body=x&intent=schedule&publish_at=" + http::url_encode(local))
          .status,
      303);
  EXPECT_EQ(http_get(port(), "/embargoed-story/").status, 404);

  ASSERT_EQ(server_->stop(), 0);
  ASSERT_EQ((**store_->post_by_slug("embargoed-story")).status, content::PostStatus::scheduled);
  // Byline is down when the time comes; it must catch up when it starts.
  while (now_utc() <= due) std::this_thread::sleep_for(100ms);
  start();
  EXPECT_EQ(http_get(port(), "/embargoed-story/").status, 200);
  EXPECT_NE(server_->output().find("on schedule"), std::string::npos);
}

TEST_F(NewsroomEditor, PublishesAScheduledPostWhileRunning) {
  const StaffClient arash = sign_in("arash@example.com");
  const Time due = now_utc() + 2s;
  ASSERT_EQ(post("/newsroom/posts/new/", arash,
                 "title=Timed+story&body=x&intent=schedule&publish_at=" +
                     http::url_encode(iso8601(due).substr(0, 19)))
                .status,
            303);
  EXPECT_EQ(http_get(port(), "/timed-story/").status, 404);
  // The scheduler looks every second; give it a few.
  int status = 404;
  for (int tries = 0; tries < 50 && status != 200; ++tries) {
    std::this_thread::sleep_for(200ms);
    status = http_get(port(), "/timed-story/").status;
  }
  EXPECT_EQ(status, 200);
}

TEST_F(NewsroomEditor, AnEditorsPickLeadsTheFrontPageWithItsImage) {
  const StaffClient arash = sign_in("arash@example.com");
  const std::string older = create(arash, "Older pick", "publish");
  create(arash, "Newest story", "publish");
  // An author may not feature, even their own post.
  EXPECT_EQ(post(older, arash,
                 "revision=" + revision_of(older, arash) +
                     "&title=Older+pick&body=x&featured_shown=1&featured=1&intent=save")
                .status,
            403);
  const StaffClient eddie = sign_in("eddie@example.com");
  const std::string author_id =
      first_match(get(older, eddie).body, R"re(<option value="(\d+)" selected>Arash)re");
  const HttpResponse featured = post(
      older, eddie,
      "revision=" + revision_of(older, eddie) + "&title=Older+pick&body=x&author=" + author_id +
          "&featured_shown=1&featured=1&featured_image=%2Fmedia%2F2026%2F11%2Fpick-800.webp"
          "&featured_image_alt=Delegates&featured_image_caption=The+summit+table"
          "&seo_title=Pick+for+search&seo_description=What+search+engines+show&intent=save");
  ASSERT_EQ(featured.status, 303) << visible_text(featured.body);

  const std::string home = visible_text(http_get(port(), "/").body);
  EXPECT_LT(home.find("Editors’ pick Older pick"), home.find("Newest story")) << home;
  const std::string article = http_get(port(), "/older-pick/").body;
  EXPECT_NE(article.find("<title>Pick for search – "), std::string::npos);
  EXPECT_NE(article.find("<meta name=\"description\" content=\"What search engines show\">"),
            std::string::npos);
  // No such file: the image is shown without a srcset or a size.
  EXPECT_NE(article.find("<img src=\"/media/2026/11/pick-800.webp\" alt=\"Delegates\" "
                         "fetchpriority=\"high\">"),
            std::string::npos);
  EXPECT_NE(visible_text(article).find("The summit table"), std::string::npos);

  const HttpResponse bad_image = post(older, eddie,
                                      "revision=" + revision_of(older, eddie) +
                                          "&title=Older+pick&body=x&author=" + author_id +
                                          "&featured_image=javascript%3Aalert(1)&intent=save");
  EXPECT_EQ(bad_image.status, 400);
}

TEST_F(NewsroomEditor, WithAnEditorsPickEveryStoryIsOnExactlyOnePageOfTheFrontPage) {
  const StaffClient eddie = sign_in("eddie@example.com");
  std::vector<std::string> editors;
  for (int i = 1; i <= 23; ++i)
    editors.push_back(create(eddie, "Story " + std::to_string(i), "publish"));
  // The pick is neither the newest nor on the first page by its date.
  const std::string pick = editors[4];
  const HttpResponse featured =
      post(pick, eddie,
           "revision=" + revision_of(pick, eddie) +
               "&title=Story+5&body=x&featured_shown=1&featured=1&intent=save");
  ASSERT_EQ(featured.status, 303) << visible_text(featured.body);

  std::map<std::string, int> shown;
  const std::regex card(R"re(<h2 class="card-title"[^>]*><a href="(/story-\d+/)")re");
  for (const std::string page : {"/", "/page/2/", "/page/3/"}) {
    const std::string body = http_get(port(), page).body;
    for (auto at = std::sregex_iterator(body.begin(), body.end(), card);
         at != std::sregex_iterator(); ++at) {
      ++shown[(*at)[1].str()];
    }
  }
  EXPECT_EQ(shown.size(), 23u);
  for (const auto& [story, times] : shown) EXPECT_EQ(times, 1) << story;
  EXPECT_EQ(http_get(port(), "/page/4/").status, 404) << "11 on the first page, 10, then 2";
  EXPECT_EQ(http_get(port(), "/page/2/").body.find("Editors’ pick"), std::string::npos)
      << "the pick leads the first page only";
}

TEST_F(NewsroomEditor, AContributorPublishingIsToldTheyMayNotBeforeAnythingAboutAltText) {
  const StaffClient carla = sign_in("carla@example.com");
  const std::string image = "&featured_image=%2Fmedia%2F2026%2F12%2Fdam-1200.webp";
  const HttpResponse created =
      post("/newsroom/posts/new/", carla, "title=Dam+opens&body=x" + image + "&intent=publish");
  EXPECT_EQ(created.status, 403) << visible_text(created.body);
  EXPECT_EQ(visible_text(created.body).find("alt text."), std::string::npos);

  const std::string draft = create(carla, "Dam opens", "save");
  const HttpResponse saved = post(draft, carla,
                                  "revision=" + revision_of(draft, carla) +
                                      "&title=Dam+opens&body=x" + image + "&intent=publish");
  EXPECT_EQ(saved.status, 403) << visible_text(saved.body);
  EXPECT_EQ(visible_text(saved.body).find("alt text."), std::string::npos);
  EXPECT_EQ(get(draft, carla).status, 200) << "the draft is still there";
}

TEST_F(NewsroomEditor, AStoryGoesPublicOnlyWithAltTextOnItsFeaturedImageAndTheRestIsFlagged) {
  const StaffClient eddie = sign_in("eddie@example.com");
  const std::string body =
      "&body=" + http::url_encode(
                     "<p>Text.</p><figure><img src=\"/media/2026/12/chart-800.webp\">"
                     "</figure><p><img src=\"/media/2026/12/map-800.webp\" alt=\"A map of the "
                     "basin\"></p>");
  const std::string image = "&featured_image=%2Fmedia%2F2026%2F12%2Fdam-1200.webp";
  const std::string flagged =
      "No alt text for the featured image and the image chart-800.webp in the story.";

  // Refused before anything is written, with what was typed kept.
  const HttpResponse refused =
      post("/newsroom/posts/new/", eddie, "title=Dam+opens" + body + image + "&intent=publish");
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(visible_text(refused.body).find("The featured image has no alt text."),
            std::string::npos)
      << visible_text(refused.body);
  EXPECT_NE(refused.body.find("value=\"Dam opens\""), std::string::npos);
  EXPECT_EQ(http_get(port(), "/dam-opens/").status, 404);
  EXPECT_EQ(get("/newsroom/posts/", eddie).body.find("Dam opens"), std::string::npos);

  // A draft saves, and the editor flags every image without alt text.
  const HttpResponse saved =
      post("/newsroom/posts/new/", eddie, "title=Dam+opens" + body + image + "&intent=save");
  ASSERT_EQ(saved.status, 303) << visible_text(saved.body);
  const std::string path = saved.header("location").substr(0, saved.header("location").find('?'));
  const HttpResponse draft = get(path, eddie);
  EXPECT_NE(visible_text(draft.body).find(flagged), std::string::npos) << visible_text(draft.body);
  EXPECT_NE(draft.body.find("aria-describedby=\"alt-text-warning\""), std::string::npos);

  // Scheduling is going public too, and blank alt text is none.
  EXPECT_EQ(post(path, eddie,
                 "revision=" + revision_of(path, eddie) + "&title=Dam+opens" + body + image +
                     "&featured_image_alt=+&publish_at=2099-01-01T09:00:00&intent=schedule")
                .status,
            400);

  // With its featured image described it publishes; the image in the
  // story is still flagged, and once described the flag goes.
  const HttpResponse published =
      post(path, eddie,
           "revision=" + revision_of(path, eddie) + "&title=Dam+opens" + body + image +
               "&featured_image_alt=The+dam+at+dawn&intent=publish");
  ASSERT_EQ(published.status, 303) << visible_text(published.body);
  EXPECT_EQ(http_get(port(), "/dam-opens/").status, 200);
  EXPECT_NE(visible_text(get(path, eddie).body)
                .find("No alt text for the image chart-800.webp in the story."),
            std::string::npos);
  const std::string described =
      "&body=" + http::url_encode(
                     "<p>Text.</p><figure><img src=\"/media/2026/12/chart-800.webp\" "
                     "alt=\"Water levels since 2020\"></figure>");
  const HttpResponse fixed =
      post(path, eddie,
           "revision=" + revision_of(path, eddie) + "&title=Dam+opens&slug=dam-opens" + described +
               image + "&featured_image_alt=The+dam+at+dawn&intent=save");
  ASSERT_EQ(fixed.status, 303) << visible_text(fixed.body);
  EXPECT_EQ(get(path, eddie).body.find("alt-text-warning"), std::string::npos);
}

TEST_F(NewsroomEditor, AChangedSlugAfterPublishingLeavesARedirect) {
  const StaffClient arash = sign_in("arash@example.com");
  const std::string path = create(arash, "Early headline", "publish");
  ASSERT_EQ(http_get(port(), "/early-headline/").status, 200);
  ASSERT_EQ(post(path, arash,
                 "revision=" + revision_of(path, arash) +
                     "&title=Better+headline&slug=better-headline&body=x&intent=save")
                .status,
            303);
  const HttpResponse old_address = http_get(port(), "/early-headline/");
  EXPECT_EQ(old_address.status, 301);
  EXPECT_EQ(old_address.header("location"), "/better-headline/");
  EXPECT_EQ(http_get(port(), "/better-headline/").status, 200);

  // A draft's slug changes freely: nobody has linked to it.
  const std::string draft = create(arash, "Draft title", "save");
  post(draft, arash,
       "revision=" + revision_of(draft, arash) +
           "&title=Draft+title&slug=renamed-draft&body=x&intent=save");
  EXPECT_EQ(http_get(port(), "/draft-title/").status, 404);
}

TEST_F(NewsroomEditor, AutosavesDraftsOnly) {
  const StaffClient arash = sign_in("arash@example.com");
  const HttpResponse first =
      post("/newsroom/posts/new/autosave/", arash, "title=Work+in+progress&body=one");
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("content-type"), "application/json");
  const std::string path = first_match(first.body, R"re("edit_url":"([^"]+)")re");
  ASSERT_FALSE(path.empty());
  EXPECT_EQ(first_match(first.body, R"re("revision":(\d+))re"), "1");

  const HttpResponse second =
      post(path + "autosave/", arash, "revision=1&title=Work+in+progress&body=one+two");
  ASSERT_EQ(second.status, 200) << second.body;
  EXPECT_EQ(first_match(second.body, R"re("revision":(\d+))re"), "2");
  EXPECT_EQ(post(path + "autosave/", arash, "revision=1&title=Stale&body=x").status, 409);
  EXPECT_EQ(arash.post_with_token(path + "autosave/", "forged", "revision=2&title=x&body=x").status,
            403);

  ASSERT_EQ(post(path, arash, "revision=2&title=Work+in+progress&body=final&intent=publish").status,
            303);
  const HttpResponse published =
      post(path + "autosave/", arash, "revision=3&title=Changed+live&body=x");
  EXPECT_EQ(published.status, 409);
  EXPECT_NE(published.body.find("Only drafts are saved automatically"), std::string::npos);
  EXPECT_NE(visible_text(http_get(port(), "/work-in-progress/").body).find("final"),
            std::string::npos);
}

}  // namespace
}  // namespace byline::testing
