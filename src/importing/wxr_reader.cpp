// The WXR stream reader on libxml2's SAX2 push parser.
#include "importing/wxr_reader.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <cstdio>
#include <memory>
#include <optional>

namespace byline::importing {
namespace {

constexpr std::size_t kPieceBytes = 256 * 1024;
constexpr std::string_view kNewestVersion = "1.2";

Error invalid(std::string message) {
  return make_error(ErrorCode::invalid_input, std::move(message));
}

std::string_view view(const xmlChar* text) {
  return text ? std::string_view(reinterpret_cast<const char*>(text)) : std::string_view();
}

// The short prefix Byline reads a namespace by. WordPress puts its export
// version in the URI ("http://wordpress.org/export/1.2/"), so any version
// is matched.
std::string_view prefix_of(std::string_view uri) {
  if (uri.empty()) return "";
  if (uri.starts_with("http://wordpress.org/export/"))
    return uri.ends_with("/excerpt/") ? "excerpt" : "wp";
  if (uri == "http://purl.org/rss/1.0/modules/content/") return "content";
  if (uri == "http://purl.org/dc/elements/1.1/") return "dc";
  return "?";
}

// "1.2" is newer than "1.10" is not a question WordPress asks: versions
// are one digit each side.
bool is_version(std::string_view text) {
  return text.size() == 3 && std::isdigit(static_cast<unsigned char>(text[0])) && text[1] == '.' &&
         std::isdigit(static_cast<unsigned char>(text[2]));
}

class Reader {
 public:
  explicit Reader(const WxrHandlers& handlers) : handlers_(handlers) {}

  Result<void> read(const std::filesystem::path& path) {
    std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) return invalid("Cannot open " + path.string() + " to read it.");

    xmlSAXHandler sax{};
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = &Reader::on_start;
    sax.endElementNs = &Reader::on_end;
    sax.characters = &Reader::on_text;
    sax.cdataBlock = &Reader::on_text;
    sax.internalSubset = &Reader::on_dtd;
    sax.externalSubset = &Reader::on_dtd;
    sax.serror = &Reader::on_error;
    // No entity is ever looked up or loaded: with no DTD there are only
    // XML's five, which the parser knows itself.
    sax.getEntity = nullptr;
    sax.resolveEntity = nullptr;

    std::vector<char> piece(kPieceBytes);
    std::size_t got = std::fread(piece.data(), 1, piece.size(), file.get());
    std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> context(
        xmlCreatePushParserCtxt(&sax, this, piece.data(),
                                static_cast<int>(std::min<std::size_t>(got, 4)), path.c_str()),
        &xmlFreeParserCtxt);
    if (!context) return make_error(ErrorCode::internal, "The XML reader could not start.");
    context_ = context.get();
    // Off: entity substitution, DTD loading and the network.
    xmlCtxtUseOptions(context_, XML_PARSE_NONET);
    std::uint64_t read_bytes = 0;
    std::size_t offset = std::min<std::size_t>(got, 4);
    while (true) {
      const bool last = got < piece.size() && std::feof(file.get());
      if (got > offset) {
        xmlParseChunk(context_, piece.data() + offset, static_cast<int>(got - offset), 0);
      }
      read_bytes += got;
      if (handlers_.progress) handlers_.progress(read_bytes);
      if (failure_) return *failure_;
      if (last || got == 0) break;
      got = std::fread(piece.data(), 1, piece.size(), file.get());
      offset = 0;
      if (std::ferror(file.get())) return invalid("Reading " + path.string() + " failed.");
    }
    xmlParseChunk(context_, nullptr, 0, 1);
    if (failure_) return *failure_;
    if (!seen_root_)
      return invalid("This file is empty or not XML, so it is not a WordPress export.");
    if (!site_told_) BYLINE_TRY(tell_site());
    return {};
  }

 private:
  static Reader& self(void* context) { return *static_cast<Reader*>(context); }

