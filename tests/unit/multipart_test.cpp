#include "http/multipart.hpp"

#include <gtest/gtest.h>

namespace byline::http {
namespace {

// As the form-data package that @tryghost/admin-api uploads with writes it.
const std::string kType =
    "multipart/form-data; boundary=--------------------------847216540317541651542811";
const std::string kBoundary = "----------------------------847216540317541651542811";

std::string body_of(std::initializer_list<std::string> parts) {
  std::string body;
  for (const std::string& part : parts) body += kBoundary + "\r\n" + part + "\r\n";
  return body + kBoundary + "--\r\n";
}

TEST(Multipart, ReadsAFileAndTheFieldsBesideIt) {
  const std::string png("\x89PNG\r\n\x1a\n\0\0binary\r\n--not-the-boundary", 35);
  const std::string body =
      body_of({"Content-Disposition: form-data; name=\"file\"; filename=\"photo one.png\"\r\n"
               "Content-Type: image/png\r\n\r\n" +
                   png,
               "Content-Disposition: form-data; name=\"ref\"\r\n\r\nhero-image"});
  const auto form = parse_multipart(kType, body);
  ASSERT_TRUE(form);
  ASSERT_EQ(form->parts.size(), 2u);
  const Part* file = form->find("file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "photo one.png");
  EXPECT_EQ(file->content_type, "image/png");
  EXPECT_EQ(file->body, png) << "bytes kept exactly, CRLF and dashes in them too";
  ASSERT_NE(form->find("ref"), nullptr);
  EXPECT_EQ(form->find("ref")->body, "hero-image");
  EXPECT_EQ(form->find("purpose"), nullptr);
}

TEST(Multipart, TakesQuotedBoundariesAPreambleAndHeaderNamesInAnyCase) {
  const std::string body =
      "a preamble to ignore\r\n--simple\r\ncontent-disposition: form-data; name=file; "
      "filename=\"a\\\"b.gif\"\r\n\r\nGIF89a\r\n--simple--";
  const auto form =
      parse_multipart("Multipart/Form-Data; charset=utf-8; boundary=\"simple\"", body);
  ASSERT_TRUE(form);
  ASSERT_EQ(form->parts.size(), 1u);
  EXPECT_EQ(form->parts[0].name, "file");
  EXPECT_EQ(form->parts[0].filename, "a\"b.gif");
  EXPECT_EQ(form->parts[0].body, "GIF89a");
}

TEST(Multipart, RefusesWhatIsNotAWholeForm) {
  const std::string file = "Content-Disposition: form-data; name=\"file\"\r\n\r\nbytes";
  EXPECT_TRUE(parse_multipart(kType, body_of({file})));
  EXPECT_FALSE(parse_multipart("application/json", body_of({file})));
  EXPECT_FALSE(parse_multipart("multipart/form-data", body_of({file}))) << "no boundary";
  EXPECT_FALSE(parse_multipart("multipart/form-data; boundary=" + std::string(71, 'x'), ""));
  EXPECT_FALSE(parse_multipart(kType, "")) << "no parts at all";
  const std::string unclosed = kBoundary + "\r\n" + file;
  EXPECT_FALSE(parse_multipart(kType, unclosed)) << "no closing boundary";
  EXPECT_FALSE(parse_multipart(kType, body_of({"Content-Type: text/plain\r\n\r\nx"})))
      << "a part without a name";
  EXPECT_FALSE(
      parse_multipart(kType, body_of({"Content-Disposition: attachment; name=\"file\"\r\n\r\nx"})));
  EXPECT_FALSE(
      parse_multipart(kType, body_of({"Content-Disposition: form-data; name=\"file\"\r\nX-Long: " +
                                      std::string(kMaxPartHeaderBytes, 'a') + "\r\n\r\nx"})));
  std::string many;
  for (std::size_t i = 0; i <= kMaxMultipartParts; ++i) {
    many += kBoundary + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nx\r\n";
  }
  EXPECT_FALSE(parse_multipart(kType, many + kBoundary + "--"));
}

}  // namespace
}  // namespace byline::http
