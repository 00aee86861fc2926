// Image uploads over real HTTP: real images are stored and served as WebP;
// fakes, SVG, oversize files and requests without a session or a CSRF token
// are refused with a JSON message.
#include "byline_process.hpp"
#include "newsroom_client.hpp"
#include "test_images.hpp"

#include "accounts/accounts.hpp"
#include "http/percent_encoding.hpp"
#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace byline::testing {
namespace {

constexpr const char* kPassword = "a long enough secret";

class NewsroomMedia : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::sqlite::SqliteStore::open(data_.path() / "byline.db", 1);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    ASSERT_TRUE(accounts::add_account(*store_, {"arash@example.com", "Arash Author",
                                                content::Role::author, kPassword})
                    .ok());
    server_ = std::make_unique<ServerProcess>(data_.path(), std::vector<std::string>{});
    staff_ = std::make_unique<StaffClient>(server_->port(), "arash@example.com", kPassword);
    ASSERT_TRUE(staff_->signed_in());
  }

  HttpResponse upload(const std::string& bytes, const std::string& type, const std::string& token) {
    return http_request(server_->port(), "POST", "/newsroom/media/",
                        {{"Cookie", staff_->cookie()},
                         {"Content-Type", type},
                         {"X-CSRF-Token", token},
                         {"X-Filename", "vienna%20talks.jpg"},
                         {"X-Alt", "Ministers%20in%20Vienna"}},
                        bytes);
  }

  TempDir data_{"media"};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<StaffClient> staff_;
};

