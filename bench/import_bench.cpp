// The WordPress import benchmark: a generated export of N posts (20
// categories, 2,000 tags, 50 authors, bodies of about 3 KB) imported into a
// fresh data directory, against the baseline of libxml2's SAX parser
// reading the same file and doing nothing with it. Each measurement runs in
// a child process of its own, so its peak memory is its own; rounds are
// interleaved and the median and spread are printed, with CPU time.
//
//   byline_import_bench [POSTS] [ROUNDS]      (default 100000 posts, 3 rounds)
//   byline_import_bench --write FILE [POSTS]  only writes the export, to
//                                             profile `byline import` on it
#include "importing/wordpress_import.hpp"
#include "media/media_library.hpp"
#include "publishing/workflow.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "wxr_writer.hpp"

#include <libxml/parser.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using namespace byline;

struct Measure {
  double wall = 0;     // seconds
  double cpu = 0;      // seconds, user + system
  double peak_mb = 0;  // resident
};

// Runs `work` in a child process; its wall time, CPU time and peak memory.
Measure in_child(const std::function<int()>& work) {
  const auto started = std::chrono::steady_clock::now();
  const pid_t child = fork();
  if (child == 0) _exit(work());
  int status = 0;
  rusage usage{};
  wait4(child, &status, 0, &usage);
  Measure measure;
  measure.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  measure.cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  measure.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "a measured run failed (status %d)\n", status);
    std::exit(1);
  }
  return measure;
}

// The baseline: libxml2 reads the file in the pieces Byline reads it in,
// and does nothing with what it finds.
int parse_only(const std::filesystem::path& file) {
  xmlSAXHandler sax{};
  sax.initialized = XML_SAX2_MAGIC;
  FILE* in = std::fopen(file.c_str(), "rb");
  if (!in) return 1;
  std::vector<char> piece(256 * 1024);
  xmlParserCtxtPtr context = xmlCreatePushParserCtxt(&sax, nullptr, nullptr, 0, file.c_str());
  xmlCtxtUseOptions(context, XML_PARSE_NONET);
  while (const std::size_t got = std::fread(piece.data(), 1, piece.size(), in)) {
    if (xmlParseChunk(context, piece.data(), static_cast<int>(got), 0) != 0) return 1;
  }
  const int failed = xmlParseChunk(context, nullptr, 0, 1);
  xmlFreeParserCtxt(context);
  std::fclose(in);
  return failed == 0 ? 0 : 1;
}

int import(const std::filesystem::path& file, const std::filesystem::path& data) {
  std::filesystem::remove_all(data);
  std::filesystem::create_directories(data);
  auto opened = store::sqlite::SqliteStore::open(data / "byline.db", 1);
  if (!opened) return 1;
  std::shared_ptr<store::Store> store = std::move(*opened);
  publishing::Workflow workflow(store);
  media::MediaLibrary media(store, data);
  importing::WordPressImportOptions options;
  options.file = file;
  auto summary = importing::import_wordpress(*store, workflow, media, options, nullptr);
  if (!summary) {
    std::fprintf(stderr, "import failed: %s\n", summary.error().message.c_str());
    return 1;
  }
  return summary->posts.created > 0 ? 0 : 1;
}

// The CPU's name, as /proc/cpuinfo gives it: figures from different
// machines do not compare.
std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (!line.starts_with("model name")) continue;
    const auto value = line.find_first_not_of(" \t", line.find(':') + 1);
    if (value != std::string::npos) return line.substr(value);
  }
  return "unknown CPU";
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

void report(const char* name, const std::vector<Measure>& runs, int posts) {
  std::vector<double> rates, cpu, peaks;
  for (const auto& run : runs) {
    rates.push_back(posts / run.wall);
    cpu.push_back(run.cpu / posts * 1e6);
    peaks.push_back(run.peak_mb);
  }
  const auto [low, high] = std::minmax_element(rates.begin(), rates.end());
  const auto [cpu_low, cpu_high] = std::minmax_element(cpu.begin(), cpu.end());
  std::printf(
      "  %-22s %7.0f posts/s (spread %.0f–%.0f)  %6.1f µs CPU/post (spread %.1f–%.1f)  peak %6.1f "
      "MB\n",
      name, median(rates), *low, *high, median(cpu), *cpu_low, *cpu_high, median(peaks));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "--write") {
    if (argc < 3) {
      std::fprintf(stderr, "usage: byline_import_bench --write FILE [POSTS]\n");
      return 2;
    }
    std::ofstream out(argv[2], std::ios::binary);
    byline::testing::WxrShape shape;
    shape.posts = argc > 3 ? std::atoi(argv[3]) : 100000;
    byline::testing::write_wxr(out, shape);
    return out ? 0 : 1;
  }
  const int posts = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 3;
  const auto dir =
      std::filesystem::temp_directory_path() / ("byline-import-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);

  // Two files: the one measured, and one a tenth of its size, to see that
  // memory stays flat as the file grows.
  std::vector<std::pair<int, std::filesystem::path>> files = {{posts / 10, dir / "small.xml"},
                                                              {posts, dir / "export.xml"}};
  for (const auto& [count, path] : files) {
    std::ofstream out(path, std::ios::binary);
    byline::testing::WxrShape shape;
    shape.posts = count;
    byline::testing::write_wxr(out, shape);
  }
  std::printf(
      "WordPress import of %d generated posts (%.0f MB), %d rounds, each run in a process of its "
      "own, on %u CPUs (%s)\n",
      posts, static_cast<double>(std::filesystem::file_size(dir / "export.xml")) / 1e6, rounds,
      std::thread::hardware_concurrency(), cpu_model().c_str());

  for (const auto& [count, path] : files) {
    std::vector<Measure> parsed, imported;
    for (int round = 0; round < rounds; ++round) {
      parsed.push_back(in_child([&] { return parse_only(path); }));
      imported.push_back(in_child([&] { return import(path, dir / "data"); }));
    }
    std::printf("%d posts (%.0f MB):\n", count,
                static_cast<double>(std::filesystem::file_size(path)) / 1e6);
    report("libxml2 parse alone", parsed, count);
    report("byline import", imported, count);
    std::vector<double> ratio;
    for (int round = 0; round < rounds; ++round)
      ratio.push_back(imported[round].wall / parsed[round].wall);
    std::printf("  import time / parse time: %.1f (median)\n", median(ratio));
    // The last round's database, with its write-ahead log folded in (the
    // import's store closed when its process ended).
    const auto database = std::filesystem::file_size(dir / "data" / "byline.db");
    std::printf("  database: %.0f MB, %.1f KB a post\n", static_cast<double>(database) / 1e6,
                static_cast<double>(database) / count / 1e3);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
