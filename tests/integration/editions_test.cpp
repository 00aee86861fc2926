// The Persian edition of the demo site over real HTTP: its own front page,
// sections, author and tag pages, feeds, search and 404 under /fa/, in Persian, holding only
// Persian stories; the site's own pages holding none of them.
#include "byline_process.hpp"
#include "http_client.hpp"

#include <gtest/gtest.h>

namespace byline::testing {
namespace {

constexpr const char* kPersianLead = "/putin-rusiye-va-iran-ravabet-rahbordi/";
constexpr const char* kPersianTitle = "روزنامه‌ی بایلاین";
// Headlines of the demo: its lead story and an oil story, in both languages.
// (clang-format counts Persian in bytes and would break these lines anew on
// every run, hence the markers.)
// clang-format off
const std::string kPersianLeadStory = "پوتین: روسیه و ایران روابط راهبردی دارند";
const std::string kEnglishLeadStory = "President Putin: Russia, Iran having strategic ties";
const std::string kPersianOilStory = "ایران چهار قرارداد توسعه‌ی میدان نفتی با روسیه امضا کرد";
// clang-format on
const std::string kEnglishOilStory = "Iran signs 4 oilfield development contracts with Russia";

class Editions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir("editions");
    server_ = new ServerProcess(data_->path(), {"--demo"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete data_;
  }
  static HttpResponse get(const std::string& target) { return http_get(server_->port(), target); }
  static bool has(const std::string& text, const std::string& piece) {
    return text.find(piece) != std::string::npos;
  }

  static TempDir* data_;
  static ServerProcess* server_;
};

TempDir* Editions::data_ = nullptr;
ServerProcess* Editions::server_ = nullptr;

TEST_F(Editions, ThePersianFrontPageIsPersianAndHoldsOnlyPersianStories) {
  const HttpResponse page = get("/fa/");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(has(page.body, "<html lang=\"fa\" dir=\"rtl\">"));
  EXPECT_TRUE(has(page.body, std::string("<title>") + kPersianTitle + "</title>"));
  EXPECT_TRUE(has(page.body, kPersianLeadStory));
  EXPECT_TRUE(has(page.body, kPersianOilStory));
  EXPECT_FALSE(has(page.body, kEnglishOilStory))
      << "an English story is not in the Persian edition";
  EXPECT_TRUE(has(page.body, "href=\"/fa/section/")) << "its own sections in its navigation";
  EXPECT_FALSE(has(page.body, "href=\"/section/politics/\"")) << "not the site's own";
  EXPECT_TRUE(has(page.body, "href=\"/\" lang=\"en\" dir=\"ltr\" hreflang=\"en\">English</a>"))
      << "a link to the site's own edition, named in English";
  EXPECT_TRUE(has(page.body, "action=\"/fa/search\""));
  EXPECT_TRUE(has(page.body, "href=\"/fa/rss/\""));
  EXPECT_TRUE(has(page.body, "<link rel=\"alternate\" hreflang=\"en\""));
  EXPECT_TRUE(has(page.body, "<link rel=\"alternate\" hreflang=\"x-default\""));
  EXPECT_TRUE(has(page.body, "© ۲")) << "the footer's year in Persian digits";
}

TEST_F(Editions, TheSitesOwnFrontPageHoldsNoPersianStoryAndLinksToTheEdition) {
  const HttpResponse page = get("/");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, kEnglishOilStory));
  EXPECT_FALSE(has(page.body, kPersianLeadStory));
  EXPECT_FALSE(has(page.body, "href=\"/fa/section/")) << "the edition's sections stay in it";
  EXPECT_TRUE(has(page.body, "href=\"/fa/\" lang=\"fa\" dir=\"rtl\" hreflang=\"fa\">فارسی</a>"));
  EXPECT_TRUE(has(page.body, "<link rel=\"alternate\" hreflang=\"fa\""));
}

