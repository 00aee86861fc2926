// Editions through the newsroom, as an outlet sets one up: an admin adds a
// Persian edition in the settings, an editor places sections in it, and a
// Persian story is on the edition's front page by the next request.
#include "byline_process.hpp"
#include "newsroom_client.hpp"

#include "http/percent_encoding.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

namespace byline::testing {
namespace {

constexpr const char* kPassword = "a long enough secret";
constexpr const char* kPersianEdition = "fa | خبرنامه | اخبار به فارسی";

class NewsroomEditions : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(add_staff(data_.path(), "owner@example.com", "Olga Owner", content::Role::admin,
                          kPassword));
    ASSERT_TRUE(add_staff(data_.path(), "eddie@example.com", "Eddie Editor", content::Role::editor,
                          kPassword));
    server_ = std::make_unique<ServerProcess>(data_.path(), std::vector<std::string>{});
    owner_ = std::make_unique<StaffClient>(server_->port(), "owner@example.com", kPassword);
    eddie_ = std::make_unique<StaffClient>(server_->port(), "eddie@example.com", kPassword);
    ASSERT_TRUE(owner_->signed_in());
    ASSERT_TRUE(eddie_->signed_in());
  }

  // The settings form as the settings page fills it, with `editions`.
  HttpResponse save_settings(const StaffClient& who, const std::string& editions) const {
    return who.post("/newsroom/settings/",
                    "title=The+Ledger&description=Daily+news&url=" +
                        http::url_encode("http://127.0.0.1:" + std::to_string(server_->port())) +
                        "&logo=&locale=en&time_zone=UTC&excerpt=20+words&navigation=&social=" +
                        "&editions=" + http::url_encode(editions));
  }

  HttpResponse publish(const std::string& title, const std::string& slug,
                       const std::string& fields) const {
    return eddie_->post("/newsroom/posts/new/",
                        "title=" + http::url_encode(title) + "&slug=" + slug +
                            "&body=%3Cp%3EStory.%3C%2Fp%3E&" + fields + "&intent=publish");
  }

  HttpResponse get(const std::string& path) const { return http_get(server_->port(), path); }

  static bool has(const std::string& text, const std::string& piece) {
    return text.find(piece) != std::string::npos;
  }

  store::sqlite::SqliteStore& store() {
    if (!store_) {
      auto opened = store::sqlite::SqliteStore::open(data_.path() / "byline.db", 1);
      EXPECT_TRUE(opened.ok());
      store_ = std::move(*opened);
    }
    return *store_;
  }

  TempDir data_{"newsroom-editions"};
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<StaffClient> owner_;
  std::unique_ptr<StaffClient> eddie_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
};

TEST_F(NewsroomEditions, AnAdminAddsAnEditionThatReadersFindAtItsAddress) {
  EXPECT_EQ(get("/fa/").status, 404) << "no edition yet";
  ASSERT_EQ(get("/").status, 200);  // kept, before the edition is added
  const HttpResponse saved = save_settings(*owner_, kPersianEdition);
  ASSERT_EQ(saved.status, 200) << visible_text(saved.body);
  EXPECT_TRUE(has(owner_->get("/newsroom/settings/").body, kPersianEdition))
      << "the settings page shows the edition as it was typed";

  const HttpResponse persian = get("/fa/");
  ASSERT_EQ(persian.status, 200);
  EXPECT_TRUE(has(persian.body, "<html lang=\"fa\" dir=\"rtl\">"));
  EXPECT_TRUE(has(persian.body, "<title>خبرنامه</title>"));
  EXPECT_TRUE(has(get("/").body, "href=\"/fa/\" lang=\"fa\" dir=\"rtl\" hreflang=\"fa\""))
      << "the site's own front page links to it";

  // Taken away again, its address is gone by the next request.
  ASSERT_EQ(save_settings(*owner_, "").status, 200);
  EXPECT_EQ(get("/fa/").status, 404);
}

TEST_F(NewsroomEditions, EditionsTheSiteCannotServeAreRefusedAndNothingIsSaved) {
  ASSERT_EQ(save_settings(*owner_, kPersianEdition).status, 200);
  const struct {
    const char* editions;
    const char* message;
  } refused[] = {
      {"en | The Ledger again", "is in the site's own language"},
      {"persian | خبرنامه", "needs a language code of two or three letters"},
      {"tag | Tags", "needs a language code of two or three letters"},
      {"fa | خبرنامه\nfa | دوباره", "is named twice"},
  };
  for (const auto& bad : refused) {
    const HttpResponse answer = save_settings(*owner_, bad.editions);
    EXPECT_EQ(answer.status, 400) << bad.editions;
    EXPECT_TRUE(has(visible_text(answer.body), bad.message)) << visible_text(answer.body);
    EXPECT_EQ(**store().setting("editions"), "fa | خبرنامه | اخبار به فارسی\n")
        << "the edition in force stays";
    EXPECT_EQ(get("/fa/").status, 200) << "and keeps being served";
  }
  // Nor may a story lose its address to an edition.
  ASSERT_EQ(publish("Arabic lessons", "ar", "").status, 303);
  const HttpResponse taken = save_settings(*owner_, std::string(kPersianEdition) + "\nar | الدفتر");
  EXPECT_EQ(taken.status, 400);
  EXPECT_TRUE(has(visible_text(taken.body), "The story Arabic lessons is at /ar/"))
      << visible_text(taken.body);
  EXPECT_TRUE(has(get("/ar/").body, "Arabic lessons")) << "the story keeps its address";
  // Nor may a new story take the edition's.
  const HttpResponse refused_slug = publish("Persian lessons", "fa", "");
  EXPECT_EQ(refused_slug.status, 400);
  EXPECT_TRUE(has(visible_text(refused_slug.body), "the address of an edition's front page"))
      << visible_text(refused_slug.body);
  EXPECT_EQ(publish("FA", "", "").status, 303);
  EXPECT_TRUE(store().post_by_slug("fa-2")->has_value()) << "a slug made from a title moves on";
  // An editor may neither read nor change the settings.
  EXPECT_EQ(eddie_->get("/newsroom/settings/").status, 403);
  EXPECT_EQ(save_settings(*eddie_, "de | Das Blatt").status, 403);
  EXPECT_EQ(get("/de/").status, 404);
}

