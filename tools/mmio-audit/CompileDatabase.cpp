#include "CompileDatabase.h"

#include "report/Report.h"

#include "input/InputFile.h"
#include "tooling/ResponseFiles.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

using namespace clang::tooling;

namespace mmio {

namespace {

llvm::Error databaseError(const llvm::Twine &Message) {
  return llvm::createStringError(std::errc::invalid_argument, "%s", Message.str().c_str());
}

/// Kernel trees' databases are tens of megabytes.
constexpr uint64_t MaxDatabaseBytes = uint64_t(1) << 30;

llvm::Expected<LoadedDatabase> loadJSON(llvm::StringRef Path) {
  llvm::SmallString<256> File(Path);
  if (!llvm::sys::fs::exists(File))
    return databaseError("-p " + Path + ": no such build directory or compilation database");
  if (llvm::sys::fs::is_directory(File))
    llvm::sys::path::append(File, "compile_commands.json");
  // Read it first: a missing or unreadable file gets the system's reason, not the parser's.
  // Untrusted input: a regular file only (a FIFO would block), of a size a whole tree's database never reaches.
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> Buffer = readInputFile(File, MaxDatabaseBytes);
  if (!Buffer)
    return databaseError("cannot load compilation database " + File + ": " + llvm::toString(Buffer.takeError()));
  if ((*Buffer)->getBuffer().trim().empty())
    return databaseError(File + ": malformed compilation database: the file is empty");
  std::string Message;
  std::unique_ptr<CompilationDatabase> DB =
      JSONCompilationDatabase::loadFromBuffer((*Buffer)->getBuffer(), Message, JSONCommandLineSyntax::AutoDetect);
  if (!DB)
    return databaseError(File + ": malformed compilation database: " + llvm::StringRef(Message).trim());
  // Each entry's "file" must be there for the database to load; a "directory" too, or paths mean nothing.
  auto Report = [](const std::string &Problem) { llvm::errs() << "mmio-audit: error: " << Problem << "\n"; };
  return LoadedDatabase{expandResponseFilesSafely(std::move(DB), Report), std::string(File)};
}

} // namespace

llvm::Expected<LoadedDatabase> loadCompilationDatabase(const CliOptions &Options) {
  if (Options.FixedArgs) {
    if (!Options.BuildPath.empty())
      return databaseError("give either -p BUILD_DIR or compiler arguments after `--`, not both");
    if (Options.Files.empty())
      return databaseError("compiler arguments after `--` need the files to analyse before it");
    return LoadedDatabase{std::make_unique<FixedCompilationDatabase>(".", *Options.FixedArgs), "the command line"};
  }
  if (!Options.BuildPath.empty())
    return loadJSON(Options.BuildPath);
  if (Options.Files.empty())
    return databaseError("nothing to analyse: give -p BUILD_DIR (a compile_commands.json), files, or both");
  // As clang tools do: the nearest compile_commands.json above the first file.
  std::string Dir = absolutePath(Options.Files.front(), "");
  if (!llvm::sys::fs::is_directory(Dir))
    Dir = llvm::sys::path::parent_path(Dir).str();
  for (; !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir).str()) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, "compile_commands.json");
    if (llvm::sys::fs::exists(Candidate))
      return loadJSON(Candidate);
  }
  return databaseError("no compile_commands.json found for " + Options.Files.front() +
                       " or any directory above it: use -p BUILD_DIR, or give compiler arguments after `--`");
}

} // namespace mmio