TEST_F(NewsroomMedia, StoresARealImageAndServesItsVariants) {
  const HttpResponse answer = upload(make_jpeg(900, 600), "image/jpeg", staff_->csrf_token());
  ASSERT_EQ(answer.status, 201) << answer.body;
  EXPECT_EQ(answer.header("content-type"), "application/json");
  EXPECT_NE(answer.body.find("\"alt\":\"Ministers in Vienna\""), std::string::npos) << answer.body;
  const std::string src = first_match(answer.body, R"re("src":"([^"]+)")re");
  ASSERT_TRUE(src.starts_with("/media/")) << answer.body;
  EXPECT_NE(answer.body.find("400w"), std::string::npos);

  const HttpResponse image = http_get(server_->port(), src);
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(image.header("content-type"), "image/webp");
  EXPECT_TRUE(image.body.starts_with("RIFF"));
  EXPECT_NE(image.header("cache-control").find("immutable"), std::string::npos);
  const std::string etag = image.header("etag");
  const HttpResponse again = http_request(server_->port(), "GET", src, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  const std::string missing = "/media/2026/11/no-such-image-400.webp";
  EXPECT_EQ(http_request(server_->port(), "GET", missing,
                         {{"If-None-Match", "\"2026/11/no-such-image-400.webp\""}})
                .status,
            404);
  EXPECT_NE(staff_->get("/newsroom/media/").body.find(src), std::string::npos);
  const HttpResponse library = staff_->get("/newsroom/media/?format=json");
  EXPECT_EQ(library.header("content-type"), "application/json");
  EXPECT_NE(library.body.find("\"src\":\"" + src + "\""), std::string::npos) << library.body;
}

TEST_F(NewsroomMedia, AFeaturedImageIsOfferedToSocialNetworksAtTwelveHundredPixelsWithItsSize) {
  const HttpResponse uploaded = upload(make_jpeg(1600, 900), "image/jpeg", staff_->csrf_token());
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const std::string src = first_match(uploaded.body, R"re("src":"([^"]+)")re");
  ASSERT_TRUE(src.ends_with("-1600.webp")) << src;
  const HttpResponse saved =
      staff_->post("/newsroom/posts/new/",
                   "title=Summit+in+Vienna&body=%3Cp%3EStory.%3C%2Fp%3E&featured_image=" +
                       http::url_encode(src) + "&featured_image_alt=Ministers&intent=publish");
  ASSERT_EQ(saved.status, 303) << visible_text(saved.body);

  const std::string article = http_get(server_->port(), "/summit-in-vienna/").body;
  const std::string shared =
      src.substr(0, src.size() - std::string("1600.webp").size()) + "1200.webp";
  const std::string site = "http://127.0.0.1:" + std::to_string(server_->port());
  EXPECT_NE(article.find("<meta property=\"og:image\" content=\"" + site + shared + "\">"),
            std::string::npos)
      << article;
  EXPECT_NE(article.find("<meta property=\"og:image:width\" content=\"1200\">"), std::string::npos);
  EXPECT_NE(article.find("<meta property=\"og:image:height\" content=\"675\">"), std::string::npos);
  EXPECT_NE(article.find("<meta name=\"twitter:card\" content=\"summary_large_image\">"),
            std::string::npos);
  EXPECT_NE(article.find("\"image\":[{\"@type\":\"ImageObject\",\"url\":\"" + site + shared +
                         "\",\"width\":1200,\"height\":675}]"),
            std::string::npos);
  EXPECT_EQ(http_get(server_->port(), shared).status, 200);
}

TEST_F(NewsroomMedia, RefusesTextRenamedAsAJpeg) {
  const HttpResponse answer =
      upload("Breaking: this is not a photo.", "image/jpeg", staff_->csrf_token());
  EXPECT_EQ(answer.status, 400);
  EXPECT_EQ(answer.body, "{\"error\":\"Only JPEG, PNG, GIF and WebP images can be uploaded.\"}\n");
  EXPECT_TRUE(store_->media(10, 0)->empty());
}

TEST_F(NewsroomMedia, RefusesSvg) {
  const HttpResponse answer = upload(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" "
      "height=\"1\"/></svg>",
      "image/svg+xml", staff_->csrf_token());
  EXPECT_EQ(answer.status, 400);
}

TEST_F(NewsroomMedia, RefusesUploadsWithoutTheTokenOrASession) {
  EXPECT_EQ(upload(make_jpeg(50, 50), "image/jpeg", "forged").status, 403);
  const HttpResponse signed_out = http_request(server_->port(), "POST", "/newsroom/media/",
                                               {{"Content-Type", "image/jpeg"}}, make_jpeg(50, 50));
  EXPECT_EQ(signed_out.status, 401);
  EXPECT_TRUE(store_->media(10, 0)->empty());
}

TEST_F(NewsroomMedia, ALargeUploadWithoutASessionIsRefusedBeforeItIsSent) {
  // The header alone: a server waiting for the 5 MB it was told of would
  // give no answer before the connection timed out.
  const std::string head =
      "POST /newsroom/media/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
      "Content-Length: 5000000\r\n";
  const std::string signed_out = send_raw(server_->port(), head + "X-CSRF-Token: x\r\n\r\n");
  EXPECT_TRUE(signed_out.starts_with("HTTP/1.1 401 ")) << signed_out.substr(0, 200);
  EXPECT_NE(signed_out.find("Connection: close"), std::string::npos);
  const std::string forged = send_raw(
      server_->port(), head + "Cookie: " + staff_->cookie() + "\r\nX-CSRF-Token: forged\r\n\r\n");
  EXPECT_TRUE(forged.starts_with("HTTP/1.1 403 ")) << forged.substr(0, 200);
  // WordPress's ?rest_route= spelling turns no upload into a read.
  const std::string rerouted =
      send_raw(server_->port(),
               "POST /newsroom/media/?rest_route=/wp/v2/posts HTTP/1.1\r\nHost: "
               "127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: 5000000\r\n\r\n");
  EXPECT_TRUE(rerouted.starts_with("HTTP/1.1 401 ")) << rerouted.substr(0, 200);
  EXPECT_TRUE(store_->media(10, 0)->empty());
}

TEST_F(NewsroomMedia, RefusesAFileOverTwentyMegabytes) {
  std::string huge = make_jpeg(50, 50);
  huge.resize(21 * 1024 * 1024, 'x');
  const HttpResponse answer = upload(huge, "image/jpeg", staff_->csrf_token());
  EXPECT_EQ(answer.status, 413);
}

TEST_F(NewsroomMedia, AcceptsPhotosOfSeveralMegabytes) {
  for (const int side : {1000, 1900}) {  // about 1.5 MB and 5 MB of PNG
    const std::string photo = make_noise_png(side, side);
    ASSERT_GT(photo.size(), side == 1000 ? 1024u * 1024 : 5u * 1000 * 1000);
    const HttpResponse answer = upload(photo, "image/png", staff_->csrf_token());
    EXPECT_EQ(answer.status, 201) << photo.size() << " bytes: " << answer.body;
  }
  // Another spelling of the same address gets the same limit.
  const HttpResponse spelled = http_request(server_->port(), "POST", "/newsroom/%6Dedia/",
                                            {{"Cookie", staff_->cookie()},
                                             {"Content-Type", "image/png"},
                                             {"X-CSRF-Token", staff_->csrf_token()}},
                                            make_noise_png(1000, 1000));
  EXPECT_EQ(spelled.status, 201) << spelled.body;
  EXPECT_EQ(store_->media(10, 0)->size(), 3u);
}

TEST_F(NewsroomMedia, RefusesAnImageCutShort) {
  std::string cut = make_png(64, 64);
  cut.resize(60);
  const HttpResponse answer = upload(cut, "image/png", staff_->csrf_token());
  EXPECT_EQ(answer.status, 400) << answer.body;
  EXPECT_EQ(answer.body, "{\"error\":\"That file could not be read as an image.\"}\n");
  EXPECT_TRUE(store_->media(10, 0)->empty());
}

TEST_F(NewsroomMedia, PublishesNoCameraMetadata) {
  const HttpResponse answer = upload(make_jpeg_with_gps(1300, 900, "byline-secret-place"),
                                     "image/jpeg", staff_->csrf_token());
  ASSERT_EQ(answer.status, 201) << answer.body;
  const std::string srcset = first_match(answer.body, R"re("srcset":"([^"]+)")re");
  std::size_t variants = 0;
  for (std::size_t at = srcset.find("/media/"); at != std::string::npos;
       at = srcset.find("/media/", at + 1)) {
    const HttpResponse image =
        http_get(server_->port(), srcset.substr(at, srcset.find(' ', at) - at));
    ASSERT_EQ(image.status, 200);
    EXPECT_EQ(image.body.find("EXIF"), std::string::npos);
    EXPECT_EQ(image.body.find("XMP "), std::string::npos);
    EXPECT_EQ(image.body.find("byline-secret-place"), std::string::npos);
    ++variants;
  }
  EXPECT_EQ(variants, 4u);  // 400, 800, 1200 and 1300
}

TEST_F(NewsroomMedia, KeepsOtherRequestsToTheUsualBodyLimit) {
  const HttpResponse answer =
      staff_->post("/newsroom/posts/new/", "title=Big&body=" + std::string(2 * 1024 * 1024, 'x'));
  EXPECT_EQ(answer.status, 413);
}

TEST(MediaAtStart, FilesOfUploadsThatNeverFinishedAreRemovedAtStart) {
  TempDir data("media-orphans");
  const auto month = data.path() / "media" / "public" / "2026" / "11";
  std::filesystem::create_directories(month);
  std::ofstream(month / "QQQQQQQQQQQQQQQQ-400.webp", std::ios::binary) << "RIFF";
  std::ofstream(month / "QQQQQQQQQQQQQQQQ-800.webp.partial", std::ios::binary) << "RIF";
  std::ofstream(month / "masthead-400.webp", std::ios::binary) << "RIFF";
  ServerProcess server(data.path(), {"--demo"});
  EXPECT_NE(server.output().find("Media: removed 2 files left by uploads that never finished"),
            std::string::npos)
      << server.output();
  EXPECT_FALSE(std::filesystem::exists(month / "QQQQQQQQQQQQQQQQ-400.webp"));
  EXPECT_FALSE(std::filesystem::exists(month / "QQQQQQQQQQQQQQQQ-800.webp.partial"));
  EXPECT_EQ(http_get(server.port(), "/media/2026/11/masthead-400.webp").status, 200);
}

}  // namespace
}  // namespace byline::testing
