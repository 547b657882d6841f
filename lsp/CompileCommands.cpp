#include "CompileCommands.h"

#include "input/InputFile.h"
#include "tooling/ResponseFiles.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace mmio::lsp {

namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

namespace {

/// The database file in `Dir`, if it has one; compile_commands.json first, as clangd looks.
std::string databaseIn(llvm::StringRef Dir) {
  for (const char *Sub : {"", "build"})
    for (const char *Name : {"compile_commands.json", "compile_flags.txt"}) {
      llvm::SmallString<256> Candidate(Dir);
      path::append(Candidate, Sub, Name);
      if (fs::is_regular_file(Candidate))
        return std::string(Candidate);
    }
  return std::string();
}

} // namespace

std::string CompileCommands::databaseFor(llvm::StringRef File) const {
  if (!ForcedDir.empty())
    return databaseIn(ForcedDir);
  for (llvm::StringRef Dir = path::parent_path(File); !Dir.empty(); Dir = path::parent_path(Dir)) {
    std::string Found = databaseIn(Dir);
    if (!Found.empty())
      return Found;
    if (Dir == path::root_path(Dir))
      break;
  }
  return std::string();
}

namespace {
constexpr uint64_t MaxDatabaseBytes = uint64_t(1) << 30; // as the CLI's limit: a whole tree's database is far below
} // namespace

const CompileCommands::Loaded &CompileCommands::load(const std::string &DatabaseFile) {
  fs::file_status Status;
  llvm::sys::TimePoint<> ModTime;
  if (!fs::status(DatabaseFile, Status))
    ModTime = Status.getLastModificationTime();
  auto It = Databases.find(DatabaseFile);
  if (It != Databases.end() && It->second.ModTime == ModTime)
    return It->second;

  Loaded L;
  L.ModTime = ModTime;
  std::unique_ptr<clang::tooling::CompilationDatabase> DB;
  // Read as untrusted input, as the CLI reads it: clang's loadFromFile would wait forever on a FIFO and map a
  // file that can be truncated under it.
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> Buffer = readInputFile(DatabaseFile, MaxDatabaseBytes);
  if (!Buffer) {
    L.Error = llvm::toString(Buffer.takeError());
  } else if (path::filename(DatabaseFile) == "compile_flags.txt") {
    DB = clang::tooling::FixedCompilationDatabase::loadFromBuffer(path::parent_path(DatabaseFile),
                                                                  (*Buffer)->getBuffer(), L.Error);
  } else {
    DB = clang::tooling::JSONCompilationDatabase::loadFromBuffer((*Buffer)->getBuffer(), L.Error,
                                                                 clang::tooling::JSONCommandLineSyntax::AutoDetect);
    if (DB)
      DB = clang::tooling::inferMissingCompileCommands(std::move(DB));
  }
  if (DB)
    L.DB = expandResponseFilesSafely(
        std::move(DB), [](const std::string &Problem) { llvm::errs() << "mmio-audit-lsp: " << Problem << "\n"; });
  Databases[DatabaseFile] = std::move(L);
  return Databases[DatabaseFile];
}

PreparedCommand CompileCommands::commandFor(llvm::StringRef File) {
  PreparedCommand Out;
  std::vector<std::string> Args;
  std::string DatabaseFile = databaseFor(File);
  if (!DatabaseFile.empty()) {
    std::lock_guard<std::mutex> Lock(Mutex);
    const Loaded &L = load(DatabaseFile);
    if (L.DB) {
      std::vector<clang::tooling::CompileCommand> Commands = L.DB->getCompileCommands(File);
      if (!Commands.empty()) {
        Args = Commands.front().CommandLine;
        // The file by its absolute name, as the editor knows it: rules select files by path, and notes name it.
        llvm::StringRef Recorded = Commands.front().Filename;
        if (!Recorded.empty() && path::is_relative(Recorded))
          for (std::string &A : Args)
            if (A == Recorded)
              A = File.str();
        Out.Directory = Commands.front().Directory;
        Out.Source = DatabaseFile;
        Out.Inferred = Commands.front().Heuristic.size() > 0;
        // A compile_flags.txt command names no file of its own.
        if (path::filename(DatabaseFile) == "compile_flags.txt" && Out.Directory.empty())
          Out.Directory = std::string(path::parent_path(DatabaseFile));
      }
    }
  }
  if (Args.empty()) {
    Args = {"clang", File.str()};
    Out.Directory = std::string(path::parent_path(File));
  }
  // A command borrowed from a neighbour ends in `-- FILE`; the cleanup appends flags at the end, where they would
  // be taken for input files. Without the separator they are flags again (the file does not start with '-').
  auto Separator = std::find(Args.begin(), Args.end(), "--");
  if (Separator != Args.end() &&
      std::none_of(Separator + 1, Args.end(), [](const std::string &A) { return llvm::StringRef(A).starts_with("-"); }))
    Args.erase(Separator);
  Out.Args = cleanCommandLine(std::move(Args), Cleanup).Args;
  return Out;
}

} // namespace mmio::lsp
