// A directory of files made for one test and removed after it: the scan's and the walk's tests build trees in it.
#ifndef MMIO_AUDIT_TEST_UNIT_TEMPORARYTREE_H
#define MMIO_AUDIT_TEST_UNIT_TEMPORARYTREE_H

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <string>

class TemporaryTree : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("mmio-tree", Root)); }
  void TearDown() override { llvm::sys::fs::remove_directories(Root); }

  std::string path(llvm::StringRef Relative) {
    llvm::SmallString<256> P(Root);
    llvm::sys::path::append(P, Relative);
    return P.str().str();
  }
  /// Writes a file, and the directories it needs; its absolute path.
  std::string write(llvm::StringRef Relative, llvm::StringRef Text) {
    std::string P = path(Relative);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P));
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    OS << Text;
    return P;
  }

  llvm::SmallString<256> Root;
};

#endif
