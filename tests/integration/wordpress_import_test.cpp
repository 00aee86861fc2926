// `byline import wordpress` as an outlet runs it: a hand-made export of a
// small news site, imported with its uploads, then every old address
// followed over HTTP; a second run that changes nothing, a changed file, a
// dry run, an import killed half-way and finished by a second run, a
// running server, and hostile or broken files that are refused having
// written nothing.
#include "byline_process.hpp"
#include "database_checks.hpp"
#include "http_client.hpp"
#include "test_images.hpp"
#include "wxr_writer.hpp"

#include "content/slug.hpp"
#include "importing/wordpress_import.hpp"
#include "media/media_library.hpp"
#include "publishing/workflow.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace byline::testing {
namespace {

const std::filesystem::path kExport =
    std::filesystem::path(BYLINE_TEST_DATA) / "wordpress" / "newsroom.xml";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::unique_ptr<store::sqlite::SqliteStore> open_store(const std::filesystem::path& data) {
  auto opened = store::sqlite::SqliteStore::open(data / "byline.db", 1);
  EXPECT_TRUE(opened.ok());
  return opened.ok() ? std::move(*opened) : nullptr;
}

class WordPressImport : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(uploads_.path() / "2019/05/vienna.jpg", make_jpeg(1600, 1067));
  }

  CommandResult import(std::vector<std::string> extra = {}) {
    std::vector<std::string> arguments = {"import", "wordpress", kExport.string(), "--data",
                                          data_.path().string()};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return run_byline(arguments, 120);
  }
  CommandResult import_with_uploads() { return import({"--uploads", uploads_.path().string()}); }

  TempDir data_{"wp-import"};
  TempDir uploads_{"wp-uploads"};
};

