/**
 * `lib.systems.inspect`: platform patterns (`isLinux`, `isDarwin`,
 * `isx86_64`, `isAarch64`, … as partial parsed platforms, or lists of them
 * meaning "any of"), `predicates` (each pattern as a test on a parsed
 * platform, via `matchAttrs`), `matchAnyAttrs`, `patternLogicalAnd` and
 * `platformPatterns`. Patterns hold the same table values as nixpkgs', so
 * they compare equal to nixpkgs-built ones.
 */
import { eqValues } from "../../nix/ops.js";
import { matchAttrs } from "../attrsets.js";
import { recursiveUpdateUntil } from "../attrsets-paths.js";
import { attrs, fn, force, forceAttrs, NixAttrs, strOf, throwError, type Lazy, type LibContext, type Value } from "../prim.js";
import type { SystemTables } from "./parse.js";

const CPU_FAMILY: Record<string, [string, number?]> = {
  isx86_32: ["x86", 32],
  isx86_64: ["x86", 64],
  isPower: ["power"],
  isPower64: ["power", 64],
  isx86: ["x86"],
  isAarch32: ["arm", 32],
  isAarch64: ["arm", 64],
  isAarch: ["arm"],
  isMicroBlaze: ["microblaze"],
  isMips: ["mips"],
  isMips32: ["mips", 32],
  isMips64: ["mips", 64],
  isMmix: ["mmix"],
  isRiscV: ["riscv"],
  isRiscV32: ["riscv", 32],
  isRiscV64: ["riscv", 64],
  isRx: ["rx"],
  isSparc: ["sparc"],
  isSparc64: ["sparc", 64],
  isWasm: ["wasm"],
  isMsp430: ["msp430"],
  isVc4: ["vc4"],
  isAvr: ["avr"],
  isAlpha: ["alpha"],
  isOr1k: ["or1k"],
  isM68k: ["m68k"],
  isArc: ["arc"],
  isSh4: ["sh"],
  isS390: ["s390"],
  isS390x: ["s390", 64],
  isLoongArch64: ["loongarch", 64],
};

const KERNEL_IS: Record<string, string> = {
  isMacOS: "macos",
  isiOS: "ios",
  isLinux: "linux",
  isSunOS: "solaris",
  isNetBSD: "netbsd",
  isOpenBSD: "openbsd",
  isWindows: "windows",
  isCygwin: "cygwin",
  isWasi: "wasi",
  isRedox: "redox",
  isGhcjs: "ghcjs",
  isGenode: "genode",
  isNone: "none",
};

function cpu(family: string, bits?: number): NixAttrs {
  const c: Record<string, Lazy> = { family };
  if (bits !== undefined) c.bits = BigInt(bits);
  return attrs({ cpu: attrs(c) });
}

