// Site search latency on 100,000 generated posts: FTS5 (what /search uses)
// against a baseline LIKE scan over the same rows, in one run.
//
//   build-release/bench/byline_search_bench [posts]
#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

using namespace byline;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kWords[] = {"iran", "russia", "oil", "talks", "minister", "parliament", "budget",
                                  "sanctions", "gaza", "water", "summit", "election", "court", "media",
                                  "energy", "trade", "nuclear", "bank", "farmers", "students", "ایران",
                                  "روسیه", "نفت", "مذاکرات"};

// Text from a 20,000-word vocabulary, where each of kWords (what the
// queries ask for) shows up about once in 2,400 words, as a name or topic
// does in a real archive.
std::string sentence(std::mt19937& random, int words) {
  std::string text;
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kWords) - 1);
  std::uniform_int_distribution<int> filler(0, 19999);
  std::uniform_int_distribution<int> chance(0, 99);
  for (int i = 0; i < words; ++i) {
    text += i ? " " : "";
    text += chance(random) == 0 ? std::string(kWords[pick(random)]) : "w" + std::to_string(filler(random));
  }
  return text;
}

struct Stats {
  double median_ms;
  double p99_ms;
};

Stats stats(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return {samples[samples.size() / 2], samples[std::min(samples.size() - 1, samples.size() * 99 / 100)]};
}

}  // namespace

int main(int argc, char** argv) {
  const int posts = argc > 1 ? std::atoi(argv[1]) : 100000;
  const auto dir = std::filesystem::temp_directory_path() / ("byline-search-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto database = dir / "byline.db";
  std::mt19937 random(42);

  // Rows go in with plain SQL in one transaction: the benchmark is about
  // reading. Opening the Store afterwards builds the search index.
  {
    auto store = store::sqlite::SqliteStore::open(database, 1);  // creates the schema
    if (!store) return std::fprintf(stderr, "%s\n", store.error().detail.c_str()), 1;
  }
  {
    auto connection = store::sqlite::Connection::open(database.string(), false);
    if (!connection) return 1;
    (void)(*connection)->execute("DELETE FROM post_search; BEGIN");
    auto insert = (*connection)->prepare(
        "INSERT INTO posts (slug, title, plaintext, body_html, status, published_at, created_at, updated_at) "
        "VALUES (?, ?, ?, '', 'published', ?, ?, ?)");
    if (!insert) return std::fprintf(stderr, "%s\n", insert.error().detail.c_str()), 1;
    const auto start = Clock::now();
    for (int i = 0; i < posts; ++i) {
      const std::string body = sentence(random, 120);
      (*insert)->bind(1, "post-" + std::to_string(i)).bind(2, sentence(random, 8)).bind(3, body);
      (*insert)->bind(4, std::int64_t{1700000000 + i}).bind(5, std::int64_t{1700000000 + i});
      (*insert)->bind(6, std::int64_t{1700000000 + i});
      (void)(*insert)->run();
    }
    insert = make_error(ErrorCode::internal, "done");  // finish the statement before COMMIT
    (void)(*connection)->execute("COMMIT");
    std::printf("wrote %d posts in %.1f s\n", posts,
                std::chrono::duration<double>(Clock::now() - start).count());
  }
  const auto index_start = Clock::now();
  auto opened = store::sqlite::SqliteStore::open(database, 1);
  if (!opened) return std::fprintf(stderr, "%s\n", opened.error().detail.c_str()), 1;
  std::printf("indexed them in %.1f s\n", std::chrono::duration<double>(Clock::now() - index_start).count());
  auto& store = **opened;

  const std::vector<std::string> queries = {"oil", "iran talks", "\"nuclear talks\"", "sanct", "ایران",
                                            "parliament budget court", "summit water", "minister"};
  const Time now = now_utc();
  std::vector<double> fts;
  for (int round = 0; round < 50; ++round) {
    for (const auto& typed : queries) {
      const auto start = Clock::now();
      auto page = store.search(typed, now, 10, 0);
      fts.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (!page) return 1;
    }
  }
  // Baseline: what a site without an index does, a LIKE scan of the text
  // for every match (ranking needs them all).
  std::vector<double> scan;
  {
    auto connection = store::sqlite::Connection::open(database.string(), false);
    if (!connection) return 1;
    for (const auto& typed : queries) {
      const auto start = Clock::now();
      // The statement is cached by the connection; each use starts afresh.
      auto like = (*connection)->prepare(
          "SELECT id FROM posts WHERE status = 'published' AND (title LIKE ?1 OR plaintext LIKE ?1)");
      if (!like) return std::fprintf(stderr, "%s\n", like.error().detail.c_str()), 1;
      (*like)->bind(1, "%" + typed.substr(0, typed.find(' ')) + "%");
      while (*(*like)->step()) {
      }
      scan.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
  }
  const Stats indexed = stats(fts);
  const Stats baseline = stats(scan);
  std::printf("search over %d posts, %zu queries: median %.2f ms, p99 %.2f ms\n", posts, fts.size(),
              indexed.median_ms, indexed.p99_ms);
  std::printf("baseline LIKE scan, %zu queries: median %.2f ms, p99 %.2f ms\n", scan.size(), baseline.median_ms,
              baseline.p99_ms);
  std::printf("ratio (baseline median / search median): %.1fx\n", baseline.median_ms / indexed.median_ms);
  std::filesystem::remove_all(dir);
  return 0;
}