TEST_F(WordPressImport, BringsTheSiteOverAndSaysWhatItBroughtAndLeftOut) {
  const CommandResult run = import_with_uploads();
  ASSERT_EQ(run.exit_code, 0) << run.output;
  for (const char* line :
       {"authors    4", "sections   4", "tags       2",
        "posts      9 (9 new, 0 updated, 0 unchanged)", "pages      1 (1 new", "media      1",
        "1 navigation menu items (menus are not imported)",
        "1 items of custom post types (product)", "1 posts in the trash",
        "post 111 \"No byline\" (line 279): it names no author",
        "post 109 \"Members only\" (line 230): password-protected, so imported as not public",
        "post 110 \"Feed\" (line 244): its address is now /feed-2/", "[contact-form-7] ×1"}) {
    EXPECT_NE(run.output.find(line), std::string::npos) << line << "\n" << run.output;
  }
  EXPECT_EQ(run.output.find("stay at their old addresses"), std::string::npos)
      << "every image came over";

  auto store = open_store(data_.path());
  const auto talks = **store->post_by_slug("talks-resume-in-vienna");
  EXPECT_EQ(talks.title, "Talks resume in Vienna & Geneva");
  EXPECT_EQ(talks.status, content::PostStatus::published);
  EXPECT_EQ(talks.published_at, Time(std::chrono::sys_days(std::chrono::May / 4 / 2019)) +
                                    std::chrono::hours(7) + std::chrono::minutes(30));
  EXPECT_TRUE(talks.featured) << "sticky posts are editors' picks";
  EXPECT_EQ(talks.seo_title, "Vienna talks resume | Courier");
  EXPECT_EQ(talks.seo_description, "Diplomats met again in Vienna on Saturday.");
  EXPECT_EQ(talks.custom_excerpt, "Diplomats met again.");
  ASSERT_EQ(talks.authors.size(), 2u) << "the Co-Authors Plus byline too";
  EXPECT_EQ(talks.authors[0].name, "Nadia Rahimi");
  EXPECT_EQ(talks.authors[1].name, "Kaveh Tehrani");
  ASSERT_EQ(talks.sections.size(), 1u);
  EXPECT_EQ(talks.sections[0].slug, "vienna");
  EXPECT_TRUE(talks.featured_image.starts_with("/media/")) << talks.featured_image;
  EXPECT_EQ(talks.featured_image_alt, "The Palais Coburg in Vienna");
  EXPECT_EQ(talks.body_html.find("old.example/wp-content"), std::string::npos) << talks.body_html;
  EXPECT_EQ(talks.body_html.find("<script"), std::string::npos);
  EXPECT_NE(talks.body_html.find("<figcaption>Delegates arrive at the Palais Coburg.</figcaption>"),
            std::string::npos);
  EXPECT_NE(talks.body_html.find("<p>Both sides said<br>"), std::string::npos);

  const auto oil = **store->post_by_slug("oil-output-rises");
  ASSERT_EQ(oil.authors.size(), 2u) << "a Co-Authors Plus guest author";
  EXPECT_EQ(oil.authors[1].name, "Sara Guest");
  EXPECT_EQ(oil.authors[1].bio, "A visiting economist.");
  EXPECT_EQ(oil.seo_title, "") << "Rank Math's title template is not a title";
  EXPECT_EQ(oil.seo_description, "Output rose again, the ministry says.");
  EXPECT_EQ(oil.body_html.find("wp:"), std::string::npos);
  // The block's image (a resized copy's address) and the gallery's, both the new image now.
  EXPECT_EQ(oil.body_html.find("old.example"), std::string::npos) << oil.body_html;
  EXPECT_NE(oil.body_html.find("<figure><img src=\"/media/"), std::string::npos) << oil.body_html;
  EXPECT_NE(oil.body_html.find("alt=\"The Palais Coburg in Vienna\"></figure>"), std::string::npos)
      << oil.body_html;

  const auto europe = **store->section_by_slug("europe");
  EXPECT_EQ(europe.parent_id, (**store->section_by_slug("world")).id);
  EXPECT_EQ((**store->section_by_slug("vienna")).parent_id, europe.id);
  EXPECT_TRUE(store->section_by_slug("ایران")->has_value()) << "percent-encoded slugs are decoded";
  EXPECT_TRUE(store->post_by_slug("گزارش-از-تهران")->has_value());
  EXPECT_EQ((**store->tag_by_slug("oil")).name, "Oil & gas");

  const auto nadia = **store->user_by_email("nadia@old.example");
  EXPECT_EQ(nadia.role, content::Role::author);
  EXPECT_EQ(*store->password_hash(nadia.id), "")
      << "imported staff set a password before they sign in";
  EXPECT_EQ((**store->post_by_slug("a-draft")).status, content::PostStatus::draft);
  EXPECT_EQ((**store->post_by_slug("waiting-for-an-editor")).status, content::PostStatus::review);
  EXPECT_EQ((**store->post_by_slug("coming-next-year")).status, content::PostStatus::scheduled);
  EXPECT_EQ((**store->post_by_slug("staff-only")).status, content::PostStatus::unpublished);
  EXPECT_FALSE(store->post_by_slug("deleted-story-trashed")->has_value());
  const auto audit = *store->audit_entries(1, 0);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "importer (WordPress)");
  EXPECT_EQ(integrity_of(data_.path() / "byline.db"), "ok");
}

