// The fast selection's scan of a tree (lib/select/TreeScan): includes followed, derived names to a fixed point,
// other contents in patch mode, and the bounds that keep a hostile tree from running it without end.
#include "TemporaryTree.h"
#include "select/TreeScan.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <sys/stat.h>
#include <unistd.h>

using namespace mmio;

namespace {

class TreeScanTest : public TemporaryTree {
protected:
  ScanRequest request() {
    ScanRequest R;
    R.Roots = {Root.str().str()};
    R.Allocators = {"vmbus_allocate_mmio"};
    R.Threads = 1;
    return R;
  }

};

TEST_F(TreeScanTest, IncludersOfACallingHeaderMayCall) {
  write("include/inline.h", "static inline int w(void) { return vmbus_allocate_mmio(0); }\n");
  write("include/mid.h", "#include \"inline.h\"\n");
  write("include/proto.h", "int vmbus_allocate_mmio(void *p);\n");
  std::string User = write("src/user.c", "#include <mid.h>\n");
  std::string Declares = write("src/declares.c", "#include \"../include/proto.h\"\n");
  std::string Plain = write("src/plain.c", "int x;\n");
  llvm::Expected<TreeScan> Scan = TreeScan::run(request());
  ASSERT_TRUE(bool(Scan)) << llvm::toString(Scan.takeError());
  EXPECT_TRUE(Scan->mayCall(User));
  EXPECT_FALSE(Scan->mayCall(Declares));
  EXPECT_FALSE(Scan->mayCall(Plain));
  EXPECT_EQ(Scan->callingFiles(/*OwnText=*/true), std::vector<std::string>{path("include/inline.h")});
}

TEST_F(TreeScanTest, DerivedNamesToAFixedPoint) {
  write("a.h", "#define A(x) vmbus_allocate_mmio(x)\n");
  write("b.h", "#define B(x) A(x)\n");
  std::string User = write("u.c", "int f(void) { return B(0); }\n");
  llvm::Expected<TreeScan> Scan = TreeScan::run(request());
  ASSERT_TRUE(bool(Scan)) << llvm::toString(Scan.takeError());
  EXPECT_EQ(Scan->derivedMacros(), (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(Scan->rounds(), 3u);
  EXPECT_TRUE(Scan->mayCall(User));

  ScanRequest Shallow = request();
  Shallow.MaxRounds = 2;
  llvm::Expected<TreeScan> Stopped = TreeScan::run(Shallow);
  ASSERT_FALSE(bool(Stopped));
  EXPECT_NE(llvm::toString(Stopped.takeError()).find("nest deeper than 2 levels (B)"), std::string::npos);
}

TEST_F(TreeScanTest, OtherContentsAreScannedToo) {
  std::string Now = write("u.c", "int f(void) { return 0; }\n");
  llvm::StringMap<std::string> Before;
  Before[Now] = "int f(void) { return vmbus_allocate_mmio(0); }\n";
  Before[path("gone.h")] = "static inline int g(void) { return vmbus_allocate_mmio(0); }\n";
  std::string Includer = write("v.c", "#include \"gone.h\"\n");
  ScanRequest R = request();
  EXPECT_FALSE(TreeScan::run(R)->mayCall(Now));
  R.AlsoAs = &Before;
  llvm::Expected<TreeScan> Scan = TreeScan::run(R);
  ASSERT_TRUE(bool(Scan));
  EXPECT_TRUE(Scan->mayCall(Now));
  EXPECT_TRUE(Scan->mayCall(Includer)); // through a header that only the other contents have
}

TEST_F(TreeScanTest, BoundedOnHostileTrees) {
  // A symbolic link back up the tree is not followed; a FIFO is refused without waiting for a writer.
  std::string Plain = write("d/plain.c", "int x;\n");
  ASSERT_FALSE(llvm::sys::fs::create_link(Root.str(), path("d/loop")));
  ASSERT_EQ(::mkfifo(path("d/fifo.h").c_str(), 0600), 0);
  llvm::Expected<TreeScan> Scan = TreeScan::run(request());
  ASSERT_TRUE(bool(Scan)) << llvm::toString(Scan.takeError());
  EXPECT_EQ(Scan->filesRead(), 1u);
  EXPECT_FALSE(Scan->mayCall(Plain));

  for (int I = 0; I < 5; ++I)
    write("many/f" + std::to_string(I) + ".c", "");
  ScanRequest Small = request();
  Small.MaxFiles = 4;
  llvm::Expected<TreeScan> TooMany = TreeScan::run(Small);
  ASSERT_FALSE(bool(TooMany));
  EXPECT_NE(llvm::toString(TooMany.takeError()).find("more than 4 files under"), std::string::npos);

  // A file over the size bound is not read, and counts as one that may call.
  std::string Big = write("big.c", std::string(100, 'x'));
  ScanRequest Capped = request();
  Capped.MaxFileBytes = 10;
  EXPECT_TRUE(TreeScan::run(Capped)->mayCall(Big));
}

// The scan cache: files unchanged in identity, size and time are not read again; a changed or new file is, and
// its includers are followed through the cached include graph; a changed file that derives a name the cache does
// not know, or a cache that does not read back, makes a full scan.
TEST_F(TreeScanTest, CacheRereadsOnlyChangedFiles) {
  llvm::SmallString<256> CacheDir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("tree-scan-cache", CacheDir));
  write("include/inline.h", "static inline int w(void) { return vmbus_allocate_mmio(0); }\n");
  write("include/mid.h", "#include \"inline.h\"\n");
  std::string User = write("src/user.c", "#include <mid.h>\n");
  std::string Plain = write("src/plain.c", "int x;\n");
  ScanRequest R = request();
  R.CachePath = (CacheDir + "/scan").str();

  llvm::Expected<TreeScan> First = TreeScan::run(R);
  ASSERT_TRUE(bool(First)) << llvm::toString(First.takeError());
  EXPECT_EQ(First->filesReused(), 0u);
  llvm::Expected<TreeScan> Again = TreeScan::run(R);
  ASSERT_TRUE(bool(Again)) << llvm::toString(Again.takeError());
  EXPECT_EQ(Again->filesReused(), Again->filesRead());
  EXPECT_TRUE(Again->mayCall(User));
  EXPECT_FALSE(Again->mayCall(Plain));

  // An edit that changes nothing the scan takes from a file leaves the cache as it is, even beside a unit whose
  // source is not there (one Kbuild generates only when it builds it).
  ScanRequest WithMissing = R;
  WithMissing.Units.push_back(path("src/not-generated-yet.c"));
  EXPECT_FALSE(TreeScan::run(WithMissing)->cacheWritten());
  write("src/plain.c", "int x;\n/* edited */\n");
  llvm::Expected<TreeScan> Edited = TreeScan::run(WithMissing);
  ASSERT_TRUE(bool(Edited)) << llvm::toString(Edited.takeError());
  EXPECT_FALSE(Edited->cacheWritten());
  EXPECT_FALSE(Edited->mayCall(Plain));
  EXPECT_TRUE(Edited->mayCall(User));

  write("src/plain.c", "int plain(void) { return vmbus_allocate_mmio(0); }\n");
  std::string Added = write("src/added.c", "#include \"../include/mid.h\"\n");
  llvm::Expected<TreeScan> Changed = TreeScan::run(R);
  ASSERT_TRUE(bool(Changed)) << llvm::toString(Changed.takeError());
  EXPECT_EQ(Changed->filesReused(), Changed->filesRead() - 2);
  EXPECT_TRUE(Changed->mayCall(Plain));
  EXPECT_TRUE(Changed->mayCall(Added));
  EXPECT_TRUE(Changed->cacheNote().empty()) << Changed->cacheNote();
  EXPECT_TRUE(Changed->cacheWritten());

  write("include/wrap.h", "#define HV_W(x) vmbus_allocate_mmio(x)\n");
  std::string WrapUser = write("src/wrap-user.c", "#include <wrap.h>\nint u(void) { return HV_W(0); }\n");
  llvm::Expected<TreeScan> NewName = TreeScan::run(R);
  ASSERT_TRUE(bool(NewName)) << llvm::toString(NewName.takeError());
  EXPECT_EQ(NewName->filesReused(), 0u);
  EXPECT_TRUE(NewName->mayCall(WrapUser));
  EXPECT_NE(NewName->cacheNote().find("scanned afresh"), std::string::npos) << NewName->cacheNote();

  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(R.CachePath, EC);
    OS << "mmio-audit scan cache 1\nnot what it writes\n";
  }
  llvm::Expected<TreeScan> Corrupt = TreeScan::run(R);
  ASSERT_TRUE(bool(Corrupt)) << llvm::toString(Corrupt.takeError());
  EXPECT_EQ(Corrupt->filesReused(), 0u);
  EXPECT_TRUE(Corrupt->mayCall(WrapUser));
  EXPECT_TRUE(Corrupt->mayCall(User));
  llvm::sys::fs::remove_directories(CacheDir);
}

} // namespace