  static void on_start(void* context, const xmlChar* local, const xmlChar*, const xmlChar* uri, int,
                       const xmlChar**, int attribute_count, int, const xmlChar** attributes) {
    self(context).start(view(local), prefix_of(view(uri)), attribute_count, attributes);
  }
  static void on_end(void* context, const xmlChar*, const xmlChar*, const xmlChar*) {
    self(context).end();
  }
  static void on_text(void* context, const xmlChar* text, int length) {
    self(context).text(
        std::string_view(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length)));
  }
  static void on_dtd(void* context, const xmlChar* name, const xmlChar*, const xmlChar*) {
    self(context).fail(
        invalid("This file declares a DTD (<!DOCTYPE " + std::string(view(name)) +
                ">), which a WordPress export never has and which could define entities "
                "that expand or read other files; it was refused and nothing was imported."));
  }
  static void on_error(void* context, xmlErrorPtr error) {
    if (!error || error->level < XML_ERR_ERROR) return;
    std::string message = error->message ? error->message : "not well-formed";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
      message.pop_back();
    // libxml2 holds no single piece of text larger than 10 MB, which keeps
    // its memory bounded whatever a file holds.
    if (message.find("Huge input lookup") != std::string::npos ||
        message.find("huge text node") != std::string::npos) {
      self(context).fail(invalid(
          "The export has an element larger than 10 MB at line " + std::to_string(error->line) +
          ", more than any post can hold; remove it (or that post) from the export and run "
          "the import again. Nothing was imported."));
      return;
    }
    self(context).fail(invalid("The export is not well-formed XML at line " +
                               std::to_string(error->line) + ", column " +
                               std::to_string(error->int2) + ": " + message + "."));
  }

  void fail(Error error) {
    if (!failure_) failure_ = std::move(error);
    xmlStopParser(context_);
  }
  void fail_with(const Result<void>& result) {
    if (!result) fail(result.error());
  }

  std::uint64_t line() const { return static_cast<std::uint64_t>(xmlSAX2GetLineNumber(context_)); }

  Result<void> tell_site() {
    site_told_ = true;
    if (site_.wxr_version.empty()) {
      return invalid(
          "This file has no <wp:wxr_version>, so it is not a WordPress export (Tools → Export in "
          "WordPress makes one).");
    }
    if (!is_version(site_.wxr_version) || site_.wxr_version > kNewestVersion) {
      return invalid("This export is WXR version " + site_.wxr_version.substr(0, 20) +
                     "; Byline reads versions " + "1.0 to 1.2.");
    }
    return handlers_.site ? handlers_.site(site_) : Result<void>{};
  }

  // Starts keeping the element's text, up to `limit` bytes.
  void capture(std::size_t limit) {
    capturing_ = true;
    limit_ = limit;
    text_.clear();
    cut_ = false;
  }

