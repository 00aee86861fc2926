// Nothing acknowledged is lost: a backup taken while the site is served is
// one consistent moment and restores whole; a server killed in the middle
// of a stream of saves comes back with a sound database holding every save
// it had answered.
#include "byline_process.hpp"
#include "database_checks.hpp"

#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "http_client.hpp"
#include "newsroom_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

namespace byline::testing {
namespace {

constexpr const char* kPassword = "a long enough secret";

int publish(const StaffClient& staff, const std::string& title) {
  return staff
      .post("/newsroom/posts/new/", "title=" + http::url_encode(title) + "&body=%3Cp%3EText.%3C%2Fp%3E&intent=publish")
      .status;
}

TEST(Backup, FinishesWhileTheSiteIsWrittenToWithoutPause) {
  TempDir data("backup-busy");
  TempDir elsewhere("backup-busy-file");
  const auto database = data.path() / "byline.db";
  ASSERT_TRUE(store::sqlite::SqliteStore::open(database, 1).ok());  // Byline's schema, in WAL mode
  {
    // About 60 MB, so that the copy takes many steps.
    auto filler = store::sqlite::Connection::open(database.string(), false);
    ASSERT_TRUE(filler.ok());
    ASSERT_TRUE((*filler)->execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, bytes BLOB)").ok());
    ASSERT_TRUE((*filler)->execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 15000) "
                                   "INSERT INTO filler (bytes) SELECT randomblob(4000) FROM n").ok());
  }
  std::atomic<bool> done{false};
  std::atomic<long> writes{0};
  // Two writers saving as fast as the disk lets them, as on a busy news desk.
  auto write = [&] {
    auto connection = store::sqlite::Connection::open(database.string(), false);
    ASSERT_TRUE(connection.ok());
    while (!done) {
      if ((*connection)->execute("UPDATE filler SET bytes = randomblob(4000) WHERE id = abs(random()) % 15000 + 1").ok()) {
        ++writes;
      }
      std::this_thread::yield();
    }
  };
  std::thread first(write), second(write);
  const std::string file = (elsewhere.path() / "busy.db").string();
  const CommandResult backed_up = run_byline({"backup", file, "--data", data.path().string()}, 60);
  const long writes_during = writes.load();
  done = true;
  first.join();
  second.join();
  ASSERT_EQ(backed_up.exit_code, 0) << backed_up.output;
  EXPECT_GT(writes_during, 10) << "the site was not written to while the copy ran";
  EXPECT_EQ(integrity_of(file), "ok");
}

TEST(Backup, ACopyTakenWhileServingRestoresWhole) {
  TempDir data("backup");
  TempDir elsewhere("backup-file");
  const std::string file = (elsewhere.path() / "site.db").string();
  ASSERT_TRUE(add_staff(data.path(), "eddie@example.com", "Eddie Editor", content::Role::editor, kPassword));
  auto server = std::make_unique<ServerProcess>(data.path(), std::vector<std::string>{"--demo"});
  {
    const StaffClient eddie(server->port(), "eddie@example.com", kPassword);
    ASSERT_EQ(publish(eddie, "Before the backup"), 303);
    const CommandResult backed_up = run_byline({"backup", file, "--data", data.path().string()});
    ASSERT_EQ(backed_up.exit_code, 0) << backed_up.output;
    EXPECT_NE(backed_up.output.find("Backed up"), std::string::npos);
    EXPECT_EQ(integrity_of(file), "ok");
    ASSERT_EQ(publish(eddie, "After the backup"), 303);

    // A second backup never overwrites the first.
    const CommandResult again = run_byline({"backup", file, "--data", data.path().string()});
    EXPECT_NE(again.exit_code, 0);
    EXPECT_NE(again.output.find("exists already"), std::string::npos) << again.output;

    // Nor is a database replaced under a running server.
    const CommandResult refused = run_byline({"restore", file, "--data", data.path().string()});
    EXPECT_NE(refused.exit_code, 0);
    EXPECT_NE(refused.output.find("Byline is running on"), std::string::npos) << refused.output;
  }
  ASSERT_EQ(server->stop(), 0);

  const CommandResult restored = run_byline({"restore", file, "--data", data.path().string()});
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  server = std::make_unique<ServerProcess>(data.path(), std::vector<std::string>{});
  EXPECT_EQ(http_get(server->port(), "/before-the-backup/").status, 200);
  EXPECT_EQ(http_get(server->port(), "/after-the-backup/").status, 404);
  EXPECT_EQ(http_get(server->port(), "/president-putin-russia-iran-having-strategic-ties/").status, 200);
}

