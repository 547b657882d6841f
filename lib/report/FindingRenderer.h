// Renders findings as clang prints diagnostics (message, source line, caret, fix-it, notes), exactly as the plugin
// reports them, while the translation unit is alive.
#ifndef MMIO_AUDIT_REPORT_FINDINGRENDERER_H
#define MMIO_AUDIT_REPORT_FINDINGRENDERER_H

#include "check/Finding.h"
#include "source/ExternalFileLocations.h"

#include <string>

namespace clang {
class LangOptions;
class SourceManager;
} // namespace clang

namespace mmio {

class FindingRenderer {
public:
  /// `SM` gains the ruleset file when a note points into it, as the plugin's notes do.
  /// `Prefix`, when given, goes between each message's location and its level ("mmio-audit: warning:").
  FindingRenderer(clang::SourceManager &SM, const clang::LangOptions &LangOpts, bool Colors, std::string Prefix = "")
      : SM(SM), LangOpts(LangOpts), Colors(Colors), Prefix(std::move(Prefix)) {}

  /// `F` as a diagnostic ("FILE:LINE:COL: warning: MESSAGE [rule-id]", the source line with its caret and fix-it,
  /// then its notes), at its severity.
  std::string render(const Finding &F);

private:
  clang::SourceManager &SM;
  const clang::LangOptions &LangOpts;
  bool Colors;
  std::string Prefix;
  ExternalFileLocations Outside;
};

} // namespace mmio

#endif
