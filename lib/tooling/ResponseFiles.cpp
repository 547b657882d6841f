#include "tooling/ResponseFiles.h"

#include "input/RegularFileSystem.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/StringSaver.h"

namespace mmio {

namespace {

using clang::tooling::CompileCommand;

class ExpandingDatabase : public clang::tooling::CompilationDatabase {
public:
  ExpandingDatabase(std::unique_ptr<CompilationDatabase> Base, std::function<void(const std::string &)> Report)
      : Base(std::move(Base)), Report(std::move(Report)), FS(regularFilesOnly()) {}

  std::vector<CompileCommand> getCompileCommands(llvm::StringRef File) const override {
    return expand(Base->getCompileCommands(File));
  }
  std::vector<std::string> getAllFiles() const override { return Base->getAllFiles(); }
  std::vector<CompileCommand> getAllCompileCommands() const override { return expand(Base->getAllCompileCommands()); }

private:
  std::vector<CompileCommand> expand(std::vector<CompileCommand> Commands) const {
    for (CompileCommand &C : Commands)
      expand(C);
    return Commands;
  }

  void expand(CompileCommand &C) const {
    if (llvm::none_of(C.CommandLine, [](const std::string &A) { return llvm::StringRef(A).starts_with("@"); }))
      return;
    llvm::BumpPtrAllocator Alloc;
    llvm::StringSaver Saver(Alloc);
    llvm::SmallVector<const char *, 64> Argv;
    for (const std::string &A : C.CommandLine)
      Argv.push_back(Saver.save(A).data());
    // Build systems on Linux write response files with the GNU shell's quoting.
    llvm::cl::ExpansionContext Expansion(Alloc, llvm::cl::TokenizeGNUCommandLine);
    Expansion.setVFS(FS.get()).setCurrentDir(C.Directory);
    if (llvm::Error E = Expansion.expandResponseFiles(Argv)) {
      // LLVM's wording ("cannot not open file 'PATH': REASON") is reworded; the path and reason are kept.
      std::string Why = llvm::toString(std::move(E));
      llvm::StringRef Text(Why);
      size_t Open = Text.find('\''), Close = Text.rfind("': ");
      if (Open != llvm::StringRef::npos && Close != llvm::StringRef::npos && Open < Close)
        Why =
            "cannot read response file " + Text.slice(Open, Close + 1).str() + ": " + Text.drop_front(Close + 3).str();
      Report(C.Filename + ": " + Why);
      return;
    }
    C.CommandLine.assign(Argv.begin(), Argv.end());
  }

  std::unique_ptr<CompilationDatabase> Base;
  std::function<void(const std::string &)> Report;
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS;
};

} // namespace

std::unique_ptr<clang::tooling::CompilationDatabase>
expandResponseFilesSafely(std::unique_ptr<clang::tooling::CompilationDatabase> Base,
                          std::function<void(const std::string &)> Report) {
  return std::make_unique<ExpandingDatabase>(std::move(Base), std::move(Report));
}

} // namespace mmio
