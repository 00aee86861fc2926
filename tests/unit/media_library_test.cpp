#include "media/media_library.hpp"

#include "media/image_type.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "test_images.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace byline::media {
namespace {

using byline::testing::make_animated_webp;
using byline::testing::make_jpeg;
using byline::testing::make_jpeg_with_gps;
using byline::testing::make_noise_png;
using byline::testing::make_png;

const Time kNow = Time(std::chrono::sys_days(std::chrono::November / 29 / 2026));

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

class MediaLibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        std::filesystem::temp_directory_path() / ("byline-media-test-" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = store::sqlite::SqliteStore::open(dir_ / "byline.db", 1);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    library_ = std::make_unique<MediaLibrary>(store_, dir_);
  }
  void TearDown() override {
    library_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  Result<content::Media> add(const std::string& bytes, std::string name = "photo.jpg") {
    return library_->add(Upload{bytes, std::move(name), "Talks in Vienna", 0, std::nullopt}, kNow);
  }

  std::filesystem::path dir_;
  std::shared_ptr<store::Store> store_;
  std::unique_ptr<MediaLibrary> library_;
};

TEST(ImageType, IsJudgedFromTheBytesNotTheName) {
  EXPECT_EQ(sniff_image_type(make_jpeg(8, 8)), ImageType::jpeg);
  EXPECT_EQ(sniff_image_type(make_png(8, 8)), ImageType::png);
  EXPECT_EQ(sniff_image_type("GIF89a...."), ImageType::gif);
  EXPECT_EQ(sniff_image_type(std::string("RIFF\0\0\0\0WEBPVP8 ", 16)), ImageType::webp);
  EXPECT_FALSE(sniff_image_type("just some text, renamed photo.jpg"));
  EXPECT_FALSE(sniff_image_type(
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"));
  EXPECT_FALSE(sniff_image_type(""));
}

TEST_F(MediaLibraryTest, MakesWebpVariantsThatNeverEnlarge) {
  auto media = add(make_jpeg(1000, 600));
  ASSERT_TRUE(media.ok()) << media.error().message << " " << media.error().detail;
  EXPECT_EQ(media->width, 1000);
  EXPECT_EQ(media->height, 600);
  ASSERT_EQ(media->variants.size(), 3u);
  EXPECT_EQ(media->variants[0].width, 400);
  EXPECT_EQ(media->variants[1].width, 800);
  EXPECT_EQ(media->variants[2].width, 1000);
  for (const auto& variant : media->variants) {
    const auto bytes = library_->read_public_file(variant.path);
    ASSERT_TRUE(bytes.has_value()) << variant.path;
    EXPECT_EQ(sniff_image_type(*bytes), ImageType::webp);
  }
  EXPECT_TRUE(std::filesystem::exists(dir_ / "media" / "originals" / media->original_path));
  EXPECT_EQ(media_src(*media), "/media/" + media->variants.back().path);
  EXPECT_NE(media_srcset(*media).find(" 400w, "), std::string::npos);
  EXPECT_EQ(store_->media(10, 0)->size(), 1u);
  EXPECT_EQ(store_->media(10, 0)->front().alt, "Talks in Vienna");
}

TEST_F(MediaLibraryTest, OffersEveryWidthOfAnImageAsASrcsetWithTheSizeOfTheOneNamed) {
  auto media = add(make_jpeg(900, 500));
  ASSERT_TRUE(media.ok());
  const auto widest = library_->image_attributes_for(media_src(*media));
  EXPECT_EQ(widest.srcset, media_srcset(*media));
  EXPECT_EQ(widest.width, 900);
  EXPECT_EQ(widest.height, 500);
  // A narrower variant named: that variant's size.
  const auto narrow = library_->image_attributes_for("/media/" + media->variants.front().path);
  EXPECT_EQ(narrow.width, 400);
  EXPECT_EQ(narrow.height, 222);

  for (const std::string_view other :
       {"https://elsewhere.example/photo.webp", "/media/2026/11/nothing-800.webp"}) {
    const auto none = library_->image_attributes_for(other);
    EXPECT_EQ(none.srcset, "") << other;
    EXPECT_EQ(none.width, 0) << other;
    EXPECT_EQ(none.height, 0) << other;
  }
}

TEST_F(MediaLibraryTest, OffersTheTwelveHundredPixelVariantForSocialNetworksWithItsSize) {
  auto media = add(make_jpeg(2000, 1000));
  ASSERT_TRUE(media.ok());
  const auto social = library_->social_image_for(media_src(*media));  // asked with the 2000 px src
  ASSERT_TRUE(social.has_value());
  EXPECT_TRUE(social->src.ends_with("-1200.webp")) << social->src;
  EXPECT_EQ(social->width, 1200);
  EXPECT_EQ(social->height, 600);

  auto narrow = add(make_png(640, 480), "narrow.png");
  ASSERT_TRUE(narrow.ok());
  const auto small = library_->social_image_for(media_src(*narrow));
  ASSERT_TRUE(small.has_value());
  EXPECT_EQ(small->src, media_src(*narrow));  // its widest: 640
  EXPECT_EQ(small->width, 640);
  EXPECT_EQ(small->height, 480);

  EXPECT_FALSE(library_->social_image_for("https://elsewhere.example/photo.webp").has_value());
  EXPECT_FALSE(library_->social_image_for("/media/2026/11/nothing-800.webp").has_value());
}

TEST_F(MediaLibraryTest, KeepsASmallImageAtItsOwnSize) {
  auto media = add(make_png(120, 80), "icon.png");
  ASSERT_TRUE(media.ok());
  ASSERT_EQ(media->variants.size(), 1u);
  EXPECT_EQ(media->variants[0].width, 120);
}

TEST_F(MediaLibraryTest, RefusesTextRenamedAsAnImage) {
  auto media = add("This is a press release, not a photo.", "photo.jpg");
  ASSERT_FALSE(media.ok());
  EXPECT_EQ(media.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(media.error().message, "Only JPEG, PNG, GIF and WebP images can be uploaded.");
  EXPECT_TRUE(store_->media(10, 0)->empty());
}

TEST_F(MediaLibraryTest, RefusesABrokenImageWithAGoodSignature) {
  std::string broken = make_jpeg(300, 200);
  broken.resize(40);
  auto media = add(broken);
  ASSERT_FALSE(media.ok());
  EXPECT_EQ(media.error().code, ErrorCode::invalid_input);
}

TEST_F(MediaLibraryTest, RefusesAnImageCutShortOrWithoutItsPixels) {
  std::string cut_png = make_png(64, 64);
  cut_png.resize(60);  // the signature and the header chunk, no pixels
  EXPECT_FALSE(add(cut_png, "cut.png").ok());
  std::string half_png = make_noise_png(200, 200);
  half_png.resize(half_png.size() / 2);
  EXPECT_FALSE(add(half_png, "half.png").ok());
  // A JPEG's header and tables without its scan: nothing to show.
  const std::string jpeg = make_jpeg(300, 200);
  const auto scan = jpeg.find("\xFF\xDA");
  ASSERT_NE(scan, std::string::npos);
  EXPECT_FALSE(add(jpeg.substr(0, scan) + "\xFF\xD9").ok());
  std::string half_jpeg = make_jpeg(300, 200);
  half_jpeg.resize(half_jpeg.size() * 2 / 3);
  EXPECT_FALSE(add(half_jpeg).ok());
  EXPECT_TRUE(store_->media(10, 0)->empty());
  // Whole images of each kind still go in.
  EXPECT_TRUE(add(make_png(64, 64), "whole.png").ok());
  EXPECT_TRUE(add(make_jpeg(300, 200)).ok());
}

TEST_F(MediaLibraryTest, BoundsTheFramesOfAnAnimation) {
  auto short_animation = add(make_animated_webp(16, 20), "short.webp");
  ASSERT_TRUE(short_animation.ok()) << short_animation.error().detail;
  auto long_animation = add(make_animated_webp(16, kMaxFrames + 1), "long.webp");
  ASSERT_FALSE(long_animation.ok());
  EXPECT_NE(long_animation.error().message.find("too many frames"), std::string::npos);
}

TEST_F(MediaLibraryTest, PublicCopiesCarryNoCameraMetadata) {
  const std::string photo = make_jpeg_with_gps(900, 600, "byline-secret-place");
  // The test photo does carry it, or this test proves nothing.
  ASSERT_NE(photo.find("Exif"), std::string::npos);
  ASSERT_NE(photo.find("byline-secret-place"), std::string::npos);
  auto media = add(photo, "phone.jpg");
  ASSERT_TRUE(media.ok()) << media.error().detail;
  for (const auto& variant : media->variants) {
    const auto bytes = library_->read_public_file(variant.path);
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(bytes->find("EXIF"), std::string::npos) << variant.path;
    EXPECT_EQ(bytes->find("Exif"), std::string::npos) << variant.path;
    EXPECT_EQ(bytes->find("XMP "), std::string::npos) << variant.path;
    EXPECT_EQ(bytes->find("byline-secret-place"), std::string::npos) << variant.path;
    EXPECT_EQ(bytes->find("GPS"), std::string::npos) << variant.path;
  }
}

TEST(UploadFileNames, KnowsTheNamesUploadsGet) {
  EXPECT_TRUE(is_upload_file_name("2026/11/zMnX_XoBvhpbOoNP-900.webp"));
  EXPECT_TRUE(is_upload_file_name("2026/11/a-HH50uIePM2IaFW.jpg"));
  EXPECT_TRUE(is_upload_file_name("2026/01/a-HH50uIePM2IaFW.png"));
  for (const std::string_view other :
       {"2026/11/real-400.webp", "2026/11/zMnX_XoBvhpbOoNP-900.webp.bak",
        "2026/11/zMnX_XoBvhpbOoNP-x.webp", "2026/11/zMnX_XoBvhpbOoNP.txt",
        "notes/11/zMnX_XoBvhpbOoNP.jpg", "2026/11/zMnX_XoBvh!bOoNP.jpg", "2026/11/.jpg",
        "logo.png"}) {
    EXPECT_FALSE(is_upload_file_name(other)) << other;
  }
}

TEST_F(MediaLibraryTest, RemovesWhatUploadsCutShortLeftBehindAndNothingElse) {
  auto kept = add(make_jpeg(900, 600));
  ASSERT_TRUE(kept.ok());
  const auto month = dir_ / "media" / "public" / "2026" / "11";
  const auto originals = dir_ / "media" / "originals" / "2026" / "11";
  // An upload killed after its files were written, before its library entry.
  write_file(month / "QQQQQQQQQQQQQQQQ-400.webp", "RIFF");
  write_file(month / "QQQQQQQQQQQQQQQQ-800.webp.partial", "RIF");
  write_file(originals / "QQQQQQQQQQQQQQQQ.jpg", "JPEG");
  // Files an operator put there, under other names.
  write_file(month / "masthead-400.webp", "RIFF");
  std::filesystem::create_directories(dir_ / "media" / "public" / "brand");
  write_file(dir_ / "media" / "public" / "brand" / "logo.png", "PNG");
  // A symlink named like an upload is left alone, and so is what it names.
  write_file(dir_ / "precious.jpg", "keep me");
  std::filesystem::create_symlink(dir_ / "precious.jpg", originals / "SSSSSSSSSSSSSSSS.jpg");

  auto removed = library_->remove_unrecorded_files();
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 3u);
  EXPECT_FALSE(std::filesystem::exists(month / "QQQQQQQQQQQQQQQQ-400.webp"));
  EXPECT_FALSE(std::filesystem::exists(month / "QQQQQQQQQQQQQQQQ-800.webp.partial"));
  EXPECT_FALSE(std::filesystem::exists(originals / "QQQQQQQQQQQQQQQQ.jpg"));
  EXPECT_TRUE(std::filesystem::exists(month / "masthead-400.webp"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "media" / "public" / "brand" / "logo.png"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "precious.jpg"));
  EXPECT_TRUE(std::filesystem::is_symlink(originals / "SSSSSSSSSSSSSSSS.jpg"));
  for (const auto& variant : kept->variants)
    EXPECT_TRUE(library_->read_public_file(variant.path)) << variant.path;
  EXPECT_TRUE(std::filesystem::exists(dir_ / "media" / "originals" / kept->original_path));
  EXPECT_EQ(*library_->remove_unrecorded_files(), 0u);
}

TEST_F(MediaLibraryTest, RefusesTooManyPixelsBeforeDecodingThem) {
  auto media = add(make_png(kMaxSide + 1, 2), "wide.png");
  ASSERT_FALSE(media.ok());
  EXPECT_NE(media.error().message.find("too large in pixels"), std::string::npos);
}

TEST_F(MediaLibraryTest, RefusesAnUploadOverTheSizeLimit) {
  std::string huge = make_jpeg(8, 8);
  huge.resize(kMaxUploadBytes + 1);
  auto media = add(huge);
  ASSERT_FALSE(media.ok());
  EXPECT_EQ(media.error().code, ErrorCode::too_large);
}

TEST_F(MediaLibraryTest, ServesOnlyPathsItMakes) {
  EXPECT_FALSE(library_->read_public_file("../byline.db"));
  EXPECT_FALSE(library_->read_public_file("/etc/passwd"));
  EXPECT_FALSE(library_->read_public_file("2026/11/../../../byline.db"));
  EXPECT_FALSE(library_->read_public_file("2026/11/nothing-400.webp"));
  EXPECT_FALSE(library_->read_public_file("2026//x-400.webp"));
  EXPECT_FALSE(library_->read_public_file("./2026/x-400.webp"));
  EXPECT_FALSE(library_->read_public_file(""));
}

TEST_F(MediaLibraryTest, FollowsNoSymlinkOutOfThePublicFolder) {
  const auto public_folder = dir_ / "media" / "public";
  std::filesystem::create_directories(public_folder / "2026" / "11");
  write_file(dir_ / "secret.txt", "not for readers");
  write_file(public_folder / "2026" / "11" / "real-400.webp", "RIFF");
  std::filesystem::create_symlink(dir_ / "secret.txt",
                                  public_folder / "2026" / "11" / "link-400.webp");
  std::filesystem::create_directory_symlink(dir_, public_folder / "outside");
  std::filesystem::create_directory_symlink(public_folder / "2026", public_folder / "inside");

  EXPECT_EQ(library_->read_public_file("2026/11/real-400.webp"), "RIFF");
  EXPECT_TRUE(library_->has_public_file("2026/11/real-400.webp"));
  EXPECT_FALSE(library_->read_public_file("2026/11/link-400.webp"));
  EXPECT_FALSE(library_->has_public_file("2026/11/link-400.webp"));
  EXPECT_FALSE(library_->read_public_file("outside/secret.txt"));
  EXPECT_FALSE(library_->read_public_file("inside/11/real-400.webp"))
      << "no symlink is followed, even inside";
  EXPECT_FALSE(library_->read_public_file("2026/11")) << "a folder is not a file";
}

}  // namespace
}  // namespace byline::media
