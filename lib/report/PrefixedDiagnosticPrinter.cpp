#include "report/PrefixedDiagnosticPrinter.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnostic.h"

using namespace clang;

namespace mmio {

namespace {

/// clang's text rendering, with the prefix printed right after each message's location.
class PrefixedTextDiagnostic : public TextDiagnostic {
public:
  PrefixedTextDiagnostic(llvm::raw_ostream &OS, const LangOptions &LangOpts, DiagnosticOptions *Opts,
                         const Preprocessor *PP, llvm::StringRef Prefix)
      : TextDiagnostic(OS, LangOpts, Opts, PP), OS(OS), Prefix(Prefix) {}

protected:
  void emitDiagnosticLoc(FullSourceLoc Loc, PresumedLoc PLoc, DiagnosticsEngine::Level Level,
                         llvm::ArrayRef<CharSourceRange> Ranges) override {
    TextDiagnostic::emitDiagnosticLoc(Loc, PLoc, Level, Ranges);
    OS << Prefix << ": ";
  }

private:
  llvm::raw_ostream &OS;
  std::string Prefix;
};

} // namespace

PrefixedDiagnosticPrinter::PrefixedDiagnosticPrinter(llvm::raw_ostream &OS, DiagnosticOptions *Opts, std::string Prefix)
    : OS(OS), Opts(Opts), Prefix(std::move(Prefix)) {}

PrefixedDiagnosticPrinter::~PrefixedDiagnosticPrinter() = default;

void PrefixedDiagnosticPrinter::BeginSourceFile(const LangOptions &LangOpts, const Preprocessor *PP) {
  Text = std::make_unique<PrefixedTextDiagnostic>(OS, LangOpts, Opts.get(), PP, Prefix);
}

void PrefixedDiagnosticPrinter::EndSourceFile() { Text.reset(); }

void PrefixedDiagnosticPrinter::HandleDiagnostic(DiagnosticsEngine::Level Level, const Diagnostic &Info) {
  DiagnosticConsumer::HandleDiagnostic(Level, Info);
  llvm::SmallString<128> Message;
  Info.FormatDiagnostic(Message);
  if (!Info.getLocation().isValid() || !Text) {
    // A note with no place (the built-in ruleset's): the prefix, then the level, as for a located one.
    OS << Prefix << ": ";
    TextDiagnostic::printDiagnosticLevel(OS, Level, Opts->ShowColors);
    TextDiagnostic::printDiagnosticMessage(OS, Level == DiagnosticsEngine::Note, Message, 0, Opts->MessageLength,
                                           Opts->ShowColors);
    OS.flush();
    return;
  }
  Text->emitDiagnostic(FullSourceLoc(Info.getLocation(), Info.getSourceManager()), Level, Message, Info.getRanges(),
                       Info.getFixItHints());
  OS.flush();
}

} // namespace mmio