TEST_F(WordPressImport, EveryOldAddressLeadsToItsNewPage) {
  ASSERT_EQ(import_with_uploads().exit_code, 0);
  ServerProcess server(data_.path(), {});
  const std::vector<std::pair<std::string, std::string>> moved = {
      {"/?p=101", "/talks-resume-in-vienna/"},
      {"/?p=101&utm_source=newsletter", "/talks-resume-in-vienna/"},
      {"/2019/05/04/talks-resume-in-vienna/", "/talks-resume-in-vienna/"},
      {"/2019/05/talks-resume-in-vienna/", "/talks-resume-in-vienna/"},
      {"/talks-in-vienna/", "/talks-resume-in-vienna/"},  // its _wp_old_slug
      {"/2019/06/oil-output-rises/", "/oil-output-rises/"},
      {"/?p=103", "/%DA%AF%D8%B2%D8%A7%D8%B1%D8%B4-%D8%A7%D8%B2-%D8%AA%D9%87%D8%B1%D8%A7%D9%86/"},
      {"/category/%d8%a7%db%8c%d8%b1%d8%a7%d9%86/", "/section/%D8%A7%DB%8C%D8%B1%D8%A7%D9%86/"},
      {"/?page_id=2", "/about/"},
      {"/category/world/europe/vienna/", "/section/vienna/"},
      {"/category/vienna/", "/section/vienna/"},
      {"/category/world/feed/", "/section/world/rss/"},
      {"/?cat=5", "/section/europe/"},
      {"/tag/oil/feed/", "/tag/oil/rss/"},
      {"/author/k-tehrani/feed/", "/author/k-tehrani/rss/"},
      {"/?author=2", "/author/nadia/"},
      {"/2019/10/01/feed/", "/feed-2/"},
      {"/?feed=rss2", "/rss/"},
  };
  for (const auto& [old, now] : moved) {
    const HttpResponse answer = http_get(server.port(), old);
    EXPECT_EQ(answer.status, 301) << old;
    EXPECT_EQ(answer.header("location"), now) << old;
  }
  // The same addresses, already Byline's.
  for (const std::string same :
       {"/talks-resume-in-vienna/", "/about/", "/section/vienna/", "/tag/oil/", "/author/nadia/",
        "/author/k-tehrani/", "/feed/", "/feed-2/"}) {
    EXPECT_EQ(http_get(server.port(), same).status, 200) << same;
  }
  // What readers may not see has no address, old or new.
  for (const std::string hidden :
       {"/2019/09/03/members-only/", "/members-only/", "/staff-only/", "/?p=106",
        "/coming-next-year/", "/?p=999", "/category/nothing/"}) {
    EXPECT_EQ(http_get(server.port(), hidden).status, 404) << hidden;
  }
  const HttpResponse article = http_get(server.port(), "/talks-resume-in-vienna/");
  EXPECT_NE(article.body.find("<title>Vienna talks resume | Courier"), std::string::npos);
  EXPECT_NE(article.body.find("Kaveh Tehrani"), std::string::npos);
  const HttpResponse front = http_get(server.port(), "/");
  EXPECT_NE(front.body.find("Talks resume in Vienna &amp; Geneva"), std::string::npos);
  const HttpResponse vienna = http_get(server.port(), "/section/vienna/");
  const auto crumbs = vienna.body.find("aria-label=\"Breadcrumb\"");
  ASSERT_NE(crumbs, std::string::npos);
  EXPECT_LT(vienna.body.find("/section/world/", crumbs),
            vienna.body.find("/section/europe/", crumbs));
  // The imported image is served as Byline serves uploads.
  auto store = open_store(data_.path());
  const auto talks = **store->post_by_slug("talks-resume-in-vienna");
  const HttpResponse image = http_get(server.port(), talks.featured_image);
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.header("content-type"), "image/webp");
}

TEST_F(WordPressImport, StoriesKeepTheirWordPressIdsAndTheRestApiReadsThemByThose) {
  ASSERT_EQ(import_with_uploads().exit_code, 0);
  {
    auto store = open_store(data_.path());
    EXPECT_EQ((**store->post_by_slug("talks-resume-in-vienna")).id, 101);
    EXPECT_EQ((**store->post_by_slug("about")).id, 2);
  }
  ServerProcess server(data_.path(), {});
  const HttpResponse post = http_get(server.port(), "/wp-json/wp/v2/posts/101");
  ASSERT_EQ(post.status, 200) << post.body.substr(0, 300);
  EXPECT_NE(post.body.find("\"slug\":\"talks-resume-in-vienna\""), std::string::npos);
  EXPECT_EQ(http_get(server.port(), "/wp-json/wp/v2/pages/2").status, 200);
  EXPECT_EQ(http_get(server.port(), "/wp-json/wp/v2/posts/106").status, 404) << "not published";
}

