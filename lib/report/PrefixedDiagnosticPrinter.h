// A diagnostic consumer that prints as clang does, with a tool's name between the location and the level
// ("file.c:12:8: mmio-audit: warning: ..."), the way sparse's and smatch's lines stand out in a compiler's output.
#ifndef MMIO_AUDIT_REPORT_PREFIXEDDIAGNOSTICPRINTER_H
#define MMIO_AUDIT_REPORT_PREFIXEDDIAGNOSTICPRINTER_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace clang {
class TextDiagnostic;
} // namespace clang

namespace mmio {

class PrefixedDiagnosticPrinter : public clang::DiagnosticConsumer {
public:
  PrefixedDiagnosticPrinter(llvm::raw_ostream &OS, clang::DiagnosticOptions *Opts, std::string Prefix);
  ~PrefixedDiagnosticPrinter() override;

  void BeginSourceFile(const clang::LangOptions &LangOpts, const clang::Preprocessor *PP) override;
  void EndSourceFile() override;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level, const clang::Diagnostic &Info) override;

private:
  llvm::raw_ostream &OS;
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> Opts;
  std::string Prefix;
  std::unique_ptr<clang::TextDiagnostic> Text;
};

} // namespace mmio

#endif
