#include "tooling/KbuildCommand.h"

#include "clang/Driver/Options.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Host.h"

namespace mmio {

namespace {

// Kbuild's CHECKFLAGS for sparse (the top Makefile and arch/*/Makefile): sparse's warnings, and the macros sparse
// does not define itself but a compiler for the target does.
const char *const SparseFlags[] = {"-D__linux__",    "-Dlinux",    "-D__STDC__",       "-Dunix",
                                   "-D__unix__",     "-Wbitwise",  "-Wno-return-void", "-Wno-unknown-attribute",
                                   "-D__x86_64__",   "-D__i386__", "-D__aarch64__",    "-D__AARCH64EL__",
                                   "-D__AARCH64EB__"};

struct MachineFlags {
  std::string Arch; // --arch=, as Kbuild's ARCH spells it
  bool Is64 = true;
  bool BigEndian = false;
};

/// The triple for Kbuild's ARCH and the machine flags sparse is given; empty when clang has no such target.
std::string tripleFor(const MachineFlags &M) {
  llvm::StringRef A = M.Arch;
  if (A == "x86" || A == "x86_64" || A == "i386")
    return (A == "i386" || (A == "x86" && !M.Is64)) ? "i386-linux-gnu" : "x86_64-linux-gnu";
  if (A == "arm64")
    return M.BigEndian ? "aarch64_be-linux-gnu" : "aarch64-linux-gnu";
  if (A == "arm")
    return M.BigEndian ? "armeb-linux-gnueabi" : "arm-linux-gnueabi";
  if (A == "riscv")
    return M.Is64 ? "riscv64-linux-gnu" : "riscv32-linux-gnu";
  if (A == "powerpc")
    return !M.Is64 ? "powerpc-linux-gnu" : M.BigEndian ? "powerpc64-linux-gnu" : "powerpc64le-linux-gnu";
  if (A == "s390")
    return "s390x-linux-gnu";
  if (A == "loongarch")
    return "loongarch64-linux-gnu";
  if (A == "mips")
    return M.Is64 ? (M.BigEndian ? "mips64-linux-gnuabi64" : "mips64el-linux-gnuabi64")
                  : (M.BigEndian ? "mips-linux-gnu" : "mipsel-linux-gnu");
  if (A == "sparc")
    return M.Is64 ? "sparc64-linux-gnu" : "sparc-linux-gnu";
  if (A == "um")
    return llvm::sys::getDefaultTargetTriple();
  return "";
}

bool hasTarget(llvm::ArrayRef<std::string> Args) {
  return llvm::any_of(Args, [](const std::string &A) {
    llvm::StringRef S = A;
    return S == "-target" || S == "--target" || S.starts_with("--target=") || S.starts_with("-target=");
  });
}

/// `drivers/pci/controller/.pci-hyperv.o.d` (Kbuild's dependency file for an object) -> the object's path.
std::string objectOfDependencyFile(llvm::StringRef DepFile) {
  llvm::StringRef Name = llvm::sys::path::filename(DepFile);
  if (!Name.consume_front(".") || !Name.consume_back(".d") || Name.empty())
    return "";
  llvm::SmallString<128> Object(llvm::sys::path::parent_path(DepFile));
  llvm::sys::path::append(Object, Name);
  return std::string(Object);
}

} // namespace

std::string kbuildObject(llvm::ArrayRef<std::string> Args) {
  std::string Object;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (A == "-o" && I + 1 < Args.size())
      return Args[I + 1]; // -o wins over the dependency file
    for (llvm::StringRef Prefix : {"-Wp,-MMD,", "-Wp,-MD,"})
      if (A.starts_with(Prefix) && Object.empty())
        Object = objectOfDependencyFile(A.drop_front(Prefix.size()).split(',').first);
  }
  return Object;
}

llvm::Expected<KbuildCommand> parseKbuildCommand(llvm::ArrayRef<std::string> Args,
                                                 llvm::ArrayRef<std::string> ExtraArgs) {
  KbuildCommand Out;
  MachineFlags Machine;
  // An LLVM=1 build names its target, and its -m32 or -mbig-endian refine it (ARCH=i386 is --target=x86_64 -m32):
  // those stay. In a GCC build they only tell the triple derived below.
  bool TargetGiven = hasTarget(Args) || hasTarget(ExtraArgs);
  std::vector<std::string> Compiler;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if (llvm::is_contained(SparseFlags, A)) {
      Out.CheckerFlags.push_back(A.str());
      continue;
    }
    if (A.starts_with("--arch=")) {
      Machine.Arch = A.drop_front(strlen("--arch=")).str();
      Out.CheckerFlags.push_back(A.str());
      continue;
    }
    // Without a target given, the machine flags go too: the derived triple carries them, and clang refuses some for
    // some targets (-mbig-endian for x86).
    if (A == "-m64" || A == "-m32" || A == "-mbig-endian" || A == "-mlittle-endian") {
      if (A == "-m64" || A == "-m32")
        Machine.Is64 = A == "-m64";
      else
        Machine.BigEndian = A == "-mbig-endian";
      if (!TargetGiven) {
        Out.CheckerFlags.push_back(A.str());
        continue;
      }
    }
    Compiler.push_back(A.str());
  }
  Out.Object = kbuildObject(Args);

  // The source file, as clang's driver tells inputs from option values (`-include FILE`, `-isystem DIR`).
  std::vector<const char *> Argv;
  for (const std::string &A : Compiler)
    Argv.push_back(A.c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed = clang::driver::getDriverOptTable().ParseArgs(
      Argv, MissingIndex, MissingCount, llvm::opt::Visibility(clang::driver::options::ClangOption));
  std::vector<std::string> Inputs;
  for (const llvm::opt::Arg *In : Parsed.filtered(clang::driver::options::OPT_INPUT))
    Inputs.push_back(In->getValue());
  if (Inputs.empty())
    return llvm::createStringError(std::errc::invalid_argument,
                                   "no source file in the argument list (Kbuild gives the unit's file last)");
  if (Inputs.size() > 1)
    return llvm::createStringError(
        std::errc::invalid_argument, "%zu source files in the argument list (%s, %s%s): a checker is run on one unit",
        Inputs.size(), Inputs[0].c_str(), Inputs[1].c_str(), Inputs.size() > 2 ? ", ..." : "");
  Out.Source = Inputs.front();

  if (!TargetGiven) {
    // An LLVM=1 build passes --target itself; a GCC build says the architecture in sparse's flags only.
    if (Machine.Arch.empty())
      Out.Target = llvm::sys::getDefaultTargetTriple();
    else
      Out.Target = tripleFor(Machine);
    if (Out.Target.empty())
      return llvm::createStringError(std::errc::invalid_argument,
                                     "--arch=%s: no clang target is known for this architecture; give one with "
                                     "--extra-arg=--target=TRIPLE",
                                     Machine.Arch.c_str());
    Compiler.insert(Compiler.begin(), "--target=" + Out.Target);
  }
  Compiler.insert(Compiler.begin(), "clang");
  Out.CompilerArgs = std::move(Compiler);
  return Out;
}

} // namespace mmio