// Authors, categories, tags and images keep WordPress's numbers too, so
// that a front end's stored ids and its links between them still hold.
TEST_F(WordPressImport, AuthorsTermsAndImagesKeepTheirWordPressIdsInTheRestApi) {
  ASSERT_EQ(import_with_uploads().exit_code, 0);
  ServerProcess server(data_.path(), {});
  auto body = [&](const std::string& target) {
    const HttpResponse answer = http_get(server.port(), target);
    EXPECT_EQ(answer.status, 200) << target << ": " << answer.body.substr(0, 300);
    return answer.body;
  };
  EXPECT_NE(body("/wp-json/wp/v2/categories/4").find("\"slug\":\"world\""), std::string::npos);
  EXPECT_NE(body("/wp-json/wp/v2/categories/6").find("\"parent\":5"), std::string::npos)
      << "Vienna is under Europe, by WordPress's numbers";
  EXPECT_NE(body("/wp-json/wp/v2/tags/10").find("\"slug\":\"nuclear-talks\""), std::string::npos);
  const std::string post = body("/wp-json/wp/v2/posts/101");
  EXPECT_NE(post.find("\"featured_media\":201"), std::string::npos) << post.substr(0, 600);
  EXPECT_NE(post.find("\"categories\":[6]"), std::string::npos);
  EXPECT_NE(post.find("\"tags\":[10]"), std::string::npos);
  const std::string image = body("/wp-json/wp/v2/media/201");
  EXPECT_NE(image.find("\"post\":101"), std::string::npos) << image.substr(0, 600);
  EXPECT_NE(image.find("\"alt_text\":\"The Palais Coburg in Vienna\""), std::string::npos);
  // Nadia, WordPress's user 2, wrote a published story.
  const std::string people = body("/wp-json/wp/v2/users?per_page=100");
  EXPECT_NE(people.find("\"id\":2,\"name\":\"Nadia Rahimi\""), std::string::npos) << people;
}

TEST(WordPressIds, ANewPostGoesPastEveryIdAnImportKeptAndAnIdOnceUsedIsNeverTakenAgain) {
  TempDir data("wordpress-ids");
  auto store = open_store(data.path());
  int written = 0;
  auto write = [&](content::Id preferred) {
    store::PostWrite one;
    one.post.title = "Story " + std::to_string(++written);
    one.post.slug = "story-" + std::to_string(written);
    one.post.created_at = one.post.updated_at = now_utc();
    one.preferred_id = preferred;
    auto saved = store->save_post(one);
    EXPECT_TRUE(saved.ok()) << saved.error().message << " " << saved.error().detail;
    return saved.ok() ? saved->id : 0;
  };
  EXPECT_EQ(write(500), 500);
  EXPECT_EQ(write(0), 501);
  EXPECT_EQ(write(500), 502) << "taken";
  EXPECT_EQ(write(7), 7) << "never used";
  ASSERT_TRUE(*store->delete_post(7, store::AuditEntry{}, ""));
  EXPECT_EQ(write(7), 503) << "once used, by a post since deleted";
}

TEST_F(WordPressImport, ARunAgainChangesNothingAndAChangedExportUpdatesInPlace) {
  ASSERT_EQ(import_with_uploads().exit_code, 0);
  auto store = open_store(data_.path());
  const long posts = *store->count_posts();
  const auto before = **store->post_by_slug("talks-resume-in-vienna");

  const CommandResult again = import_with_uploads();
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("posts      9 (0 new, 0 updated, 9 unchanged)"), std::string::npos)
      << again.output;
  EXPECT_NE(again.output.find("media      1"), std::string::npos)
      << "the image from the first run, not a copy";
  EXPECT_EQ(*store->count_posts(), posts);
  EXPECT_EQ(store->media(100, 0)->size(), 1u);
  EXPECT_EQ((**store->post_by_slug("talks-resume-in-vienna")).revision, before.revision);
  EXPECT_EQ(store->users()->size(), 4u);
  EXPECT_EQ(store->sections()->size(), 4u);

  // The outlet fixes a headline on the old site and exports again.
  std::string changed = read_file(kExport);
  const std::string old_title = "Talks resume in Vienna &amp; Geneva";
  changed.replace(changed.find(old_title), old_title.size(), "Talks resume in Vienna");
  const auto file =
      data_.path().parent_path() / (data_.path().filename().string() + "-changed.xml");
  write_file(file, changed);
  const CommandResult updated =
      run_byline({"import", "wordpress", file.string(), "--data", data_.path().string(),
                  "--uploads", uploads_.path().string()},
                 120);
  std::filesystem::remove(file);
  ASSERT_EQ(updated.exit_code, 0) << updated.output;
  EXPECT_NE(updated.output.find("posts      9 (0 new, 1 updated, 8 unchanged)"), std::string::npos)
      << updated.output;
  const auto after = **store->post_by_slug("talks-resume-in-vienna");
  EXPECT_EQ(after.title, "Talks resume in Vienna");
  EXPECT_EQ(after.id, before.id);
  EXPECT_EQ(after.revision, before.revision + 1) << "the earlier text is a revision";
  EXPECT_EQ(*store->count_posts(), posts);
}

