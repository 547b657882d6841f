// One translation unit compiled from its command line and audited by a session, as the CLI and the language
// server run units outside a build: file systems that never change the process's working directory, an overlay of
// files seen in place of the disk's, and the compiler's statistics kept off standard error.
#ifndef MMIO_AUDIT_TOOLING_AUDITINVOCATION_H
#define MMIO_AUDIT_TOOLING_AUDITINVOCATION_H

#include "input/RecordingFileSystem.h"
#include "session/AuditConsumer.h"

#include "clang/Basic/FileManager.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace clang {
class DiagnosticConsumer;
class FrontendAction;
} // namespace clang

namespace mmio {

/// Absolute path -> text, seen in place of the file on disk (an editor's buffers, a patch's new contents).
using FileOverlay = llvm::StringMap<std::string>;

/// A file manager whose working directory is `Directory`: units in different directories run side by side. Files
/// in `Overlay`, when given, are seen in place of what is on disk. `Lookups`, when given, records every path the
/// compile looks up and what it reads.
llvm::Expected<llvm::IntrusiveRefCntPtr<clang::FileManager>>
fileManagerFor(llvm::StringRef Directory, const FileOverlay *Overlay, LookupLog *Lookups = nullptr);

/// Runs `Action` over the unit `Args` compiles, its diagnostics to `Diags`; false when clang could not run it.
bool runFrontendAction(const std::vector<std::string> &Args, clang::FileManager &Files,
                       std::unique_ptr<clang::FrontendAction> Action, clang::DiagnosticConsumer &Diags);

/// Compiles the unit and has `Session` audit it, the findings to `Reporter`; false when clang could not run it
/// (its errors, if any, went to `Diags`).
bool auditUnit(const std::vector<std::string> &Args, clang::FileManager &Files, const AuditSession &Session,
               UnitReporter &Reporter, clang::DiagnosticConsumer &Diags);

} // namespace mmio

#endif
