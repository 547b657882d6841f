// Kbuild's checker argument list made into a compile command: sparse's flags gone, the target from --arch and the
// machine flags (kept when the build names its target), the object from the dependency file's name, and the one source
// file found as the driver finds it.
#include "tooling/KbuildCommand.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace mmio;

namespace {

const std::vector<std::string> Sparse = {"-D__linux__", "-Dlinux",   "-D__STDC__",       "-Dunix",
                                         "-D__unix__",  "-Wbitwise", "-Wno-return-void", "-Wno-unknown-attribute"};

KbuildCommand parse(std::vector<std::string> Machine, std::vector<std::string> Flags) {
  std::vector<std::string> Args = Sparse;
  Args.insert(Args.end(), Machine.begin(), Machine.end());
  Args.insert(Args.end(), Flags.begin(), Flags.end());
  llvm::Expected<KbuildCommand> C = parseKbuildCommand(Args);
  EXPECT_TRUE(static_cast<bool>(C)) << llvm::toString(C.takeError());
  return C ? *C : KbuildCommand();
}

bool has(const std::vector<std::string> &V, const std::string &S) {
  return std::find(V.begin(), V.end(), S) != V.end();
}

std::string errorOf(std::vector<std::string> Args) {
  llvm::Expected<KbuildCommand> C = parseKbuildCommand(Args);
  return C ? "" : llvm::toString(C.takeError());
}

TEST(KbuildCommandTest, GccBuildOnX86) {
  KbuildCommand C = parse({"--arch=x86", "-mlittle-endian", "-m64", "-D__x86_64__"},
                          {"-Wp,-MMD,drivers/pci/controller/.pci-hyperv.o.d", "-nostdinc", "-I./include", "-include",
                           "./include/linux/kconfig.h", "-D__KERNEL__", "-fconserve-stack", "-DKBUILD_MODNAME=\"x\"",
                           "../src/drivers/pci/controller/pci-hyperv.c"});
  EXPECT_EQ(C.Target, "x86_64-linux-gnu");
  EXPECT_EQ(C.Source, "../src/drivers/pci/controller/pci-hyperv.c");
  EXPECT_EQ(C.Object, "drivers/pci/controller/pci-hyperv.o");
  ASSERT_GE(C.CompilerArgs.size(), 2u);
  EXPECT_EQ(C.CompilerArgs[0], "clang");
  EXPECT_EQ(C.CompilerArgs[1], "--target=x86_64-linux-gnu");
  for (const std::string &S : Sparse)
    EXPECT_FALSE(has(C.CompilerArgs, S)) << S;
  for (const char *Gone : {"--arch=x86", "-mlittle-endian", "-m64", "-D__x86_64__"})
    EXPECT_FALSE(has(C.CompilerArgs, Gone)) << Gone;
  // The compiler's own flags stay for the common cleanup, in order.
  for (const char *Kept : {"-D__KERNEL__", "-include", "./include/linux/kconfig.h", "-fconserve-stack",
                           "-Wp,-MMD,drivers/pci/controller/.pci-hyperv.o.d"})
    EXPECT_TRUE(has(C.CompilerArgs, Kept)) << Kept;
  EXPECT_EQ(C.CompilerArgs.back(), "../src/drivers/pci/controller/pci-hyperv.c");
}

TEST(KbuildCommandTest, TargetFromMachineFlags) {
  EXPECT_EQ(parse({"--arch=x86", "-m32"}, {"a.c"}).Target, "i386-linux-gnu");
  EXPECT_EQ(parse({"--arch=i386", "-m32"}, {"a.c"}).Target, "i386-linux-gnu");
  EXPECT_EQ(parse({"--arch=x86_64", "-m64"}, {"a.c"}).Target, "x86_64-linux-gnu");
  EXPECT_EQ(parse({"--arch=arm64", "-mlittle-endian", "-m64"}, {"a.c"}).Target, "aarch64-linux-gnu");
  EXPECT_EQ(parse({"--arch=arm64", "-mbig-endian", "-m64"}, {"a.c"}).Target, "aarch64_be-linux-gnu");
  EXPECT_EQ(parse({"--arch=riscv", "-m64"}, {"a.c"}).Target, "riscv64-linux-gnu");
  EXPECT_EQ(parse({"--arch=powerpc", "-mlittle-endian", "-m64"}, {"a.c"}).Target, "powerpc64le-linux-gnu");
  EXPECT_EQ(parse({"--arch=powerpc", "-mbig-endian", "-m32"}, {"a.c"}).Target, "powerpc-linux-gnu");
}

TEST(KbuildCommandTest, LlvmBuildKeepsItsTarget) {
  KbuildCommand C = parse({"--arch=arm64", "-m64"}, {"--target=aarch64-linux-gnu", "a.c"});
  EXPECT_TRUE(has(C.CompilerArgs, "--target=aarch64-linux-gnu"));
  EXPECT_EQ(std::count_if(C.CompilerArgs.begin(), C.CompilerArgs.end(),
                          [](const std::string &A) { return A.rfind("--target", 0) == 0; }),
            1);
}

TEST(KbuildCommandTest, ObjectFromOutputOrNothing) {
  EXPECT_EQ(parse({"--arch=x86"}, {"-o", "out/a.o", "a.c"}).Object, "out/a.o");
  EXPECT_EQ(parse({"--arch=x86"}, {"a.c"}).Object, "");
  // Not Kbuild's dependency-file name: no object guessed from it.
  EXPECT_EQ(parse({"--arch=x86"}, {"-Wp,-MMD,deps.d", "a.c"}).Object, "");
}

TEST(KbuildCommandTest, SourceFileErrors) {
  EXPECT_NE(errorOf({"--arch=x86", "-include", "a.c"}).find("no source file"), std::string::npos);
  EXPECT_NE(errorOf({"--arch=x86", "a.c", "b.c"}).find("2 source files in the argument list (a.c, b.c)"),
            std::string::npos);
  EXPECT_NE(errorOf({"--arch=openrisc", "a.c"}).find("--arch=openrisc: no clang target"), std::string::npos);
}

TEST(KbuildCommandTest, MachineFlagsStayWithAGivenTarget) {
  // ARCH=i386 in an LLVM=1 build: --target=x86_64-linux-gnu refined by -m32.
  KbuildCommand C = parse({"--arch=i386", "-mlittle-endian", "-m32"}, {"--target=x86_64-linux-gnu", "-m32", "a.c"});
  EXPECT_TRUE(has(C.CompilerArgs, "-m32"));
  EXPECT_FALSE(has(C.CompilerArgs, "--arch=i386"));
  // A target the user adds counts as given: none is derived, so an architecture clang lacks is no error.
  llvm::Expected<KbuildCommand> Extra = parseKbuildCommand({"--arch=openrisc", "a.c"}, {"--target=x86_64-linux-gnu"});
  ASSERT_TRUE(static_cast<bool>(Extra)) << llvm::toString(Extra.takeError());
  EXPECT_FALSE(has(Extra->CompilerArgs, "--target=or1k-linux-gnu"));
}

} // namespace