TEST_F(WordPressImport, ADryRunChecksEverythingAndWritesNothing) {
  const CommandResult run = import({"--dry-run", "--uploads", uploads_.path().string()});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Dry run: nothing was written"), std::string::npos);
  EXPECT_NE(run.output.find("posts      9 (9 new"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("its address is now /feed-2/"), std::string::npos)
      << "checked as it would be written";
  auto store = open_store(data_.path());
  EXPECT_EQ(*store->count_posts(), 0);
  EXPECT_TRUE(store->users()->empty());
  EXPECT_TRUE(store->sections()->empty());
  EXPECT_TRUE(store->media(10, 0)->empty());
  EXPECT_TRUE(!std::filesystem::exists(data_.path() / "media") ||
              std::filesystem::is_empty(data_.path() / "media"));
}

// Two posts asking for one address, each in a batch of its own: the second
// is checked while the first is still being written (or, in a dry run,
// never written), and gets "-2" all the same.
TEST(WordPressImportBatches, PostsAskingForOneAddressInDifferentBatchesGetTwoAddresses) {
  TempDir dir("wp-batches");
  auto item = [](int id, const std::string& title) {
    return "<item><title>" + title +
           "</title><dc:creator>nadia</dc:creator>"
           "<content:encoded><![CDATA[<p>" +
           title +
           " filed.</p>]]></content:encoded>"
           "<wp:post_id>" +
           std::to_string(id) +
           "</wp:post_id>"
           "<wp:post_date_gmt>2019-05-04 07:30:00</wp:post_date_gmt>"
           "<wp:post_name>same</wp:post_name><wp:status>publish</wp:status>"
           "<wp:post_type>post</wp:post_type></item>";
  };
  const auto file = dir.path() / "export.xml";
  write_file(file,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
             "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
             "xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>"
             "<wp:wxr_version>1.2</wp:wxr_version>"
             "<wp:base_site_url>https://old.example</wp:base_site_url>"
             "<wp:author><wp:author_login>nadia</wp:author_login>"
             "<wp:author_email>nadia@old.example</wp:author_email>"
             "<wp:author_display_name>Nadia</wp:author_display_name></wp:author>" +
                 item(1, "First") + item(2, "Second") + "</channel></rss>");
  for (const bool dry_run : {true, false}) {
    const auto data = dir.path() / (dry_run ? "dry" : "real");
    std::filesystem::create_directories(data);
    std::shared_ptr<store::Store> store = open_store(data);
    publishing::Workflow workflow(store);
    media::MediaLibrary media(store, data);
    importing::WordPressImportOptions options;
    options.file = file;
    options.dry_run = dry_run;
    options.batch_size = 1;
    auto summary = importing::import_wordpress(*store, workflow, media, options, nullptr);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    EXPECT_EQ(summary->posts.created, 2) << (dry_run ? "dry run" : "real run");
    const bool noted = std::any_of(
        summary->notes.begin(), summary->notes.end(),
        [](const std::string& note) { return note.find("/same-2/") != std::string::npos; });
    EXPECT_TRUE(noted) << (dry_run ? "dry run" : "real run");
    if (!dry_run) {
      EXPECT_EQ((**store->post_by_slug("same")).title, "First");
      EXPECT_EQ((**store->post_by_slug("same-2")).title, "Second");
    }
  }
}

TEST_F(WordPressImport, WhileBylineServesTheDataTheImportIsRefusedAndADryRunMayRun) {
  ServerProcess server(data_.path(), {});
  const CommandResult refused = import();
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find("stop it, import, and start it again"), std::string::npos)
      << refused.output;
  EXPECT_EQ(http_get(server.port(), "/?p=101").status, 404) << "nothing was imported";
  EXPECT_EQ(import({"--dry-run"}).exit_code, 0);
}

