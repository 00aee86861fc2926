// SqliteStore's reader connections, borrowed from the pool for one call.
// Internal to store/sqlite/.
#pragma once

#include "store/sqlite/connection.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <memory>
#include <mutex>

namespace byline::store::sqlite {

class SqliteStore::ReadLease {
 public:
  ReadLease(SqliteStore& store, std::unique_ptr<Connection> connection)
      : store_(store), connection_(std::move(connection)) {}
  ~ReadLease() {
    {
      std::lock_guard lock(store_.readers_mutex_);
      store_.idle_readers_.push_back(std::move(connection_));
    }
    store_.reader_returned_.notify_one();
  }
  ReadLease(const ReadLease&) = delete;
  ReadLease& operator=(const ReadLease&) = delete;
  Connection& operator*() { return *connection_; }

 private:
  SqliteStore& store_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace byline::store::sqlite
