/**
 * Table-driven tests for `lib.systems` (parse, inspect, elaborate, doubles). Each expression is evaluated with `lib` in scope
 * and printed as `nix-instantiate --eval --strict` prints it. Expectations were
 * obtained from Nix 2.8 evaluating nixpkgs' own lib, and cross-checked against
 * this evaluator running nixpkgs' lib (which also covers what Nix 2.8 lacks, such
 * as `builtins.readFileType`, and current Nix's error wording).
 */
import { describe, test } from "node:test";
import { LibHarness, type Case } from "./harness.js";

const h = new LibHarness();

const SYSTEMS: Case[] = [
  ['lib.meta.availableOn (lib.systems.elaborate "x86_64-linux") { meta.platforms = [ "x86_64-linux" ]; }', "true"],
  ['lib.meta.availableOn (lib.systems.elaborate "x86_64-linux") { meta.platforms = [ "aarch64-linux" ]; }', "false"],
  ['lib.meta.availableOn (lib.systems.elaborate "x86_64-linux") { meta.badPlatforms = [ "x86_64-linux" ]; }', "false"],
  ['lib.meta.availableOn (lib.systems.elaborate "x86_64-linux") { }', "true"],
  ['lib.meta.availableOn (lib.systems.elaborate "x86_64-linux") { meta.platforms = lib.platforms.linux; }', "true"],
  ['lib.systems.elaborate "x86_64-linux" ? isLinux', "true"],
  ['(lib.systems.elaborate "x86_64-linux").isLinux', "true"],
  ['(lib.systems.elaborate "x86_64-linux").isDarwin', "false"],
  ['(lib.systems.elaborate "x86_64-linux").isx86_64', "true"],
  ['(lib.systems.elaborate "x86_64-linux").isAarch64', "false"],
  ['(lib.systems.elaborate "x86_64-linux").system', '"x86_64-linux"'],
  ['(lib.systems.elaborate "x86_64-linux").config', '"x86_64-unknown-linux-gnu"'],
  ['(lib.systems.elaborate "x86_64-linux").parsed.kernel.name', '"linux"'],
  ['(lib.systems.elaborate "x86_64-linux").parsed.cpu.name', '"x86_64"'],
  [
    '(lib.systems.elaborate "x86_64-linux").parsed.cpu',
    '{ _type = "cpu-type"; arch = "x86-64"; bits = 64; family = "x86"; name = "x86_64"; significantByte = { _type = "significant-byte"; name = "littleEndian"; }; }',
  ],
  ['(lib.systems.elaborate "x86_64-linux").parsed.abi.name', '"gnu"'],
  ['(lib.systems.elaborate "x86_64-linux").libc', '"glibc"'],
  ['(lib.systems.elaborate "x86_64-linux").linker', '"bfd"'],
  ['(lib.systems.elaborate "x86_64-linux").libDir', '"lib64"'],
  [
    '(lib.systems.elaborate "x86_64-linux").extensions',
    '{ executable = ""; library = ".so"; sharedLibrary = ".so"; staticLibrary = ".a"; }',
  ],
  ['(lib.systems.elaborate "x86_64-linux").uname', '{ processor = "x86_64"; release = null; system = "Linux"; }'],
  ['(lib.systems.elaborate "x86_64-linux").linuxArch', '"x86_64"'],
  ['(lib.systems.elaborate "x86_64-linux").qemuArch', '"x86_64"'],
  ['(lib.systems.elaborate "x86_64-linux").efiArch', '"x64"'],
  ['(lib.systems.elaborate "x86_64-linux").gcc', "{ }"],
  [
    '(lib.systems.elaborate "x86_64-linux").rust',
    '{ cargoEnvVarTarget = "X86_64_UNKNOWN_LINUX_GNU"; cargoShortTarget = "x86_64-unknown-linux-gnu"; isNoStdTarget = false; platform = { arch = "x86_64"; os = "linux"; target-family = [ "unix" ]; vendor = "unknown"; }; rustcTarget = "x86_64-unknown-linux-gnu"; rustcTargetSpec = "x86_64-unknown-linux-gnu"; }',
  ],
  ['(lib.systems.elaborate "x86_64-linux").go', '{ GOARCH = "amd64"; GOARM = ""; GOOS = "linux"; }'],
  ['(lib.systems.elaborate "x86_64-linux").node', '{ arch = "x64"; platform = "linux"; }'],
  ['(lib.systems.elaborate "x86_64-linux").nim', '{ cpu = "amd64"; os = "Linux"; }'],
  ['(lib.systems.elaborate "x86_64-linux").hasSharedLibraries', "true"],
  ['(lib.systems.elaborate "x86_64-linux").isStatic', "false"],
  ['(lib.systems.elaborate "x86_64-linux").darwinSdkVersion', '"14.4"'],
  ['(lib.systems.elaborate "aarch64-darwin").system', '"aarch64-darwin"'],
  ['(lib.systems.elaborate "aarch64-darwin").config', '"arm64-apple-darwin"'],
  ['(lib.systems.elaborate "aarch64-darwin").isDarwin', "true"],
  ['(lib.systems.elaborate "aarch64-darwin").isLinux', "false"],
  ['(lib.systems.elaborate "aarch64-darwin").isAarch64', "true"],
  ['(lib.systems.elaborate "aarch64-darwin").isMacOS', "true"],
  ['(lib.systems.elaborate "aarch64-darwin").libc', '"libSystem"'],
  ['(lib.systems.elaborate "aarch64-darwin").linker', '"cctools"'],
  [
    '(lib.systems.elaborate "aarch64-darwin").extensions',
    '{ executable = ""; library = ".dylib"; sharedLibrary = ".dylib"; staticLibrary = ".a"; }',
  ],
  ['(lib.systems.elaborate "aarch64-darwin").uname', '{ processor = "arm64"; release = null; system = "Darwin"; }'],
  ['(lib.systems.elaborate "aarch64-darwin").darwinArch', '"arm64"'],
  ['(lib.systems.elaborate "aarch64-darwin").darwinPlatform', '"macos"'],
  [
    '(lib.systems.elaborate "aarch64-darwin").gcc',
    '{ arch = "armv8.3-a+crypto+sha2+aes+crc+fp16+lse+simd+ras+rdm+rcpc"; cpu = "apple-a13"; }',
  ],
  ['(lib.systems.elaborate "aarch64-darwin").rust.rustcTarget', '"aarch64-apple-darwin"'],
  ['(lib.systems.elaborate "aarch64-darwin").go', '{ GOARCH = "arm64"; GOARM = ""; GOOS = "darwin"; }'],
  ['(lib.systems.elaborate "x86_64-darwin").parsed.kernel.name', '"darwin"'],
  ['(lib.systems.elaborate "aarch64-linux").gcc', '{ arch = "armv8-a"; }'],
  [
    '(lib.systems.elaborate "aarch64-linux").rust',
    '{ cargoEnvVarTarget = "AARCH64_UNKNOWN_LINUX_GNU"; cargoShortTarget = "aarch64-unknown-linux-gnu"; isNoStdTarget = false; platform = { arch = "aarch64"; os = "linux"; target-family = [ "unix" ]; vendor = "unknown"; }; rustcTarget = "aarch64-unknown-linux-gnu"; rustcTargetSpec = "aarch64-unknown-linux-gnu"; }',
  ],
  ['(lib.systems.elaborate "armv7l-linux").config', '"armv7l-unknown-linux-gnueabihf"'],
  ['(lib.systems.elaborate "armv7l-linux").gcc', '{ arch = "armv7-a"; fpu = "vfpv3-d16"; }'],
  ['(lib.systems.elaborate "armv7l-linux").rust.rustcTarget', '"armv7-unknown-linux-gnueabihf"'],
  ['(lib.systems.elaborate "armv6l-linux").parsed.abi.name', '"gnueabihf"'],
  ['(lib.systems.elaborate "i686-linux").uname.processor', '"i686"'],
  ['(lib.systems.elaborate "i686-linux").linuxArch', '"i386"'],
  ['(lib.systems.elaborate "powerpc64le-linux").uname.processor', '"ppc64le"'],
  ['(lib.systems.elaborate "riscv64-linux").rust.rustcTarget', '"riscv64gc-unknown-linux-gnu"'],
  ['(lib.systems.elaborate "x86_64-windows").config', '"x86_64-pc-windows-msvc"'],
  ['(lib.systems.elaborate "x86_64-windows").libc', '"ucrt"'],
  [
    '(lib.systems.elaborate "x86_64-windows").extensions',
    '{ executable = ".exe"; library = ".dll"; sharedLibrary = ".dll"; staticLibrary = ".lib"; }',
  ],
  ['(lib.systems.elaborate "x86_64-w64-mingw32").libc', '"msvcrt"'],
  ['(lib.systems.elaborate "x86_64-unknown-linux-musl").libc', '"musl"'],
  ['(lib.systems.elaborate "x86_64-unknown-linux-musl").isMusl', "true"],
  ['(lib.systems.elaborate "wasm32-wasi").isStatic', "true"],
  ['(lib.systems.elaborate "wasm32-wasi").extensions', '{ executable = ""; library = ".a"; staticLibrary = ".a"; }'],
  ['(lib.systems.elaborate "wasm32-wasi").rust.rustcTarget', '"wasm32-wasip1"'],
  ['(lib.systems.elaborate "x86_64-freebsd").config', '"x86_64-unknown-freebsd"'],
  ['(lib.systems.elaborate "x86_64-freebsd").useLLVM', "true"],
  ['(lib.systems.elaborate "x86_64-freebsd").linker', '"lld"'],
  ['(lib.systems.elaborate "aarch64-unknown-netbsd").config', '"aarch64-unknown-netbsd"'],
  ['(lib.systems.elaborate "i686-netbsd").config', '"i686-unknown-netbsdelf"'],
  [
    '(lib.systems.elaborate { system = "x86_64-linux"; isStatic = true; }).extensions',
    '{ executable = ""; library = ".a"; staticLibrary = ".a"; }',
  ],
  ['(lib.systems.elaborate { system = "x86_64-linux"; gcc.arch = "x86-64-v3"; }).avx2Support', "true"],
  ['(lib.systems.elaborate { system = "x86_64-linux"; gcc.arch = "x86-64-v3"; }).avx512Support', "false"],
  ['(lib.systems.elaborate { config = "aarch64-unknown-linux-gnu"; }).system', '"aarch64-linux"'],
  ["(lib.systems.elaborate lib.systems.examples.aarch64-multiplatform).system", '"aarch64-linux"'],
  ['(lib.systems.elaborate "x86_64-linux").canExecute (lib.systems.elaborate "i686-linux")', "true"],
  ['(lib.systems.elaborate "i686-linux").canExecute (lib.systems.elaborate "x86_64-linux")', "false"],
  ['(lib.systems.elaborate "x86_64-linux").canExecute (lib.systems.elaborate "x86_64-darwin")', "false"],
  ['lib.systems.equals (lib.systems.elaborate "x86_64-linux") (lib.systems.elaborate "x86_64-linux")', "true"],
  ['lib.systems.equals (lib.systems.elaborate "x86_64-linux") (lib.systems.elaborate "aarch64-linux")', "false"],
  ['lib.systems.parse.mkSkeletonFromList [ "x86_64" "linux" ]', '{ cpu = "x86_64"; kernel = "linux"; }'],
  ['lib.systems.parse.doubleFromSystem (lib.systems.parse.mkSystemFromString "aarch64-apple-darwin")', '"aarch64-darwin"'],
  ['lib.systems.parse.tripleFromSystem (lib.systems.parse.mkSystemFromString "aarch64-darwin")', '"arm64-apple-darwin"'],
  [
    'lib.systems.parse.tripleFromSystem (lib.systems.parse.mkMuslSystem (lib.systems.parse.mkSystemFromString "x86_64-linux"))',
    '"x86_64-unknown-linux-musl"',
  ],
  ["lib.systems.parse.isCompatible lib.systems.parse.cpuTypes.x86_64 lib.systems.parse.cpuTypes.i686", "true"],
  ["lib.systems.parse.isCompatible lib.systems.parse.cpuTypes.i686 lib.systems.parse.cpuTypes.x86_64", "false"],
  ["lib.systems.parse.cpuTypes.arm64.name", '"aarch64"'],
  ["lib.systems.parse.kernels.darwin.name", '"darwin"'],
  ['lib.systems.inspect.predicates.isLinux (lib.systems.parse.mkSystemFromString "x86_64-linux")', "true"],
  ["lib.systems.inspect.patterns.isDarwin", '{ kernel = { families = { darwin = { _type = "exec-format"; name = "darwin"; }; }; }; }'],
  [
    "lib.systems.inspect.patternLogicalAnd lib.systems.inspect.patterns.isLinux lib.systems.inspect.patterns.is64bit",
    '[ { cpu = { bits = 64; }; kernel = { _type = "kernel"; execFormat = { _type = "exec-format"; name = "elf"; }; families = { }; name = "linux"; }; } ]',
  ],
  ["lib.systems.doubles.darwin", '[ "x86_64-darwin" "aarch64-darwin" ]'],
  [
    "lib.systems.doubles.x86_64",
    '[ "x86_64-cygwin" "x86_64-darwin" "x86_64-freebsd" "x86_64-genode" "x86_64-solaris" "x86_64-linux" "x86_64-netbsd" "x86_64-none" "x86_64-openbsd" "x86_64-redox" "x86_64-windows" "x86_64-uefi" ]',
  ],
  [
    "lib.systems.doubles.gnu",
    '[ "aarch64-linux" "arc-linux" "i686-linux" "loongarch64-linux" "m68k-linux" "sh4-linux" "microblaze-linux" "microblazeel-linux" "mips-linux" "mips64-linux" "mips64el-linux" "mipsel-linux" "powerpc-linux" "powerpc64le-linux" "riscv32-linux" "riscv64-linux" "s390-linux" "s390x-linux" "x86_64-linux" "armv5tel-linux" "armv6l-linux" "armv7a-linux" "armv7l-linux" "powerpc64-linux" ]',
  ],
  [
    "lib.systems.flakeExposed",
    '[ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "armv6l-linux" "armv7l-linux" "i686-linux" "aarch64-darwin" "powerpc64le-linux" "riscv64-linux" "x86_64-freebsd" ]',
  ],
  ["lib.platforms.darwin", '[ "x86_64-darwin" "aarch64-darwin" ]'],
  ["lib.systems.examples.raspberryPi", '{ config = "armv6l-unknown-linux-gnueabihf"; gcc = { arch = "armv6kz"; fpu = "vfpv2"; }; }'],
  ['lib.systems.architectures.canExecute "x86-64-v3" "x86-64"', "true"],
  ['lib.systems.architectures.canExecute "x86-64" "x86-64-v3"', "false"],
  ['lib.systems.systemToAttrs "x"', '{ system = "x"; }'],
];

describe("lib.systems", () => {
  describe("systems", () => {
    for (const [expr, expected] of SYSTEMS) test(expr, () => h.check(expr, expected));
  });
});
