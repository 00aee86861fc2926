// Makes a data directory for load tests: the demo site (its authors,
// sections, tags and seed article) plus N generated articles of a usual
// news length, each with an author, a section and a tag.
//
//   build-release/bench/byline_make_site DIR [articles]
#include "demo/demo_content.hpp"
#include "media/media_library.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

using namespace byline;

namespace {

constexpr const char* kTopics[] = {
    "Oil exports",       "The central bank",  "Parliament",
    "Water reserves",    "The nuclear talks", "Wheat farmers",
    "The rial",          "Tehran's metro",    "University entrance exams",
    "The steel industry"};
constexpr const char* kEvents[] = {"reach a new high",
                                   "face fresh questions",
                                   "win a reprieve",
                                   "prompt a debate in Parliament",
                                   "set the tone for next year",
                                   "draw foreign investors",
                                   "slow after a strong month"};

std::string paragraph(std::mt19937& random, std::string_view topic) {
  static constexpr const char* kSentences[] = {
      "Officials said the figures would be reviewed before the end of the month.",
      "Analysts in Tehran expect the trend to continue into the next quarter.",
      "The ministry did not respond to a request for comment.",
      "Local reports said the decision had been expected for several weeks.",
      "Critics argue that the measures do not go far enough.",
      "A spokesperson said details would be published on the ministry's website.",
      "The figures are the highest recorded since the current series began.",
  };
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kSentences) - 1);
  std::string text = "<p>" + std::string(topic) + " was the subject of talks on Monday.";
  for (int i = 0; i < 4; ++i) text += std::string(" ") + kSentences[pick(random)];
  return text + "</p>";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: byline_make_site DIR [articles]\n");
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const int articles = argc > 2 ? std::atoi(argv[2]) : 10000;
  std::filesystem::create_directories(dir);
  const auto database = dir / "byline.db";
  const Time now = now_utc();
  {
    auto store = store::sqlite::SqliteStore::open(database, 1);
    if (!store) return std::fprintf(stderr, "%s\n", store.error().detail.c_str()), 1;
    std::shared_ptr<store::Store> shared = std::move(*store);
    media::MediaLibrary library(shared, dir);
    auto filled = demo::fill_with_demo_content(*shared, library, now);
    if (!filled) return std::fprintf(stderr, "%s\n", filled.error().message.c_str()), 1;
    if (*filled == 0) return std::fprintf(stderr, "%s already has posts\n", database.c_str()), 1;
  }

  // Plain SQL in one transaction: this is setting the stage, not the test.
  // Opening the Store afterwards builds the search index.
  auto connection = store::sqlite::Connection::open(database.string(), false);
  if (!connection) return 1;
  auto& db = **connection;
  (void)db.execute("DELETE FROM post_search; BEGIN");
  auto insert = db.prepare(
      "INSERT INTO posts (type, slug, title, body_html, body_source, plaintext, status, "
      "published_at, created_at, "
      "updated_at, revision) VALUES ('article', ?, ?, ?, ?, ?, 'published', ?, ?, ?, 1)");
  auto link = db.prepare(
      "INSERT INTO post_authors (post_id, user_id, position) SELECT ?1, id, 0 FROM users WHERE id "
      "= 1 + ?2 % 3;");
  auto in_section = db.prepare(
      "INSERT INTO post_sections (post_id, section_id, position) SELECT ?1, id, 0 FROM sections "
      "WHERE id = 1 + ?2 % (SELECT count(*) FROM sections)");
  auto tagged = db.prepare(
      "INSERT INTO post_tags (post_id, tag_id, position) SELECT ?1, id, 0 FROM tags "
      "WHERE id = 1 + ?2 % (SELECT count(*) FROM tags)");
  if (!insert || !link || !in_section || !tagged)
    return std::fprintf(stderr, "preparing failed\n"), 1;
  std::mt19937 random(7);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < articles; ++i) {
    const std::string topic = kTopics[i % std::size(kTopics)];
    const std::string title = topic + " " + kEvents[(i / std::size(kTopics)) % std::size(kEvents)] +
                              ", report " + std::to_string(i);
    std::string body;
    for (int p = 0; p < 9; ++p) body += paragraph(random, topic);
    std::string text = body;  // the plain text, for excerpts and search
    for (const std::string_view tag : {"<p>", "</p>"}) {
      for (auto at = text.find(tag); at != std::string::npos; at = text.find(tag))
        text.replace(at, tag.size(), " ");
    }
    // An hour apart, the newest two hours old.
    const std::int64_t published =
        (now - std::chrono::hours(articles - i + 2)).time_since_epoch().count();
    (*insert)
        ->bind(1, "report-" + std::to_string(i))
        .bind(2, title)
        .bind(3, body)
        .bind(4, body)
        .bind(5, text);
    (*insert)->bind(6, published).bind(7, published).bind(8, published);
    if (!(*insert)->run()) return std::fprintf(stderr, "insert failed\n"), 1;
    const std::int64_t id = db.last_insert_id();
    for (auto* statement : {link->get(), in_section->get(), tagged->get()}) {
      statement->bind(1, id).bind(2, std::int64_t{i});
      if (!statement->run()) return std::fprintf(stderr, "linking failed\n"), 1;
    }
  }
  insert = make_error(ErrorCode::internal, "done");  // finish the statements before COMMIT
  link = insert.error();
  in_section = insert.error();
  tagged = insert.error();
  (void)db.execute("COMMIT");
  connection = make_error(ErrorCode::internal, "closed");
  {
    auto store = store::sqlite::SqliteStore::open(database, 1);  // builds the search index
    if (!store) return std::fprintf(stderr, "%s\n", store.error().detail.c_str()), 1;
  }
  std::printf("byline_make_site: %d generated articles and the demo site in %s (%.1f s)\n",
              articles, dir.c_str(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return 0;
}
