#include "report/FindingRenderer.h"

#include "diag/FindingEmitter.h"
#include "report/PrefixedDiagnosticPrinter.h"

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticOptions.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace mmio {

std::string FindingRenderer::render(const Finding &F) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  // A string stream has colours off whatever the options say: clang's printer would drop every escape.
  OS.enable_colors(Colors);
  // A fresh engine per finding: each rendering stands alone (its own "In file included from"), so copies of one
  // finding from different translation units print the same.
  llvm::IntrusiveRefCntPtr<DiagnosticOptions> Opts(new DiagnosticOptions());
  Opts->ShowColors = Colors;
  std::unique_ptr<DiagnosticConsumer> Printer;
  if (Prefix.empty())
    Printer = std::make_unique<TextDiagnosticPrinter>(OS, Opts.get());
  else
    Printer = std::make_unique<PrefixedDiagnosticPrinter>(OS, Opts.get(), Prefix);
  DiagnosticsEngine Diags(llvm::IntrusiveRefCntPtr<DiagnosticIDs>(new DiagnosticIDs()), Opts, Printer.get(),
                          /*ShouldOwnClient=*/false);
  Diags.setSourceManager(&SM);
  Printer->BeginSourceFile(LangOpts, nullptr);
  EngineDiagnosticSink Sink(Diags);
  FindingEmitter(Sink, SM, Outside).emit(F);
  Printer->EndSourceFile();
  OS.flush();
  return Out;
}

} // namespace mmio
