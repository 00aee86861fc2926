// Starting Byline: the parts wired together in the order they start.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace byline::app {

struct ServeOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::filesystem::path data_dir = "data";
  bool demo = false;
  int threads = 0;                  // 0: one per core
  std::string url;                  // public address; empty: http://host:port
  std::filesystem::path theme_dir;  // empty: the default theme, built in
  bool page_cache = true;           // whole answers for anonymous readers
  bool fragment_cache = true;       // rendered pieces of pages (article bodies, Recent Posts)
  std::size_t cache_megabytes = 256;
  bool access_log = true;
  std::size_t max_connections = 10000;
};

// Runs the server until SIGINT/SIGTERM. Returns the exit code; on failure
// the reason has been printed as one line on standard error.
int serve(const ServeOptions& options);

}  // namespace byline::app
