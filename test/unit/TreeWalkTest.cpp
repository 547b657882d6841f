// The walk under the scan (lib/select/TreeWalk): regular files in an order of their names, links to files listed
// by the link, links to directories and version-control directories left out, stamps taken on the way, bounds.
#include "TemporaryTree.h"
#include "select/TreeWalk.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <sys/stat.h>

using namespace mmio;

namespace {

class TreeWalkTest : public TemporaryTree {
protected:
  std::vector<std::string> names(const std::vector<WalkedFile> &Files) {
    std::vector<std::string> Out;
    for (const WalkedFile &F : Files)
      Out.push_back(F.Path.substr(Root.size() + 1));
    return Out;
  }

};

TEST_F(TreeWalkTest, ListsRegularFilesByNameDepthFirst) {
  write("b.h", "");
  write("a/z.c", "");
  write("a/y/x.h", "");
  write("c/.git/config", "");
  write("a.c", "12345");
  ASSERT_FALSE(llvm::sys::fs::create_link(path("a.c"), path("link.c")));
  ASSERT_FALSE(llvm::sys::fs::create_link(path("a"), path("linked-dir")));
  ASSERT_FALSE(llvm::sys::fs::create_link(path("nowhere"), path("dangling.h")));
  ASSERT_EQ(::mkfifo(path("fifo.h").c_str(), 0600), 0);
  for (unsigned Threads : {1u, 4u}) {
    WalkRequest R;
    R.Roots = {Root.str().str()};
    R.Threads = Threads;
    R.Stamps = true;
    llvm::Expected<std::vector<WalkedFile>> Files = walkTree(R);
    ASSERT_TRUE(bool(Files)) << llvm::toString(Files.takeError());
    EXPECT_EQ(names(*Files), (std::vector<std::string>{"a.c", "b.h", "link.c", "a/z.c", "a/y/x.h"}));
    // The link's stamp is its file's: the scan tells them apart by identity.
    ASSERT_TRUE((*Files)[0].Stamped && (*Files)[2].Stamped);
    EXPECT_EQ((*Files)[0].Stamp.ID, (*Files)[2].Stamp.ID);
    EXPECT_EQ((*Files)[0].Stamp.Size, 5u);
  }
}

TEST_F(TreeWalkTest, SkipsWhatItIsToldToAndStopsAtItsBound) {
  write("keep/k.c", "");
  write("cache/c.c", "");
  WalkRequest R;
  R.Roots = {Root.str().str()};
  R.SkipDirectories = {path("cache")};
  llvm::Expected<std::vector<WalkedFile>> Files = walkTree(R);
  ASSERT_TRUE(bool(Files)) << llvm::toString(Files.takeError());
  EXPECT_EQ(names(*Files), std::vector<std::string>{"keep/k.c"});
  EXPECT_FALSE((*Files)[0].Stamped); // not asked for

  R.MaxEntries = 2;
  llvm::Expected<std::vector<WalkedFile>> TooMany = walkTree(R);
  ASSERT_FALSE(bool(TooMany));
  EXPECT_NE(llvm::toString(TooMany.takeError()).find("more than 2 files under"), std::string::npos);

  R.Roots = {path("missing")};
  llvm::Expected<std::vector<WalkedFile>> Missing = walkTree(R);
  ASSERT_FALSE(bool(Missing));
  EXPECT_NE(llvm::toString(Missing.takeError()).find("cannot read directory"), std::string::npos);
}

} // namespace
