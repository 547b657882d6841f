// Renders findings as clang prints diagnostics (message, source line, caret, fix-it, notes), exactly as the plugin
// reports them, while the translation unit is alive.
#ifndef MMIO_AUDIT_REPORT_FINDINGRENDERER_H
#define MMIO_AUDIT_REPORT_FINDINGRENDERER_H

#include "check/Finding.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"

#include <string>

namespace clang {
class LangOptions;
class SourceManager;
} // namespace clang

namespace mmio {

class FindingRenderer {
public:
  /// `SM` gains the ruleset file when a note points into it, as the plugin's notes do.
  FindingRenderer(clang::SourceManager &SM, const clang::LangOptions &LangOpts, bool Colors);

  /// `F` as a diagnostic of `Level` ("FILE:LINE:COL: warning: MESSAGE [rule-id]", the source line with its caret
  /// and fix-it, then its notes and `ExtraNotes`).
  std::string render(const Finding &F, Severity Level, llvm::ArrayRef<FindingNote> ExtraNotes = {});

private:
  clang::SourceLocation locationOf(const FindingNote &N);

  clang::SourceManager &SM;
  const clang::LangOptions &LangOpts;
  bool Colors;
  llvm::StringMap<clang::FileID> LoadedFiles;
};

} // namespace mmio

#endif
