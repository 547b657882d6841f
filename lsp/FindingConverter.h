// Turns findings into LSP diagnostics while their translation unit is alive: the range of the call, the rule id as
// `code`, each note (and each macro expansion clang would show) as `relatedInformation`, the fix-it as a text edit.
#ifndef MMIO_AUDIT_LSP_FINDINGCONVERTER_H
#define MMIO_AUDIT_LSP_FINDINGCONVERTER_H

#include "Positions.h"

#include "check/Finding.h"
#include "rules/Ruleset.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"

#include <map>
#include <optional>
#include <string>

namespace clang {
class LangOptions;
class SourceManager;
} // namespace clang

namespace mmio::lsp {

/// A finding's fix-it as an LSP text edit, and the title of the quick fix that applies it.
struct LspFix {
  std::string Uri;
  Range Where;
  std::string NewText;
  std::string Title;
};

struct LspFinding {
  std::string RuleId;
  /// An LSP Diagnostic as JSON text: a file's findings are all kept, and a json::Object costs kilobytes however
  /// few its keys (20,000 findings took 2 GB as objects).
  std::string Diagnostic;
  Range Call; // the whole call as written: where a quick fix is offered
  std::optional<LspFix> Fix;
};

class FindingConverter {
public:
  /// `MainUri`/`MainPath`: the document analysed (its URI exactly as the client sent it). `Directory`: the compile
  /// command's, against which relative file names are made absolute.
  FindingConverter(clang::SourceManager &SM, const clang::LangOptions &LangOpts, OffsetEncoding Encoding,
                   const Ruleset &Rules, std::string MainUri, std::string Directory);

  /// The diagnostic for `F`, at its severity, or nothing when the finding is not in the main file (the editor shows
  /// a file's own findings).
  std::optional<LspFinding> convert(const Finding &F);

private:
  struct Place {
    std::string Uri;
    Range Where;
  };
  /// The token at a file location, as an LSP location.
  std::optional<Place> placeOf(clang::SourceLocation FileLoc);
  /// A line and column of a file outside the unit (a ruleset).
  std::optional<Place> placeIn(const FileLocation &Where);
  /// The position of `Offset` in `Buffer` (a buffer of the unit, or a ruleset file read here), through a line
  /// table made once per buffer.
  Position positionIn(llvm::StringRef Buffer, size_t Offset);
  std::string uriOf(clang::FileID FID);
  std::string fixTitle(const Finding &F, llvm::StringRef Original) const;

  clang::SourceManager &SM;
  const clang::LangOptions &LangOpts;
  OffsetEncoding Encoding;
  const Ruleset &Rules;
  std::string MainUri;
  std::string Directory;
  llvm::StringMap<std::string> OutsideFiles; // ruleset files read for column conversion
  std::map<const char *, LineTable> Lines;   // by buffer: the buffers outlive the converter
};

} // namespace mmio::lsp

#endif