TEST_F(Editions, AnEditionsPagesAndSectionsHaveOneAddressEach) {
  const HttpResponse first = get("/fa/page/1/");
  EXPECT_EQ(first.status, 301);
  EXPECT_EQ(first.header("location"), "/fa/");
  const HttpResponse politics = get("/fa/section/politics/");
  EXPECT_EQ(politics.status, 301) << "an English section is not under /fa/";
  EXPECT_EQ(politics.header("location"), "/section/politics/");
  const std::string persian_politics = "/fa/section/" + http::url_encode("سیاست") + "/";
  const HttpResponse elsewhere = get("/section/" + http::url_encode("سیاست") + "/");
  EXPECT_EQ(elsewhere.status, 301) << "a Persian section lives under /fa/";
  EXPECT_EQ(elsewhere.header("location"), persian_politics);
  const HttpResponse section = get(persian_politics);
  ASSERT_EQ(section.status, 200);
  EXPECT_TRUE(has(section.body, "<html lang=\"fa\" dir=\"rtl\">"));
  EXPECT_TRUE(has(section.body, kPersianLeadStory));
  EXPECT_EQ(get("/xx/").status, 404) << "no such edition";
  EXPECT_EQ(get("/xx/page/2/").status, 404);
  EXPECT_EQ(get("/xx/section/politics/").status, 404) << "no such edition";
  const HttpResponse tag = get("/tag/search");
  EXPECT_EQ(tag.status, 301) << "an edition's routes leave other addresses to theirs";
  EXPECT_EQ(tag.header("location"), "/tag/search/");
}

TEST_F(Editions, EachEditionsFeedHoldsItsOwnStories) {
  const HttpResponse persian = get("/fa/rss/");
  ASSERT_EQ(persian.status, 200);
  EXPECT_TRUE(has(persian.body, "<language>fa</language>"));
  EXPECT_TRUE(has(persian.body, kPersianTitle));
  EXPECT_TRUE(has(persian.body, kPersianLeadStory));
  EXPECT_FALSE(has(persian.body, kEnglishLeadStory));
  const HttpResponse own = get("/rss/");
  ASSERT_EQ(own.status, 200);
  EXPECT_TRUE(has(own.body, kEnglishLeadStory));
  EXPECT_FALSE(has(own.body, kPersianLeadStory));
  EXPECT_EQ(get("/fa/feed.json").status, 200);
  EXPECT_EQ(get("/fa/atom.xml").status, 200);
  EXPECT_EQ(get("/xx/rss/").status, 404);
}

TEST_F(Editions, APersianStoryIsInThePersianEditionFromHeaderToRecentPosts) {
  const HttpResponse page = get(kPersianLead);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "<html lang=\"fa\" dir=\"rtl\">"));
  EXPECT_TRUE(has(page.body, "class=\"site-title\" href=\"/fa/\""));
  EXPECT_TRUE(has(page.body, kPersianOilStory)) << "its Recent Posts are the edition's";
  EXPECT_FALSE(has(page.body, kEnglishOilStory));
  EXPECT_TRUE(has(page.body, "<a href=\"/darbare-ye-ma/\">"))
      << "its footer's About page is the About page's Persian translation";
  const HttpResponse english = get("/president-putin-russia-iran-having-strategic-ties/");
  ASSERT_EQ(english.status, 200);
  EXPECT_TRUE(has(english.body, kEnglishOilStory));
  EXPECT_FALSE(has(english.body, kPersianOilStory))
      << "an English story's Recent Posts hold no Persian one";
  EXPECT_TRUE(has(english.body, "<a href=\"/about/\">"));
}