TEST_F(NewsroomEditions, AnEditorPlacesASectionInAnEdition) {
  ASSERT_EQ(save_settings(*owner_, kPersianEdition).status, 200);
  const HttpResponse form = eddie_->get("/newsroom/sections/");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(has(form.body, "<option value=\"fa\">خبرنامه (فارسی)</option>")) << form.body;

  ASSERT_EQ(
      eddie_
          ->post("/newsroom/sections/", "kind=section&edition=fa&name=" + http::url_encode("ورزش"))
          .status,
      200);
  const auto sport = **store().section_by_slug("ورزش");
  EXPECT_EQ(sport.language, "fa");
  const std::string address = "/fa/section/" + http::url_encode("ورزش") + "/";
  EXPECT_EQ(get(address).status, 200);
  EXPECT_TRUE(has(get("/fa/").body, "href=\"/fa/section/ورزش/\"")) << "in the edition's navigation";
  EXPECT_FALSE(has(get("/").body, "/section/ورزش/")) << "not in the site's own";

  const HttpResponse unknown =
      eddie_->post("/newsroom/sections/", "kind=section&edition=de&name=Sport");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(has(visible_text(unknown.body), "The site has no edition de."));
  EXPECT_FALSE(store().section_by_slug("sport")->has_value());

  // Its feed is under the edition's address too, in the edition's words.
  const HttpResponse feed = get(address + "rss/");
  ASSERT_EQ(feed.status, 200);
  EXPECT_TRUE(has(feed.body, "<title>ورزش – خبرنامه</title>")) << feed.body;
  EXPECT_TRUE(has(feed.body, "<language>fa</language>"));
  const HttpResponse old_feed = get("/section/" + http::url_encode("ورزش") + "/atom.xml");
  EXPECT_EQ(old_feed.status, 301);
  EXPECT_EQ(old_feed.header("location"), address + "atom.xml");
  EXPECT_EQ(get("/xx/section/" + http::url_encode("ورزش") + "/").status, 404) << "no edition xx";

  // The edition cannot be taken away while a section is in it.
  const HttpResponse removed = save_settings(*owner_, "");
  EXPECT_EQ(removed.status, 400);
  EXPECT_TRUE(has(visible_text(removed.body), "The section ورزش is in the edition fa"))
      << visible_text(removed.body);
  EXPECT_EQ(get("/fa/").status, 200);

  // Moved to the site's own edition, its old address sends readers on.
  ASSERT_EQ(eddie_
                ->post("/newsroom/sections/section/" + std::to_string(sport.id) + "/",
                       "name=" + http::url_encode("ورزش") + "&parent=0&edition=")
                .status,
            200);
  const HttpResponse moved = get(address);
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.header("location"), "/section/" + http::url_encode("ورزش") + "/");
  EXPECT_EQ(save_settings(*owner_, "").status, 200) << "and the edition can go";
}

TEST_F(NewsroomEditions, APublishedPersianStoryIsOnTheEditionsFrontPageByTheNextRequest) {
  ASSERT_EQ(save_settings(*owner_, kPersianEdition).status, 200);
  ASSERT_EQ(publish("Talks resume in Vienna", "talks-resume", "").status, 303);
  ASSERT_EQ(publish("تحریم‌ها", "tahrimha", "locale=fa").status, 303);
  // The pages it will be on are read, and so kept, before it is published.
  ASSERT_EQ(get("/fa/").status, 200);
  ASSERT_EQ(get("/fa/rss/").status, 200);
  ASSERT_EQ(get("/tahrimha/").status, 200);
  ASSERT_TRUE(has(get("/").body, "Talks resume in Vienna"));

  const HttpResponse saved = publish("مذاکرات در وین از سر گرفته شد", "mozakerat", "locale=fa");
  ASSERT_EQ(saved.status, 303) << visible_text(saved.body);
  const HttpResponse persian = get("/fa/");
  EXPECT_TRUE(has(persian.body, "مذاکرات در وین از سر گرفته شد"));
  EXPECT_FALSE(has(persian.body, "Talks resume in Vienna"));
  EXPECT_FALSE(has(get("/").body, "مذاکرات در وین از سر گرفته شد"));
  EXPECT_TRUE(has(get("/fa/rss/").body, "مذاکرات در وین از سر گرفته شد"));
  EXPECT_TRUE(has(get("/tahrimha/").body, "مذاکرات در وین از سر گرفته شد"))
      << "in the Recent Posts of the edition's other stories";
  EXPECT_FALSE(has(get("/talks-resume/").body, "مذاکرات در وین از سر گرفته شد"))
      << "and not in an English story's";
  const HttpResponse story = get("/mozakerat/");
  ASSERT_EQ(story.status, 200);
  EXPECT_TRUE(has(story.body, "class=\"site-title\" href=\"/fa/\""))
      << "the story is in the edition of its language";
}

}  // namespace
}  // namespace byline::testing