TEST_F(WordPressImport, AnImportKilledHalfWayLeavesAConsistentSiteAndASecondRunFinishesIt) {
  const auto file = data_.path().parent_path() / (data_.path().filename().string() + "-big.xml");
  WxrShape shape;
  // A dozen batches: enough that the first is in well before the last.
  shape.posts = 12000;
  {
    std::ofstream out(file, std::ios::binary);
    write_wxr(out, shape);
  }
  const std::string binary = BYLINE_BINARY;
  std::vector<std::string> arguments = {binary,        "import", "wordpress",
                                        file.string(), "--data", data_.path().string()};
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // What the import prints, for the message when it did not die as told.
  const auto log = data_.path().parent_path() / (data_.path().filename().string() + "-import.log");
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t child = 0;
  ASSERT_EQ(posix_spawn(&child, binary.c_str(), &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);

  // Killed once the first batch is in, well before the last. Counted on a
  // read-only connection: anything that writes (as opening a Store does, to
  // migrate) could make the import wait on it, or fail.
  long seen = 0;
  const auto database = data_.path() / "byline.db";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline && seen == 0) {
    sqlite3* reader = nullptr;
    if (std::filesystem::exists(database) &&
        sqlite3_open_v2(database.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* count = nullptr;
      if (sqlite3_prepare_v2(reader, "SELECT count(*) FROM posts", -1, &count, nullptr) ==
              SQLITE_OK &&
          sqlite3_step(count) == SQLITE_ROW) {
        seen = sqlite3_column_int64(count, 0);
      }
      sqlite3_finalize(count);
    }
    sqlite3_close(reader);
    if (seen == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_GT(seen, 0) << "no batch came in within two minutes";
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  const std::string printed = read_file(log);
  std::filesystem::remove(log);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import ended before it could be killed:\n" << printed;
  EXPECT_EQ(integrity_of(data_.path() / "byline.db"), "ok");
  {
    auto store = open_store(data_.path());
    const long kept = *store->count_posts();
    EXPECT_GT(kept, 0);
    EXPECT_LT(kept, shape.posts);
    const auto batch = static_cast<long>(importing::WordPressImportOptions{}.batch_size);
    EXPECT_EQ(kept % batch, 0) << "whole batches or nothing";
  }

  const CommandResult finished =
      run_byline({"import", "wordpress", file.string(), "--data", data_.path().string()}, 300);
  std::filesystem::remove(file);
  ASSERT_EQ(finished.exit_code, 0) << finished.output;
  auto store = open_store(data_.path());
  EXPECT_EQ(*store->count_posts(), shape.posts) << finished.output;
  EXPECT_NE(finished.output.find("unchanged)"), std::string::npos);
  EXPECT_EQ(integrity_of(data_.path() / "byline.db"), "ok");
  // Every post once, with its byline, section and first revision.
  EXPECT_TRUE(store->post_by_slug("story-1000")->has_value());
  const auto last = **store->post_by_slug("story-" + std::to_string(1000 + shape.posts - 1));
  EXPECT_EQ(last.authors.size(), 1u);
  EXPECT_EQ(last.sections.size(), 1u);
  EXPECT_EQ(last.tags.size(), 4u);
  EXPECT_EQ(store->revisions(last.id)->size(), 1u);
}

// A batch is bounded by its bodies' bytes as well as by its count, so an
// archive of long stories imports in the memory one of short stories takes:
// here 150 stories of about a megabyte each, 170 MB of bodies.
TEST_F(WordPressImport, AnArchiveOfLongStoriesImportsInBoundedMemory) {
  const auto file = data_.path().parent_path() / (data_.path().filename().string() + "-long.xml");
  WxrShape shape;
  shape.posts = 150;
  shape.paragraphs = 2500;
  {
    std::ofstream out(file, std::ios::binary);
    write_wxr(out, shape);
  }
  const CommandResult run =
      run_byline({"import", "wordpress", file.string(), "--data", data_.path().string()}, 300);
  std::filesystem::remove(file);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("posts      150 (150 new"), std::string::npos) << run.output;
  const auto last = **open_store(data_.path())->post_by_slug("story-1149");
  EXPECT_GT(last.body_html.size(), 1'000'000u) << "each story came in whole";
#if !defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer keeps freed memory aside, so only a plain build's
  // peak says what the import itself holds.
  EXPECT_LT(run.peak_memory_kb, 200 * 1024) << "peak resident memory, in KB";
#endif
}

// Hostile and broken files: each refused with a clear message, nothing written.
class WordPressImportRefusals : public ::testing::Test {
 protected:
  CommandResult import_text(const std::string& xml) {
    const auto file = data_.path() / "export.xml";
    write_file(file, xml);
    return run_byline(
        {"import", "wordpress", file.string(), "--data", (data_.path() / "site").string()}, 60);
  }
  void expect_nothing_written() {
    auto store = open_store(data_.path() / "site");
    EXPECT_EQ(*store->count_posts(), 0);
    EXPECT_TRUE(store->users()->empty());
    EXPECT_TRUE(store->sections()->empty());
  }
  static std::string export_with(std::string_view head, std::string_view items) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + std::string(head) +
           "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
           "xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n"
           "<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>https://old.example</"
           "wp:base_site_url>\n"
           "<wp:author><wp:author_login>nadia</wp:author_login><wp:author_email>nadia@old.example</"
           "wp:author_email></wp:author>\n" +
           std::string(items) + "\n</channel>\n</rss>\n";
  }
  static std::string post(std::string_view id, std::string_view title, std::string_view extra = "",
                          std::string_view body = "Text.") {
    return "<item><title>" + std::string(title) +
           "</title><dc:creator>nadia</dc:creator><wp:post_id>" + std::string(id) +
           "</wp:post_id><wp:post_date_gmt>2019-05-04 "
           "07:30:00</wp:post_date_gmt><wp:status>publish</wp:status>"
           "<wp:post_type>post</wp:post_type><content:encoded><![CDATA[" +
           std::string(body) + "]]></content:encoded>" + std::string(extra) + "</item>\n";
  }

  TempDir data_{"wp-refusals"};
};

TEST_F(WordPressImportRefusals, XxeAnExternalDtdAndABillionLaughsAreRefusedHavingWrittenNothing) {
  const std::vector<std::string> heads = {
      "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n",
      "<!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n",
      "<!DOCTYPE rss [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c "
      "\"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>\n"};
  for (const auto& head : heads) {
    const CommandResult run = import_text(export_with(head, post("1", "&xxe;&d;")));
    EXPECT_EQ(run.exit_code, 1) << head;
    EXPECT_NE(run.output.find("declares a DTD"), std::string::npos) << run.output;
    EXPECT_EQ(run.output.find("root:"), std::string::npos) << "never a byte of /etc/passwd";
    expect_nothing_written();
  }
}

TEST_F(WordPressImportRefusals, MalformedXmlStopsWithTheLineAndColumnAndNothingWritten) {
  const CommandResult run = import_text(
      export_with("", post("1", "Fine") + "<item><title>Broken</item>\n" + post("2", "Also fine")));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("not well-formed XML at line 8, column"), std::string::npos)
      << run.output;
  expect_nothing_written();
}