  void start(std::string_view local, std::string_view prefix, int attribute_count,
             const xmlChar** attributes) {
    if (failure_) return;
    const int depth = static_cast<int>(stack_.size()) + 1;
    if (depth > kMaxWxrDepth) {
      fail(invalid("The export nests elements more than " + std::to_string(kMaxWxrDepth) +
                   " deep at line " + std::to_string(line()) + "."));
      return;
    }
    std::string name =
        prefix.empty() ? std::string(local) : std::string(prefix) + ":" + std::string(local);
    capturing_ = false;
    if (depth == 1) {
      seen_root_ = true;
      if (name != "rss") {
        fail(invalid("This file is XML but not a WordPress export: its root is <" +
                     name.substr(0, 50) + ">, not <rss>."));
        return;
      }
    } else if (depth == 3 && parent() == "channel") {
      const bool record = name == "wp:author" || name == "wp:category" || name == "wp:tag" ||
                          name == "wp:term" || name == "item";
      if (record && !site_told_) {
        fail_with(tell_site());
        if (failure_) return;
      }
      if (name == "item") {
        item_ = WxrItem{};
        item_.line = line();
      } else if (name == "wp:author") {
        author_ = WxrAuthor{};
      } else if (name == "wp:category" || name == "wp:tag" || name == "wp:term") {
        term_ = WxrTerm{};
        term_.kind = name == "wp:category" ? WxrTerm::Kind::category
                     : name == "wp:tag"    ? WxrTerm::Kind::tag
                                           : WxrTerm::Kind::other;
        term_.taxonomy = name == "wp:category" ? "category" : name == "wp:tag" ? "post_tag" : "";
      } else {
        capture(kMaxWxrFieldBytes);
      }
    } else if (depth == 4 && parent() == "item") {
      if (name == "category") {
        if (item_.terms.size() >= kMaxWxrTermsPerItem) {
          note_cut("terms");
        } else {
          WxrItemTerm term;
          for (int i = 0; i < attribute_count; ++i) {
            const xmlChar** attribute = attributes + i * 5;
            const std::string value(reinterpret_cast<const char*>(attribute[3]),
                                    static_cast<std::size_t>(attribute[4] - attribute[3]));
            if (view(attribute[0]) == "domain") term.domain = value.substr(0, 200);
            if (view(attribute[0]) == "nicename") term.nicename = value.substr(0, 2000);
          }
          item_.terms.push_back(std::move(term));
          capture(kMaxWxrFieldBytes);
        }
      } else if (name == "wp:postmeta") {
        if (item_.meta.size() >= kMaxWxrMetaPerItem) {
          note_cut("meta");
          skipping_meta_ = true;
        } else {
          item_.meta.emplace_back();
          skipping_meta_ = false;
        }
      } else if (name == "wp:comment") {
        ++item_.comments;
      } else if (name == "content:encoded") {
        if (handlers_.bodies) capture(kMaxWxrBodyBytes);
      } else {
        capture(kMaxWxrFieldBytes);
      }
    } else if (depth == 5 && parent() == "wp:postmeta" && grandparent() == "item") {
      if (!skipping_meta_) capture(kMaxWxrFieldBytes);
    } else if (depth == 4 && (parent() == "wp:author" || parent() == "wp:category" ||
                              parent() == "wp:tag" || parent() == "wp:term")) {
      capture(kMaxWxrFieldBytes);
    }
    stack_.push_back(std::move(name));
  }

  void note_cut(std::string_view what) {
    for (const auto& already : item_.cut) {
      if (already == what) return;
    }
    item_.cut.emplace_back(what);
  }

  void text(std::string_view piece) {
    if (!capturing_ || failure_) return;
    if (text_.size() + piece.size() > limit_) {
      cut_ = true;
      return;
    }
    text_.append(piece);
  }

  std::string_view parent() const {
    return stack_.empty() ? std::string_view() : std::string_view(stack_.back());
  }
  std::string_view grandparent() const {
    return stack_.size() < 2 ? std::string_view() : std::string_view(stack_[stack_.size() - 2]);
  }

  void end() {
    if (failure_ || stack_.empty()) return;
    const std::string name = std::move(stack_.back());
    stack_.pop_back();
    const std::size_t depth = stack_.size() + 1;
    std::string value = capturing_ ? std::move(text_) : std::string();
    const bool was_cut = capturing_ && cut_;
    capturing_ = false;
    text_.clear();

    if (depth == 3 && parent() == "channel") {
      if (name == "item") {
        if (handlers_.item) fail_with(handlers_.item(item_));
      } else if (name == "wp:author") {
        if (handlers_.author) fail_with(handlers_.author(author_));
      } else if (name == "wp:category" || name == "wp:tag" || name == "wp:term") {
        if (handlers_.term) fail_with(handlers_.term(term_));
      } else if (name == "title") {
        site_.title = std::move(value);
      } else if (name == "link") {
        site_.link = std::move(value);
      } else if (name == "language") {
        site_.language = std::move(value);
      } else if (name == "wp:wxr_version") {
        site_.wxr_version = trimmed(value);
      } else if (name == "wp:base_site_url") {
        site_.base_site_url = trimmed(value);
      } else if (name == "wp:base_blog_url") {
        site_.base_blog_url = trimmed(value);
      }
      return;
    }
    if (depth == 4 && parent() == "item") {
      end_item_field(name, std::move(value), was_cut);
      return;
    }
    if (depth == 5 && parent() == "wp:postmeta" && grandparent() == "item" && !skipping_meta_) {
      if (was_cut) note_cut("meta");
      if (name == "wp:meta_key") item_.meta.back().key = trimmed(value);
      if (name == "wp:meta_value" && !was_cut) item_.meta.back().value = std::move(value);
      return;
    }
    if (depth == 4 && parent() == "wp:author") {
      if (name == "wp:author_id") author_.id = trimmed(value);
      if (name == "wp:author_login") author_.login = trimmed(value);
      if (name == "wp:author_email") author_.email = trimmed(value);
      if (name == "wp:author_display_name") author_.display_name = trimmed(value);
      if (name == "wp:author_first_name") author_.first_name = trimmed(value);
      if (name == "wp:author_last_name") author_.last_name = trimmed(value);
      return;
    }
    if (depth == 4 &&
        (parent() == "wp:category" || parent() == "wp:tag" || parent() == "wp:term")) {
      if (name == "wp:term_id") term_.id = trimmed(value);
      if (name == "wp:category_nicename" || name == "wp:tag_slug" || name == "wp:term_slug")
        term_.slug = trimmed(value);
      if (name == "wp:category_parent" || name == "wp:term_parent")
        term_.parent_slug = trimmed(value);
      if (name == "wp:cat_name" || name == "wp:tag_name" || name == "wp:term_name")
        term_.name = trimmed(value);
      if (name == "wp:category_description" || name == "wp:tag_description" ||
          name == "wp:term_description") {
        term_.description = trimmed(value);
      }
      if (name == "wp:term_taxonomy") term_.taxonomy = trimmed(value);
    }
  }

