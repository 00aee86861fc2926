// A full disk or a read-only data directory gets a clear refusal, and costs
// nothing already saved: the server keeps serving, the writer keeps what
// they typed, and the database stays sound. The data directory sits on a
// small tmpfs of its own, which needs root (the test machines run as root).
#include "byline_process.hpp"
#include "database_checks.hpp"
#include "http_client.hpp"
#include "newsroom_client.hpp"
#include "test_images.hpp"

#include "http/percent_encoding.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace byline::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPassword = "a long enough secret";
constexpr const char* kDiskSize = "size=8m,mode=0755";

// A tmpfs of 8 MiB mounted over a directory for the length of a test.
class SmallDisk {
 public:
  explicit SmallDisk(const fs::path& where) : where_(where) {
    if (::mount("tmpfs", where.c_str(), "tmpfs", 0, kDiskSize) != 0) {
      why_not_ = std::string("mounting a tmpfs failed: ") + std::strerror(errno);
    }
  }
  ~SmallDisk() {
    if (why_not_.empty()) ::umount2(where_.c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  bool mounted() const { return why_not_.empty(); }
  const std::string& why_not() const { return why_not_; }

  ::testing::AssertionResult make_read_only() const {
    if (::mount(nullptr, where_.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, kDiskSize) != 0) {
      return ::testing::AssertionFailure() << "remounting read-only: " << std::strerror(errno);
    }
    return ::testing::AssertionSuccess();
  }

 private:
  fs::path where_;
  std::string why_not_;
};

// Writes `file` until the disk has no room left.
void fill_disk(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0) << std::strerror(errno);
  const std::string chunk(64 * 1024, 'x');
  ssize_t written = 0;
  do {
    written = ::write(fd, chunk.data(), chunk.size());
  } while (written > 0);
  const int failure = errno;
  ::close(fd);
  ASSERT_EQ(failure, ENOSPC) << std::strerror(failure);
}

std::size_t files_under(const fs::path& folder) {
  std::size_t count = 0;
  std::error_code error;
  for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    if (it->is_regular_file()) ++count;
  }
  return count;
}

std::string new_post_form(const std::string& title) {
  return "title=" + http::url_encode(title) + "&body=" + http::url_encode("<p>" + std::string(2000, 'w') + "</p>") +
         "&intent=publish";
}

class StorageFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "mounting a small disk needs root";
    disk_ = std::make_unique<SmallDisk>(data_.path());
    ASSERT_TRUE(disk_->mounted()) << disk_->why_not();
    ASSERT_TRUE(add_staff(data_.path(), "eli@example.com", "Eli Editor", content::Role::editor, kPassword));
  }

  TempDir data_{"small-disk"};
  std::unique_ptr<SmallDisk> disk_;
};

TEST_F(StorageFaults, AFullDiskRefusesSavesClearlyAndLosesNothing) {
  const fs::path database = data_.path() / "byline.db";
  const fs::path filler = data_.path() / "filler";
  {
    ServerProcess server(data_.path(), {});
    StaffClient staff(server.port(), "eli@example.com", kPassword);
    ASSERT_TRUE(staff.signed_in());
    ASSERT_EQ(staff.post("/newsroom/posts/new/", new_post_form("Saved before the disk filled")).status, 303);

    empty_write_ahead_log(database);
    fill_disk(filler);

    const HttpResponse refused = staff.post("/newsroom/posts/new/", new_post_form("Typed while the disk was full"));
    EXPECT_EQ(refused.status, 507);
    EXPECT_NE(visible_text(refused.body).find("the disk that holds Byline's data is full"), std::string::npos)
        << visible_text(refused.body);
    EXPECT_NE(refused.body.find("value=\"Typed while the disk was full\""), std::string::npos)
        << "the writer's title must come back in the form";
    EXPECT_NE(server.output().find("disk that holds Byline's data is full"), std::string::npos) << server.output();

    const HttpResponse upload = http_request(
        server.port(), "POST", "/newsroom/media/",
        {{"Cookie", staff.cookie()}, {"Content-Type", "image/jpeg"}, {"X-CSRF-Token", staff.csrf_token()},
         {"X-Filename", "full.jpg"}},
        make_jpeg(1600, 900));
    EXPECT_EQ(upload.status, 507) << upload.body;
    EXPECT_EQ(upload.header("content-type"), "application/json");
    EXPECT_NE(upload.body.find("disk that holds Byline's data is full"), std::string::npos) << upload.body;
    EXPECT_EQ(files_under(data_.path() / "media"), 0u) << "a refused upload must leave no files behind";

    EXPECT_EQ(http_get(server.port(), "/saved-before-the-disk-filled/").status, 200);
    EXPECT_EQ(http_get(server.port(), "/").status, 200);

    fs::remove(filler);
    ASSERT_EQ(staff.post("/newsroom/posts/new/", new_post_form("Typed while the disk was full")).status, 303);
    EXPECT_EQ(http_get(server.port(), "/typed-while-the-disk-was-full/").status, 200);
    EXPECT_EQ(server.stop(), 0);
  }
  EXPECT_EQ(integrity_of(database), "ok");
  ServerProcess restarted(data_.path(), {});
  EXPECT_EQ(http_get(restarted.port(), "/saved-before-the-disk-filled/").status, 200);
  EXPECT_EQ(http_get(restarted.port(), "/typed-while-the-disk-was-full/").status, 200);
}

TEST_F(StorageFaults, AServerRefusesToStartOnAReadOnlyDataDirectory) {
  ASSERT_TRUE(disk_->make_read_only());
  const CommandResult started =
      run_byline({"serve", "--host", "127.0.0.1", "--port", "0", "--data", data_.path().string()}, 20);
  EXPECT_NE(started.exit_code, 0);
  EXPECT_NE(started.output.find("cannot write to the data directory " + data_.path().string() + ": it is read-only"),
            std::string::npos)
      << started.output;
}

TEST_F(StorageFaults, AServerRefusesToStartOnAFullDisk) {
  fill_disk(data_.path() / "filler");
  const CommandResult started =
      run_byline({"serve", "--host", "127.0.0.1", "--port", "0", "--data", data_.path().string()}, 20);
  EXPECT_NE(started.exit_code, 0);
  EXPECT_NE(started.output.find("cannot write to the data directory " + data_.path().string() + ": the disk is full"),
            std::string::npos)
      << started.output;
  fs::remove(data_.path() / "filler");
  EXPECT_EQ(integrity_of(data_.path() / "byline.db"), "ok");
}

}  // namespace
}  // namespace byline::testing
