// One analysis: a document's text (and every other open document's, in place of the disk's) compiled with its
// compile command, the engine run over it, the findings turned into LSP diagnostics. Runs on the worker thread.
#ifndef MMIO_AUDIT_LSP_ANALYSIS_H
#define MMIO_AUDIT_LSP_ANALYSIS_H

#include "CompileCommands.h"
#include "FindingConverter.h"
#include "Positions.h"

#include "session/AuditSession.h"
#include "tooling/AuditInvocation.h"

#include <string>
#include <utility>
#include <vector>

namespace mmio::lsp {

struct AnalysisRequest {
  std::string Uri;
  std::string Path; // absolute
  PreparedCommand Command;
  /// Every open document's text, seen in place of the file on disk.
  FileOverlay Overlay;
  OffsetEncoding Encoding = OffsetEncoding::UTF16;
};

struct AnalysisResult {
  enum class Status {
    Analysed,      // the unit compiled; Findings are its findings
    DidNotCompile, // errors (Problem has the first); nothing analysed, as the plugin and the CLI do
  };
  Status State = Status::Analysed;
  std::string Problem;
  std::vector<LspFinding> Findings;
  unsigned Suppressed = 0; // silenced by `mmio-audit: ignore[...]` comments
  unsigned Elsewhere = 0;  // findings in other files (headers): not this document's
};

AnalysisResult analyse(const AnalysisRequest &Request, const AuditSession &Session);

} // namespace mmio::lsp

#endif