/** The pattern table: name to a pattern set or a list of alternatives. */
export function buildPatterns(t: SystemTables): NixAttrs {
  const abis = new Map<string, NixAttrs>();
  for (const [k, v] of t.abis.map) {
    const m = new Map(forceAttrs(v).map);
    m.delete("assertions");
    abis.set(k, new NixAttrs(m));
  }
  const abi = (n: string) => abis.get(n)!;
  const kernel = (n: string) => t.kernels.get(n)!;
  const p = new Map<string, Lazy>();
  for (const [name, [family, bits]] of Object.entries(CPU_FAMILY)) p.set(name, cpu(family, bits));
  for (const [name, k] of Object.entries(KERNEL_IS)) p.set(name, attrs({ kernel: kernel(k) }));
  p.set("isi686", attrs({ cpu: t.cpuTypes.get("i686")! }));
  p.set("isAbiElfv1", attrs({ abi: attrs({ abi: "elfv1" }) }));
  p.set("isAbiElfv2", [
    attrs({ abi: attrs({ abi: "elfv2" }) }),
    attrs({ abi: attrs({ name: "musl" }), cpu: attrs({ family: "power", bits: 64n }) }),
  ]);
  const armv7 = t.cpuTypes
    .sortedNames()
    .map((n) => forceAttrs(t.cpuTypes.get(n)!))
    .filter((c) => c.has("arch") && strOf(force(c.get("arch")!) as string).startsWith("armv7"));
  p.set(
    "isArmv7",
    armv7.map((c) => attrs({ cpu: attrs({ arch: c.get("arch")! }) })),
  );
  p.set("isMips64n32", attrs({ cpu: attrs({ family: "mips", bits: 64n }), abi: attrs({ abi: "n32" }) }));
  p.set("isMips64n64", attrs({ cpu: attrs({ family: "mips", bits: 64n }), abi: attrs({ abi: "64" }) }));
  p.set("isJavaScript", attrs({ cpu: t.cpuTypes.get("javascript")! }));
  p.set("is32bit", attrs({ cpu: attrs({ bits: 32n }) }));
  p.set("is64bit", attrs({ cpu: attrs({ bits: 64n }) }));
  p.set("isILP32", [
    attrs({ cpu: attrs({ family: "wasm", bits: 32n }) }),
    ...["n32", "ilp32", "x32"].map((a) => attrs({ abi: attrs({ abi: a }) })),
  ]);
  p.set("isBigEndian", attrs({ cpu: attrs({ significantByte: t.significantBytes.get("bigEndian")! }) }));
  p.set("isLittleEndian", attrs({ cpu: attrs({ significantByte: t.significantBytes.get("littleEndian")! }) }));
  p.set("isBSD", attrs({ kernel: attrs({ families: attrs({ bsd: t.kernelFamilies.get("bsd")! }) }) }));
  p.set("isDarwin", attrs({ kernel: attrs({ families: attrs({ darwin: t.kernelFamilies.get("darwin")! }) }) }));
  p.set(
    "isUnix",
    ["isBSD", "isDarwin", "isLinux", "isSunOS", "isCygwin", "isRedox"].map((n) => p.get(n)!),
  );
  p.set("isFreeBSD", attrs({ kernel: attrs({ name: "freebsd" }) }));
  p.set("isMinGW", attrs({ kernel: kernel("windows"), abi: abi("gnu") }));
  p.set("isMsvc", attrs({ kernel: kernel("windows"), abi: abi("msvc") }));
  p.set("isAndroid", [attrs({ abi: abi("android") }), attrs({ abi: abi("androideabi") })]);
  const abiList = (names: string[]) => names.map((n) => attrs({ abi: abi(n) }));
  p.set("isGnu", abiList(["gnuabi64", "gnuabin32", "gnu", "gnueabi", "gnueabihf", "gnuabielfv1", "gnuabielfv2"]));
  p.set("isMusl", abiList(["musl", "musleabi", "musleabihf", "muslabin32", "muslabi64"]));
  p.set("isUClibc", abiList(["uclibc", "uclibceabi", "uclibceabihf"]));
  p.set("isEfi", [
    attrs({ cpu: attrs({ family: "arm", version: "6" }) }),
    attrs({ cpu: attrs({ family: "arm", version: "7" }) }),
    attrs({ cpu: attrs({ family: "arm", version: "8" }) }),
    cpu("riscv"),
    cpu("x86"),
    cpu("loongarch"),
  ]);
  p.set("isUefi", [attrs({ kernel: kernel("uefi") })]);
  p.set("isElf", attrs({ kernel: attrs({ execFormat: t.execFormats.get("elf")! }) }));
  p.set("isMacho", attrs({ kernel: attrs({ execFormat: t.execFormats.get("macho")! }) }));
  p.set("isPE", attrs({ kernel: attrs({ execFormat: t.execFormats.get("pe")! }) }));
  p.set("isEabi", attrs({ abi: attrs({ eabi: true }) }));
  return new NixAttrs(p);
}

/** `matchAnyAttrs patterns attrs`. */
export function matchAny(patterns: Lazy, a: Lazy): boolean {
  const p = force(patterns);
  if (Array.isArray(p)) return p.some((x) => matchAttrs(x, a));
  return matchAttrs(p, a);
}

function patternLogicalAnd(ctx: LibContext, a: Lazy, b: Lazy): Value {
  const toList = (x: Lazy) => {
    const v = force(x);
    return Array.isArray(v) ? v : [v];
  };
  const out: Lazy[] = [];
  for (const attr1 of toList(a)) {
    for (const attr2 of toList(b)) {
      out.push(
        ctx.st.thunk(() =>
          recursiveUpdateUntil(
            (path, s1, s2) => {
              const inter = forceAttrs(ctx.B.call("intersectAttrs", s1, s2));
              if (inter.size === 0 || eqValues(s1, s2)) return true;
              const json = (x: Lazy) => strOf(ctx.B.call("toJSON", x) as string);
              throw throwError(`pattern conflict at path ${path.join(" ")}:\n  ${json(s1)}\n  ${json(s2)}\n`);
            },
            attr1,
            attr2,
          ),
        ),
      );
    }
  }
  return out;
}

export function inspectNamespace(ctx: LibContext, patterns: NixAttrs): NixAttrs {
  const predicates = new Map<string, Lazy>();
  for (const [name, pat] of patterns.map)
    predicates.set(
      name,
      fn(`lib.systems.inspect.predicates.${name}`, 1, ([x]) => matchAny(pat, x!)),
    );
  return attrs({
    patterns,
    predicates: new NixAttrs(predicates),
    patternLogicalAnd: fn("lib.systems.inspect.patternLogicalAnd", 2, ([a, b]) => patternLogicalAnd(ctx, a!, b!)),
    matchAnyAttrs: fn("lib.systems.inspect.matchAnyAttrs", 2, ([p, a]) => matchAny(p!, a!)),
    platformPatterns: attrs({ isStatic: attrs({ parsed: NixAttrs.empty, isStatic: true }) }),
  });
}
