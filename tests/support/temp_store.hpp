// A fresh SQLite store in a directory of its own, for tests that need a
// real Store: made on construction, removed with everything in it after.
#pragma once

#include "store/sqlite/sqlite_store.hpp"

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace byline::testing {

class TempStore {
 public:
  // `purpose` names the directory, so a test's leftovers are told apart.
  explicit TempStore(std::string_view purpose)
      : dir_(std::filesystem::temp_directory_path() /
             ("byline-" + std::string(purpose) + "-" + std::to_string(getpid()))) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = store::sqlite::SqliteStore::open(dir_ / "byline.db", 1);
    if (!opened.ok())
      throw std::runtime_error("cannot open a test store: " + opened.error().detail);
    store_ = std::move(*opened);
  }
  ~TempStore() {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;

  const std::shared_ptr<store::Store>& store() const { return store_; }
  const std::filesystem::path& dir() const { return dir_; }
  // Closes the store (its files stay until the TempStore goes).
  void close() { store_.reset(); }

 private:
  std::filesystem::path dir_;
  std::shared_ptr<store::Store> store_;
};

}  // namespace byline::testing
