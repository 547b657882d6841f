#include "tooling/AuditInvocation.h"

#include "input/RecordingFileSystem.h"
#include "input/RegularFileSystem.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace mmio {

namespace {

class AuditAction : public ASTFrontendAction {
public:
  AuditAction(const AuditSession &Session, UnitReporter &Reporter) : Session(Session), Reporter(Reporter) {}

protected:
  bool BeginInvocation(CompilerInstance &CI) override {
    // "1 error generated." would go straight to standard error, out of order with parallel units (and into an
    // editor's log): front ends report a unit's errors themselves.
    CI.setVerboseOutputStream(std::make_unique<llvm::raw_null_ostream>());
    return true;
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    return std::make_unique<AuditConsumer>(Session, CI, Reporter);
  }

private:
  const AuditSession &Session;
  UnitReporter &Reporter;
};

} // namespace

llvm::Expected<llvm::IntrusiveRefCntPtr<FileManager>> fileManagerFor(llvm::StringRef Directory,
                                                                     const FileOverlay *Overlay, LookupLog *Lookups) {
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS = regularFilesOnly();
  if (Overlay && !Overlay->empty()) {
    auto Layered = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(FS);
    auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
    for (const auto &Entry : *Overlay)
      Memory->addFile(Entry.getKey(), /*ModificationTime=*/0,
                      llvm::MemoryBuffer::getMemBufferCopy(Entry.getValue(), Entry.getKey()));
    Layered->pushOverlay(Memory);
    FS = Layered;
  }
  if (Lookups)
    FS = recordLookups(FS, *Lookups);
  if (std::error_code EC = FS->setCurrentWorkingDirectory(Directory))
    return llvm::createStringError(EC, "cannot enter the compile command's directory %s: %s", Directory.str().c_str(),
                                   EC.message().c_str());
  return llvm::makeIntrusiveRefCnt<FileManager>(FileSystemOptions(), FS);
}

bool runFrontendAction(const std::vector<std::string> &Args, FileManager &Files, std::unique_ptr<FrontendAction> Action,
                       DiagnosticConsumer &Diags) {
  tooling::ToolInvocation Invocation(Args, std::move(Action), &Files);
  Invocation.setDiagnosticConsumer(&Diags);
  return Invocation.run();
}

bool auditUnit(const std::vector<std::string> &Args, FileManager &Files, const AuditSession &Session,
               UnitReporter &Reporter, DiagnosticConsumer &Diags) {
  return runFrontendAction(Args, Files, std::make_unique<AuditAction>(Session, Reporter), Diags);
}

} // namespace mmio