TEST(Backup, RestoreRefusesWhatIsNotABylineBackup) {
  TempDir data("restore-refusal");
  ASSERT_TRUE(add_staff(data.path(), "eddie@example.com", "Eddie Editor", content::Role::editor, kPassword));
  const auto junk = data.path() / "not-a-backup.db";
  std::ofstream(junk) << "Breaking: this is not a database.";
  const CommandResult refused = run_byline({"restore", junk.string(), "--data", data.path().string()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("not a Byline backup"), std::string::npos) << refused.output;
  // The site's own database is untouched.
  const CommandResult people = run_byline({"user", "list", "--data", data.path().string()});
  EXPECT_NE(people.output.find("eddie@example.com"), std::string::npos) << people.output;
}

TEST(CrashSafety, AServerKilledMidStreamKeepsEverySaveItAcknowledged) {
  TempDir data("crash");
  ASSERT_TRUE(add_staff(data.path(), "eddie@example.com", "Eddie Editor", content::Role::editor, kPassword));
  auto server = std::make_unique<ServerProcess>(data.path(), std::vector<std::string>{});
  const StaffClient eddie(server->port(), "eddie@example.com", kPassword);
  ASSERT_TRUE(eddie.signed_in());

  // Two writers publish as fast as they can; each remembers what the
  // server acknowledged (303) before it died.
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::atomic<bool> stop{false};
  std::atomic<int> count{0};
  auto writer = [&](int which) {
    for (int i = 0; !stop; ++i) {
      const std::string title = "Story " + std::to_string(which) + " " + std::to_string(i);
      int status = 0;
      try {
        status = publish(eddie, title);
      } catch (const std::exception&) {  // the connection died with the server
        break;
      }
      if (status != 303) break;
      std::lock_guard lock(mutex);
      acknowledged.push_back(title);
      ++count;
    }
  };
  std::thread first(writer, 1);
  std::thread second(writer, 2);
  while (count < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server->kill_now();
  stop = true;
  first.join();
  second.join();

  EXPECT_EQ(integrity_of(data.path() / "byline.db"), "ok");
  {
    // Every acknowledged publish has its audit line: they were one write.
    auto store = store::sqlite::SqliteStore::open(data.path() / "byline.db", 1);
    ASSERT_TRUE(store.ok());
    auto audit = (*store)->audit_entries(100000, 0);
    ASSERT_TRUE(audit.ok());
    std::set<std::string> audited;
    for (const auto& entry : *audit) {
      if (entry.action == "published" && entry.actor == "eddie@example.com") audited.insert(entry.subject);
    }
    for (const auto& title : acknowledged) EXPECT_TRUE(audited.contains(title)) << title << " has no audit line";
    // And so has every post that made it in, acknowledged or cut off by the kill.
    store::PostFilter all;
    all.limit = 100000;
    auto posts = (*store)->list_posts(all);
    ASSERT_TRUE(posts.ok());
    for (const auto& post : posts->posts) {
      EXPECT_TRUE(audited.contains(post.title)) << post.title << " was published with no audit line";
    }
  }
  server = std::make_unique<ServerProcess>(data.path(), std::vector<std::string>{});
  ASSERT_GE(acknowledged.size(), 40u);
  for (const auto& title : acknowledged) {
    std::string slug;
    for (const char c : title) slug += c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(http_get(server->port(), "/" + slug + "/").status, 200) << title;
  }
}

}  // namespace
}  // namespace byline::testing