TEST_F(Editions, AnAuthorsAndATagsPagesInTheEditionHoldItsStoriesInItsWords) {
  const HttpResponse story = get(kPersianLead);
  ASSERT_EQ(story.status, 200);
  EXPECT_TRUE(has(story.body, "href=\"/fa/author/emad-askarieh/\"")) << "its byline stays in it";
  EXPECT_TRUE(has(story.body, "href=\"/fa/tag/روسیه/\"")) << "and so do its tags";

  const HttpResponse author = get("/fa/author/emad-askarieh/");
  ASSERT_EQ(author.status, 200) << author.body;
  EXPECT_TRUE(has(author.body, "<html lang=\"fa\" dir=\"rtl\">"));
  EXPECT_TRUE(has(author.body, "<link rel=\"canonical\" href=\"http://127.0.0.1:" +
                                   std::to_string(server_->port()) +
                                   "/fa/author/emad-askarieh/\">"))
      << "its canonical address";
  EXPECT_TRUE(has(author.body, kPersianLeadStory));
  EXPECT_FALSE(has(author.body, kEnglishLeadStory));
  EXPECT_TRUE(has(author.body, "<p class=\"listing-description\" lang=\"en\" dir=\"ltr\">"))
      << "the English bio says so on a Persian page";
  EXPECT_TRUE(has(story.body, "<p class=\"author-bio\" lang=\"en\" dir=\"ltr\">"));
  EXPECT_EQ(get("/fa/author/emad-askarieh/page/1/").header("location"),
            "/fa/author/emad-askarieh/");

  const HttpResponse tag = get("/fa/tag/" + http::url_encode("روسیه") + "/");
  ASSERT_EQ(tag.status, 200);
  EXPECT_TRUE(has(tag.body, "<html lang=\"fa\" dir=\"rtl\">"));
  EXPECT_TRUE(has(tag.body, kPersianLeadStory));

  const HttpResponse feed = get("/fa/author/emad-askarieh/rss/");
  ASSERT_EQ(feed.status, 200);
  EXPECT_TRUE(has(feed.body, "<language>fa</language>"));
  EXPECT_TRUE(has(feed.body, kPersianLeadStory));
  EXPECT_FALSE(has(feed.body, kEnglishLeadStory));
  EXPECT_EQ(get("/fa/tag/" + http::url_encode("روسیه") + "/atom.xml").status, 200);
  EXPECT_FALSE(has(get("/fa/tag/russia/").body, kEnglishLeadStory))
      << "an English tag's page in the edition holds none of the site's own stories";

  // The site's own pages of an author or a tag hold every story, as search
  // finds them, and lead to the site's own.
  const HttpResponse own = get("/author/emad-askarieh/");
  ASSERT_EQ(own.status, 200);
  EXPECT_TRUE(has(own.body, "<html lang=\"en\" dir=\"ltr\">"));
  EXPECT_TRUE(has(own.body, kEnglishLeadStory));
  EXPECT_TRUE(has(own.body, kPersianLeadStory));
  EXPECT_TRUE(has(own.body, "href=\"/fa/author/emad-askarieh/\""))
      << "a Persian story's card leads to its author's page in its edition";
  EXPECT_TRUE(has(get("/tag/russia/").body, kEnglishLeadStory));
  const HttpResponse everywhere = get("/fa/search?q=oil");
  EXPECT_TRUE(has(everywhere.body, "href=\"/author/emad-askarieh/\""))
      << "an English result on the Persian search page leads to the site's own author page";
  const HttpResponse english = get("/president-putin-russia-iran-having-strategic-ties/");
  EXPECT_TRUE(has(english.body, "href=\"/author/emad-askarieh/\""));
  EXPECT_TRUE(has(english.body, "<p class=\"author-bio\" dir=\"auto\">"))
      << "in its own language, a bio needs no lang of its own";
  EXPECT_TRUE(has(english.body, "href=\"/tag/russia/\""));

  EXPECT_EQ(get("/xx/author/emad-askarieh/").status, 404);
  const HttpResponse nobody = get("/fa/author/nobody/");
  EXPECT_EQ(nobody.status, 404);
  EXPECT_TRUE(has(nobody.body, "<html lang=\"fa\" dir=\"rtl\">"));
}

TEST_F(Editions, SearchAndNotFoundAnswerInTheEditionsLanguage) {
  const HttpResponse search = get("/fa/search?q=" + http::url_encode("قرارداد"));
  ASSERT_EQ(search.status, 200);
  EXPECT_TRUE(has(search.body, "<html lang=\"fa\" dir=\"rtl\">"));
  EXPECT_TRUE(has(search.body, kPersianOilStory));
  EXPECT_EQ(get("/xx/search?q=oil").status, 404);
  const HttpResponse missing = get("/fa/no-such-story/");
  EXPECT_EQ(missing.status, 404);
  EXPECT_TRUE(has(missing.body, "<html lang=\"fa\" dir=\"rtl\">")) << missing.body;
  EXPECT_TRUE(has(missing.body, "href=\"/fa/\""));
}

}  // namespace
}  // namespace byline::testing