TEST_F(WordPressImportRefusals, InvalidUtf8StopsWithWhereItIs) {
  const CommandResult run = import_text(export_with("", post("1", "Caf\xC3\x28 ok")));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("line 7"), std::string::npos) << run.output;
  expect_nothing_written();
}

TEST_F(WordPressImportRefusals, AFileThatIsNotAnExportSaysSo) {
  for (const std::string& not_export :
       {std::string("<html><body>Hi</body></html>"), std::string("{\"posts\": []}"),
        std::string("<rss><channel><item/></channel></rss>")}) {
    const CommandResult run = import_text(not_export);
    EXPECT_EQ(run.exit_code, 1) << not_export;
    EXPECT_TRUE(run.output.find("not a WordPress export") != std::string::npos ||
                run.output.find("not well-formed") != std::string::npos)
        << run.output;
  }
  const CommandResult missing =
      run_byline({"import", "wordpress", "/no/such/export.xml", "--data", data_.path().string()});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.output.find("/no/such/export.xml"), std::string::npos) << missing.output;
}

TEST_F(WordPressImportRefusals,
       APieceOfTextLargerThanTenMegabytesStopsTheImportClearlyHavingWrittenNothing) {
  const CommandResult run = import_text(export_with(
      "", post("1", "Fine") + post("2", "Huge body", "", std::string(50 * 1024 * 1024, 'x'))));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("The export has an element larger than 10 MB at line 8"),
            std::string::npos)
      << run.output;
  expect_nothing_written();
}

