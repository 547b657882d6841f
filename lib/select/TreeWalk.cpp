#include "TreeWalk.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace mmio {

FileStamp stampOf(const struct stat &St) {
  return FileStamp{llvm::sys::fs::UniqueID(St.st_dev, St.st_ino), static_cast<uint64_t>(St.st_size),
                   static_cast<uint64_t>(St.st_mtim.tv_sec) * 1000000000u + static_cast<uint64_t>(St.st_mtim.tv_nsec)};
}

namespace {

bool isVersionControlDirectory(llvm::StringRef Name) { return Name == ".git" || Name == ".hg" || Name == ".svn"; }

/// One directory of the walk: its files, and the directories below it, each sorted by name.
struct Directory {
  std::string Path;
  std::vector<WalkedFile> Files;
  std::vector<std::string> Subdirectories;
  std::vector<size_t> Children; // indices of the subdirectories' own entries
};

class Walker {
public:
  explicit Walker(const WalkRequest &Request) : Request(Request) {}

  llvm::Expected<std::vector<WalkedFile>> run() {
    std::vector<WalkedFile> Out;
    for (const std::string &Root : Request.Roots) {
      Directories.clear();
      Directories.push_back(Directory{Root, {}, {}, {}});
      int Error = 0;
      if (!list(Directories[0], /*IsRoot=*/true, Error))
        return llvm::createStringError(std::error_code(Error, std::generic_category()), "cannot read directory %s: %s",
                                       Root.c_str(), std::strerror(Error));
      std::vector<size_t> Level;
      adopt(0, Level);
      while (!Level.empty() && !TooMany) {
        forEach(Level, [&](size_t I) {
          int Ignored;
          list(Directories[I], /*IsRoot=*/false, Ignored); // an unreadable directory holds nothing to include
        });
        std::vector<size_t> Next;
        for (size_t I : Level)
          adopt(I, Next);
        Level = std::move(Next);
      }
      if (TooMany)
        return llvm::createStringError(std::errc::file_too_large, "more than %zu files under %s", Request.MaxEntries,
                                       Root.c_str());
      emit(Out);
    }
    return Out;
  }

private:
  /// Reads one directory's entries. False (and errno) when it cannot be opened.
  bool list(Directory &D, bool IsRoot, int &Error) {
    // Below a root, a directory is entered only as itself: one swapped for a symbolic link meanwhile is not.
    int FD = ::open(D.Path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | (IsRoot ? 0 : O_NOFOLLOW));
    if (FD < 0) {
      Error = errno;
      return false;
    }
    DIR *Stream = ::fdopendir(FD);
    if (!Stream) {
      Error = errno;
      ::close(FD);
      return false;
    }
    std::string Prefix = D.Path;
    if (Prefix.empty() || Prefix.back() != '/')
      Prefix += '/';
    while (struct dirent *E = ::readdir(Stream)) {
      llvm::StringRef Name = E->d_name;
      if (Name == "." || Name == "..")
        continue;
      // Every entry counts, directories and unreadable ones too: a tree of empty directories is bounded as well.
      if (Entries.fetch_add(1, std::memory_order_relaxed) >= Request.MaxEntries) {
        TooMany = true;
        break;
      }
      struct stat St;
      unsigned char Type = E->d_type;
      if (Type == DT_UNKNOWN) { // a file system that does not say: ask it
        if (::fstatat(FD, E->d_name, &St, AT_SYMLINK_NOFOLLOW) != 0)
          continue;
        Type = S_ISDIR(St.st_mode) ? DT_DIR : S_ISREG(St.st_mode) ? DT_REG : S_ISLNK(St.st_mode) ? DT_LNK : DT_UNKNOWN;
      }
      if (Type == DT_DIR) {
        std::string Path = Prefix + Name.str();
        if (!isVersionControlDirectory(Name) && !llvm::is_contained(Request.SkipDirectories, Path))
          D.Subdirectories.push_back(std::move(Path));
        continue;
      }
      WalkedFile F;
      if (Type == DT_LNK) {
        // A link to a file is listed by the link's path, with the file's stamp; a link to a directory is not walked.
        if (::fstatat(FD, E->d_name, &St, 0) != 0 || !S_ISREG(St.st_mode))
          continue;
        F.Stamped = true;
      } else if (Type == DT_REG) {
        F.Stamped = Request.Stamps && ::fstatat(FD, E->d_name, &St, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(St.st_mode);
      } else {
        continue;
      }
      if (F.Stamped)
        F.Stamp = stampOf(St);
      F.Path = Prefix + Name.str();
      D.Files.push_back(std::move(F));
    }
    ::closedir(Stream);
    llvm::sort(D.Files, [](const WalkedFile &A, const WalkedFile &B) { return A.Path < B.Path; });
    llvm::sort(D.Subdirectories);
    return true;
  }

  /// Gives a listed directory's subdirectories entries of their own, for the next level.
  void adopt(size_t I, std::vector<size_t> &Next) {
    std::vector<std::string> Subdirectories = std::move(Directories[I].Subdirectories);
    for (std::string &Path : Subdirectories) {
      Directories[I].Children.push_back(Directories.size());
      Next.push_back(Directories.size());
      Directories.push_back(Directory{std::move(Path), {}, {}, {}});
    }
  }

  /// Runs Work on each directory of a level, on the request's threads (the level's entries are not moved meanwhile).
  void forEach(const std::vector<size_t> &Level, llvm::function_ref<void(size_t)> Work) {
    std::atomic<size_t> Next{0};
    auto Worker = [&] {
      for (size_t K = Next.fetch_add(1); K < Level.size() && !TooMany; K = Next.fetch_add(1))
        Work(Level[K]);
    };
    unsigned Threads = std::min<size_t>(std::max(1u, Request.Threads), Level.size() / 4 + 1);
    std::vector<std::thread> Helpers;
    for (unsigned T = 1; T < Threads; ++T)
      Helpers.emplace_back(Worker);
    Worker();
    for (std::thread &T : Helpers)
      T.join();
  }

  /// The files, depth first: a directory's own files, then its subdirectories' in order.
  void emit(std::vector<WalkedFile> &Out) {
    std::vector<size_t> Stack = {0};
    while (!Stack.empty()) {
      Directory &D = Directories[Stack.back()];
      Stack.pop_back();
      for (WalkedFile &F : D.Files)
        Out.push_back(std::move(F));
      Stack.insert(Stack.end(), D.Children.rbegin(), D.Children.rend());
    }
  }

  const WalkRequest &Request;
  std::vector<Directory> Directories;
  std::atomic<size_t> Entries{0};
  std::atomic<bool> TooMany{false};
};

} // namespace

llvm::Expected<std::vector<WalkedFile>> walkTree(const WalkRequest &Request) { return Walker(Request).run(); }

} // namespace mmio
