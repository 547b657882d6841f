// What a compile looked up, as the result cache checks it again (lib/input/RecordingFileSystem): paths absent and
// present, and the bytes of the files read, by absolute path.
#include "input/RecordingFileSystem.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include "gtest/gtest.h"

using namespace mmio;

namespace {

TEST(ContentHashTest, HexRoundTrips) {
  ContentHash H = hashContent("int x;\n");
  EXPECT_EQ(H.hex().size(), 32u);
  EXPECT_EQ(ContentHash::fromHex(H.hex()), H);
  EXPECT_NE(hashContent("int y;\n"), H);
  EXPECT_FALSE(ContentHash::fromHex("not hex at all, thirty-two chars"));
  EXPECT_FALSE(ContentHash::fromHex("abc"));
}

TEST(RecordingFileSystemTest, RecordsAbsentPresentAndRead) {
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  Memory->addFile("/src/a.h", 0, llvm::MemoryBuffer::getMemBuffer("int a;\n"));
  Memory->addFile("/src/b.h", 0, llvm::MemoryBuffer::getMemBuffer("int b;\n"));
  ASSERT_FALSE(Memory->setCurrentWorkingDirectory("/src"));
  LookupLog Log;
  auto FS = recordLookups(Memory, Log);
  EXPECT_FALSE(FS->status("missing.h"));
  EXPECT_TRUE(bool(FS->status("b.h")));
  auto File = FS->openFileForRead("a.h");
  ASSERT_TRUE(bool(File));
  ASSERT_TRUE(bool((*File)->getBuffer("a.h")));
  // Looked up again by status only: what it was read as stands.
  EXPECT_TRUE(bool(FS->status("/src/a.h")));

  auto Entries = Log.entries();
  ASSERT_EQ(Entries.size(), 3u);
  EXPECT_EQ(Entries[0].first, "/src/a.h");
  EXPECT_EQ(Entries[0].second.What, FileLookup::Read);
  EXPECT_EQ(Entries[0].second.Hash, hashContent("int a;\n"));
  EXPECT_EQ(Entries[1].first, "/src/b.h");
  EXPECT_EQ(Entries[1].second.What, FileLookup::Present);
  EXPECT_EQ(Entries[2].first, "/src/missing.h");
  EXPECT_EQ(Entries[2].second.What, FileLookup::Absent);
  EXPECT_FALSE(Log.unsure());
}

} // namespace