TEST_F(WordPressImportRefusals, OversizedAndOddItemsGetASkipLineOrANoteAndTheRestGoesIn) {
  std::string many_tags;
  for (int i = 0; i < 100000; ++i)
    many_tags +=
        "<category domain=\"post_tag\" nicename=\"t" + std::to_string(i) + "\">T</category>";
  const std::string long_slug = "<wp:post_name>" + std::string(5000, 'a') + "</wp:post_name>";
  const std::string items =
      post("1", "Nine megabytes", "", std::string(9 * 1024 * 1024, 'x')) +
      post("2", "Many tags", many_tags) + post("3", "Long slug", long_slug) +
      post("3", "Same id again") + post("4", "Fine") +
      post("5", "Four megabytes and a bit", "", std::string(4 * 1024 * 1024 + 10, 'y')) +
      post("6", "Three megabytes", "", std::string(3 * 1024 * 1024, 'z'));
  const CommandResult run = import_text(export_with("", items));
  ASSERT_EQ(run.exit_code, 0) << run.output.substr(0, 2000);
  EXPECT_NE(run.output.find("\"Nine megabytes\" (line 7): its body is larger than 8 MB"),
            std::string::npos)
      << run.output;
  EXPECT_NE(
      run.output.find("\"Many tags\" (line 8): only its first 1000 sections and tags were kept"),
      std::string::npos);
  EXPECT_NE(run.output.find("\"Same id again\" (line 10): another item has the same wp:post_id"),
            std::string::npos);
  EXPECT_NE(run.output.find("\"Four megabytes and a bit\" (line 12): The body is too long."),
            std::string::npos);
  EXPECT_NE(run.output.find("posts      4 (4 new"), std::string::npos) << run.output;
  auto store = open_store(data_.path() / "site");
  EXPECT_EQ(*store->count_posts(), 4);
  EXPECT_EQ(store->tags()->size(), 1000u);
  const auto many = store->post_by_slug("many-tags");
  ASSERT_TRUE(many.ok() && *many);
  EXPECT_EQ((*many)->tags.size(), 1000u);
  const auto three = store->post_by_slug("three-megabytes");
  ASSERT_TRUE(three.ok() && *three) << "a body Byline can hold comes in whole";
  EXPECT_EQ(std::count((*three)->body_html.begin(), (*three)->body_html.end(), 'z'),
            3 * 1024 * 1024);
  // The long slug was cut to Byline's length, and the old address still leads there.
  ServerProcess server(data_.path() / "site", {});
  const HttpResponse moved = http_get(server.port(), "/" + std::string(5000, 'a') + "/");
  EXPECT_EQ(moved.status, 301);
  EXPECT_EQ(moved.header("location"), "/" + std::string(content::kMaxSlugBytes, 'a') + "/");
}

}  // namespace
}  // namespace byline::testing