  void end_item_field(const std::string& name, std::string value, bool was_cut) {
    if (was_cut) note_cut(name);
    if (name == "category") {
      if (!item_.terms.empty()) item_.terms.back().name = trimmed(value);
      return;
    }
    if (name == "content:encoded") {
      item_.content = was_cut ? std::string() : std::move(value);
      return;
    }
    if (was_cut) return;  // a field cut short would be wrong: left out
    if (name == "title")
      item_.title = std::move(value);
    else if (name == "link")
      item_.link = trimmed(value);
    else if (name == "dc:creator")
      item_.creator = trimmed(value);
    else if (name == "guid")
      item_.guid = trimmed(value);
    else if (name == "excerpt:encoded")
      item_.excerpt = std::move(value);
    else if (name == "wp:post_id")
      item_.post_id = trimmed(value);
    else if (name == "wp:post_date")
      item_.post_date = trimmed(value);
    else if (name == "wp:post_date_gmt")
      item_.post_date_gmt = trimmed(value);
    else if (name == "wp:post_modified_gmt")
      item_.post_modified_gmt = trimmed(value);
    else if (name == "wp:post_name")
      item_.post_name = trimmed(value);
    else if (name == "wp:status")
      item_.status = trimmed(value);
    else if (name == "wp:post_parent")
      item_.post_parent = trimmed(value);
    else if (name == "wp:post_type")
      item_.post_type = trimmed(value);
    else if (name == "wp:post_password")
      item_.post_password = std::move(value);
    else if (name == "wp:is_sticky")
      item_.is_sticky = trimmed(value);
    else if (name == "wp:attachment_url")
      item_.attachment_url = trimmed(value);
  }

  static std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
  }

  const WxrHandlers& handlers_;
  xmlParserCtxtPtr context_ = nullptr;
  std::optional<Error> failure_;
  std::vector<std::string> stack_;
  bool seen_root_ = false;
  bool site_told_ = false;
  bool capturing_ = false;
  bool cut_ = false;
  bool skipping_meta_ = false;
  std::size_t limit_ = 0;
  std::string text_;
  WxrSite site_;
  WxrAuthor author_;
  WxrTerm term_;
  WxrItem item_;
};

}  // namespace

const std::string& WxrItem::meta_value(std::string_view key) const {
  static const std::string kNone;
  for (const auto& entry : meta) {
    if (entry.key == key) return entry.value;
  }
  return kNone;
}

Result<void> read_wxr(const std::filesystem::path& path, const WxrHandlers& handlers) {
  Reader reader(handlers);
  return reader.read(path);
}

}  // namespace byline::importing
