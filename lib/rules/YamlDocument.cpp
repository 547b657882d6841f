// yaml-cpp's quirks, met once: byte checks before it sees the text, a document count before it loads one, and a catch
// for everything it throws.
#include "rules/YamlDocument.h"

#include "input/InputFile.h"
#include "rules/RulesetError.h"
#include "rules/YamlFields.h"

#include "llvm/Support/ConvertUTF.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <exception>
#include <new>
#include <sstream>

using namespace llvm;

namespace mmio {

namespace {

/// Notes where each document starts, building nothing. See countDocuments for why.
class DocumentScanner : public YAML::EventHandler {
public:
  std::vector<YAML::Mark> Starts;

  void OnDocumentStart(const YAML::Mark &M) override { Starts.push_back(M); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override {}
  void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

/// yaml-cpp takes bytes as they come, so invalid UTF-8 or a stray control character would surface later as mangled
/// names in diagnostics, or as a confusing YAML error somewhere after it.
Error checkEncoding(StringRef Name, StringRef Text) {
  const UTF8 *Begin = reinterpret_cast<const UTF8 *>(Text.data());
  const UTF8 *Cursor = Begin;
  bool ValidUTF8 = isLegalUTF8String(&Cursor, Begin + Text.size());
  size_t Offset = Cursor - Begin;
  // YAML allows tab, line feed and carriage return among the C0 controls, and no DEL.
  size_t Control = Text.take_front(Offset).find_if([](char Ch) {
    return (static_cast<unsigned char>(Ch) < 0x20 && Ch != '\t' && Ch != '\n' && Ch != '\r') || Ch == 0x7f;
  });
  if (ValidUTF8 && Control == StringRef::npos)
    return Error::success();
  if (Control != StringRef::npos)
    Offset = Control;

  StringRef Before = Text.take_front(Offset);
  size_t LineStart = Before.rfind('\n');
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  // Columns count bytes, as yaml-cpp's marks and clang's columns do.
  FileLocation Where{Name.str(), unsigned(Before.count('\n')) + 1, unsigned(Offset - LineStart) + 1};
  std::string Byte = hex(static_cast<unsigned char>(Text[Offset]));
  if (Control != StringRef::npos)
    return makeRulesetError(Where, "ruleset contains control character " + Byte);
  return makeRulesetError(Where, "ruleset is not valid UTF-8 (byte " + Byte + ")");
}

/// A ruleset is one document, and yaml-cpp's Load would quietly drop any after the first, so they are counted first
/// (0 or 1; more is an error).
/// yaml-cpp 0.7 never consumes a ',' outside a flow collection: it reports an endless run of empty documents there
/// (LoadAll grows until memory runs out). Counting stops at the third document, and a document that starts where
/// the one before did is that ','.
Expected<size_t> countDocuments(StringRef Name, StringRef Text) {
  std::istringstream In(Text.str());
  YAML::Parser Parser(In);
  DocumentScanner Scanner;
  while (Scanner.Starts.size() < 3 && Parser.HandleNextDocument(Scanner)) {
    size_t N = Scanner.Starts.size();
    if (N < 2 || Scanner.Starts[N - 1].pos != Scanner.Starts[N - 2].pos)
      continue;
    const YAML::Mark &Stuck = Scanner.Starts[N - 1];
    bool Comma = Stuck.pos >= 0 && size_t(Stuck.pos) < Text.size() && Text[Stuck.pos] == ',';
    return makeRulesetError(locationOf(Name, Stuck), Comma ? "invalid YAML: ',' outside a flow collection"
                                                           : "invalid YAML: the parser cannot go on from here");
  }
  if (Scanner.Starts.size() > 1)
    return makeRulesetError(locationOf(Name, Scanner.Starts[1]), "ruleset must be a single YAML document");
  return Scanner.Starts.size();
}

Error readChecked(StringRef Text, StringRef Name, function_ref<Error(FieldReader &, const YAML::Node &)> Read) {
  if (Error E = checkRulesetSize(Name, Text.size()))
    return E;
  if (Error E = checkEncoding(Name, Text))
    return E;
  Expected<size_t> Documents = countDocuments(Name, Text);
  if (!Documents)
    return Documents.takeError();
  FileLocation Top{Name.str(), 1, 1};
  if (*Documents == 0)
    return makeRulesetError(Top, "ruleset is empty");
  const YAML::Node Root = YAML::Load(Text.str());
  if (!Root.IsMap()) {
    FileLocation Where = Root.IsNull() ? Top : locationOf(Name, Root.Mark());
    return makeRulesetError(Where, "expected a mapping at the top of the ruleset, found " + describe(Root));
  }
  FieldReader In(Name.str());
  return Read(In, Root);
}

} // namespace

Error checkRulesetSize(StringRef Name, uint64_t Size) {
  if (Size <= MaxRulesetBytes)
    return Error::success();
  return makeRulesetError(FileLocation{Name.str(), 0, 0}, "ruleset is too large (" + Twine(Size) + " bytes, limit " +
                                                              byteLimitText(MaxRulesetBytes) + ")");
}

Error readYamlDocument(StringRef Text, StringRef Name, function_ref<Error(FieldReader &, const YAML::Node &)> Read) {
  FileLocation Where{Name.str(), 0, 0};
  try {
    return readChecked(Text, Name, Read);
  } catch (const YAML::DeepRecursion &E) {
    // Reached only where yaml-cpp's type information is shared with this object (a static yaml-cpp); Debian's
    // shared library does not export it, so the same error usually arrives as the ParserException below.
    return makeRulesetError(locationOf(Name, E.mark),
                            "invalid YAML: nested too deeply (limit " + Twine(E.depth()) + " levels)");
  } catch (const YAML::ParserException &E) {
    return makeRulesetError(locationOf(Name, E.mark), "invalid YAML: " + E.msg);
  } catch (const YAML::Exception &E) {
    // Not a syntax error: the loader used yaml-cpp wrongly. Still an error, never a crash.
    return makeRulesetError(locationOf(Name, E.mark), "internal error reading ruleset: " + E.msg);
  } catch (const std::bad_alloc &) {
    return makeRulesetError(Where, "out of memory reading ruleset");
  } catch (const std::exception &E) {
    return makeRulesetError(Where, "internal error reading ruleset: " + Twine(E.what()));
  }
}

} // namespace mmio
