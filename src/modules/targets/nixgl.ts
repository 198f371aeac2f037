/**
 * `targets.genericLinux.nixGL`: GPU access for programs from Nixpkgs on
 * Linux distributions other than NixOS, through NixGL's wrappers.
 * `config.lib.nixGL.wrappers.<mesa|mesaPrime|nvidia|nvidiaPrime> pkg` (and
 * the aliases `wrap`/`wrapOffload`) give `pkg` with its programs started
 * through the NixGL wrapper of that vendor, with the PRIME offload
 * variables for the `…Prime` ones; when `nixGL.packages` is null every
 * wrapper gives `pkg` back unchanged, so one configuration serves NixOS too.
 * `installScripts` installs `nixGLMesa`-style commands and
 * `prime.installScript` a `prime-offload` command.
 *
 * A wrapped package is built with the trivial builders: a `symlinkJoin` of
 * a wrapper for the package's main program (known at evaluation) over the
 * package itself, whose `postBuild` (run where the builder runs scripts,
 * i.e. with Nix) also wraps every other program and points `.desktop`
 * files and systemd/D-Bus services at the wrapped package. The result keeps
 * the package's attributes (`name`, `meta`, `passthru`, …); `override`
 * overrides the package and wraps it again.
 */
import { forceAttrs } from "../../nix/ops.js";
import { force, NixAttrs, type Lazy } from "../../nix/values.js";
import { defineModule, option, t, toJs, toNix, type AttrsView, type JsValue } from "../../module-system/index.js";
import { attrs, call, lazy, nixThrow, prim, select, updateAttrs } from "../../module-system/nix-values.js";
import { callFn, escapeShellArg, libCall, nixToString } from "../module-kit.js";

const FILE = "modules/targets/nixgl.ts";

const WRAPPERS = ["mesa", "mesaPrime", "nvidia", "nvidiaPrime"] as const;
type WrapperName = (typeof WRAPPERS)[number];

const wrapperList = WRAPPERS.map((w) => `- ${w}`).join("\n");

type Env = Readonly<Record<string, string>>;

interface NixGLConfig {
  readonly packages: AttrsView | null;
  readonly defaultWrapper: WrapperName;
  readonly offloadWrapper: WrapperName;
  readonly prime: { readonly card: string; readonly nvidiaProvider: string | null; readonly installScript: "mesa" | "nvidia" | null };
  readonly installScripts: readonly WrapperName[] | null;
  readonly vulkan: { readonly enable: boolean };
}

/** `export VAR=value` lines, variables sorted. */
function envScript(env: Env): string {
  return Object.keys(env)
    .sort()
    .map((k) => `export ${k}=${env[k]!}`)
    .join("\n");
}

function mesaOffloadEnv(cfg: NixGLConfig): Env {
  return { DRI_PRIME: cfg.prime.card };
}

function nvidiaOffloadEnv(cfg: NixGLConfig): Env {
  return {
    DRI_PRIME: cfg.prime.card,
    __NV_PRIME_RENDER_OFFLOAD: "1",
    __GLX_VENDOR_LIBRARY_NAME: "nvidia",
    __VK_LAYER_NV_optimus: "NVIDIA_only",
    ...(cfg.prime.nvidiaProvider !== null ? { __NV_PRIME_RENDER_OFFLOAD_PROVIDER: cfg.prime.nvidiaProvider } : {}),
  };
}

/** The NixGL package `attr`, whether NixGL came as a flake (`packages.<system>`), a channel, or a channel's `auto` set. */
function wrapperPackage(packages: AttrsView, system: string, attr: string): JsValue {
  if (system in packages) return (packages[system] as AttrsView)[attr]!;
  if (attr in packages) return packages[attr]!;
  if ("auto" in packages) return (packages.auto as AttrsView)[attr]!;
  throw nixThrow("Incompatible NixGL package layout");
}

/** The command line running a program through NixGL (`<gl> <vulkan>`; the second part empty without Vulkan). */
function wrapperCommand(lib: NixAttrs, cfg: NixGLConfig, system: string, vendor: string): string {
  const packages = cfg.packages!;
  const gl = libCall(lib, "getExe", wrapperPackage(packages, system, `nixGL${vendor}`)) as string;
  const vulkan = cfg.vulkan.enable ? (libCall(lib, "getExe", wrapperPackage(packages, system, `nixVulkan${vendor}`)) as string) : "";
  return `${gl} ${vulkan}`;
}

/** A wrapper starting `target` as `name` through `runner`, with `env` set. */
function programWrapper(runner: string, target: string, name: string, env: Env): string {
  const exports = Object.keys(env)
    .sort()
    .map((k) => `export ${k}=${escapeShellArg(env[k]!)}\n`)
    .join("");
  return `${exports}exec -a ${escapeShellArg(name)} ${escapeShellArg(runner)} ${escapeShellArg(target)} "$@"\n`;
}

/** The `postBuild` of the wrapped package: every program wrapped, references to the package rewritten. */
function postBuild(shell: string, pkgOut: string, runner: string, env: Env): string {
  const exports = Object.keys(env)
    .sort()
    .map((k) => `export ${k}=${escapeShellArg(env[k]!)}`)
    .join("\n");
  const patch = (dir: string, glob: string) => `for f in "$out/${dir}"/${glob}; do
  if ! grep -q ${escapeShellArg(pkgOut)} "$f"; then
    continue
  fi
  src="$(readlink -f "$f")"
  rm "$f"
  sed "s|${pkgOut}|$out|g" "$src" > "$f"
done
`;
  return `shopt -s nullglob
if [[ -d ${escapeShellArg(`${pkgOut}/bin`)} ]]; then
  rm -rf "$out/bin"
  mkdir -p "$out/bin"
  for file in ${escapeShellArg(pkgOut)}/bin/*; do
    prog="$(basename "$file")"
    {
      echo '#!${shell}'
      ${exports === "" ? "" : `printf '%s\\n' ${escapeShellArg(exports)}`}
      printf 'exec -a %q %q %q "$@"\\n' "$prog" ${escapeShellArg(runner)} "$file"
    } > "$out/bin/$prog"
    chmod +x "$out/bin/$prog"
  done
fi
${patch("share/applications", "*.desktop")}${patch("share/systemd/user", "*.service")}${patch("share/dbus-1/services", "*.service")}shopt -u nullglob
`;
}

/** The package view's Nix value. */
function nixOf(v: JsValue): NixAttrs {
  return forceAttrs(toNix(v));
}

/** `pkg` wrapped to run through NixGL (see the file header). */
function wrapPackage(lib: NixAttrs, pkgs: AttrsView, runner: () => string, vendor: string, env: Env, pkg: AttrsView): NixAttrs {
  const pkgNix = nixOf(pkg);
  const shell = () => nixToString(pkgs.runtimeShell!);
  let combinedPath: string | undefined;
  const combined = () =>
    (combinedPath ??=
      nixToString(callFn(pkgs.writeShellScriptBin, `nixGLCombinedWrapper-${vendor}`, `exec ${runner()} "$@"\n`)) +
      `/bin/nixGLCombinedWrapper-${vendor}`);
  let built: NixAttrs | undefined;
  const joined = (): NixAttrs => (built ??= build());
  const build = (): NixAttrs => {
    const out = nixToString(pkg.out ?? pkg);
    const main = ((pkg.meta as AttrsView | undefined)?.mainProgram as string | undefined) ?? (libCall(lib, "getName", pkg) as string);
    const mainWrapper = callFn(pkgs.writeShellScriptBin, main, programWrapper(combined(), `${out}/bin/${main}`, main, env));
    return nixOf(
      callFn(pkgs.symlinkJoin, {
        name: pkg.name!,
        paths: [mainWrapper, pkg],
        postBuild: postBuild(shell(), out, combined(), env),
      }),
    );
  };
  const part = (name: string) => lazy(() => force(joined().get(name) ?? null));
  const result: NixAttrs = updateAttrs(
    pkgNix,
    attrs({
      outPath: part("outPath"),
      drvPath: part("drvPath"),
      type: "derivation",
      outputName: "out",
      override: prim("nixGL.override", 1, ([args]) => {
        const overridden = toJs(lazy(() => call(select(pkgNix, "override"), args!))) as AttrsView;
        return wrapPackage(lib, pkgs, runner, vendor, env, overridden);
      }),
    }),
  );
  result.map.set("out", result);
  result.map.set("all", [result]);
  return result;
}

export const nixGLModule = defineModule({
  file: FILE,
  path: "targets.genericLinux.nixGL",
  options: {
    packages: option({
      type: t.nullOr(t.attrs),
      default: null,
      example: "inputs.nixGL.packages",
      description:
        "The package set of NixGL, whose wrappers give programs OpenGL and Vulkan on distributions other than NixOS. " +
        "Wrap a package with `config.lib.nixGL.wrap` (the default wrapper) or `config.lib.nixGL.wrappers.<name>`. " +
        "The wrapper functions exist whatever this option is; while it is null they return the package unchanged, " +
        "which suits NixOS. The Nvidia wrappers need an impure build (`--impure`).",
    }),
    defaultWrapper: option({
      type: t.enum(WRAPPERS),
      default: "mesa",
      description:
        "The wrapper `config.lib.nixGL.wrap` stands for, meant to start programs on the main GPU. " +
        `Every wrapper is also available under \`config.lib.nixGL.wrappers\`. The wrappers are:\n${wrapperList}`,
    }),
    offloadWrapper: option({
      type: t.enum(WRAPPERS),
      default: "mesaPrime",
      description:
        "The wrapper `config.lib.nixGL.wrapOffload` stands for, meant to start programs on the secondary GPU. " +
        `Every wrapper is also available under \`config.lib.nixGL.wrappers\`. The wrappers are:\n${wrapperList}`,
    }),
    prime: {
      card: option({
        type: t.str,
        default: "1",
        example: "pci-0000_06_00_0",
        description:
          "The GPU that PRIME render offloading uses (Mesa's `DRI_PRIME`): a number picking the n-th non-default GPU, " +
          "a PCI bus id `pci-XXX_YY_ZZ_U`, or a PCI id `vendor_id:device_id`.",
      }),
      nvidiaProvider: option({
        type: t.nullOr(t.str),
        default: null,
        example: "NVIDIA-G0",
        description: "When set, the offload provider for Nvidia PRIME (`__NV_PRIME_RENDER_OFFLOAD_PROVIDER`).",
      }),
      installScript: option({
        type: t.nullOr(t.enum(["mesa", "nvidia"] as const)),
        default: null,
        example: "mesa",
        description:
          "When set, installs the `prime-offload` command, which starts a program on the GPU chosen by `prime.card` " +
          "with the offload variables of Mesa or Nvidia. It does not need NixGL, so it is installed even without `packages`.",
      }),
    },
    installScripts: option({
      type: t.nullOr(t.listOf(t.enum(WRAPPERS))),
      default: null,
      example: ["mesa", "mesaPrime"],
      description:
        "Wrappers to install as commands (`mesa` gives `nixGLMesa`, and so on), for programs not installed through " +
        `Home Manager. The wrappers are:\n${wrapperList}`,
    }),
    vulkan: {
      enable: option({
        type: t.bool,
        default: false,
        example: true,
        description:
          "Whether the wrappers provide Vulkan too. Off by default: the Vulkan libraries can clash with the symbol " +
          "versions wrapped programs expect.",
      }),
    },
  },
  config: ({ cfg, pkgs, lib }) => {
    const c = cfg as unknown as NixGLConfig;
    const system = () => nixToString(((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).system!);
    const runner = (vendor: string) => () => wrapperCommand(lib, c, system(), vendor);
    const make =
      (vendor: string, env: () => Env) =>
      (pkg: JsValue): JsValue | NixAttrs =>
        c.packages === null ? pkg : wrapPackage(lib, pkgs, runner(vendor), vendor, env(), pkg as AttrsView);
    const wrappers = {
      mesa: make("Intel", () => ({})),
      mesaPrime: make("Intel", () => mesaOffloadEnv(c)),
      nvidia: make("Nvidia", () => ({})),
      nvidiaPrime: make("Nvidia", () => nvidiaOffloadEnv(c)),
    };
    const script = (name: string, text: string) => callFn(pkgs.writeShellScriptBin, name, text);
    return {
      "lib.nixGL": () => ({
        wrap: (pkg: JsValue) => wrappers[c.defaultWrapper](pkg),
        wrapOffload: (pkg: JsValue) => wrappers[c.offloadWrapper](pkg),
        wrappers,
      }),
      "home.packages": () => {
        const wants = (w: WrapperName) => c.packages !== null && c.installScripts !== null && c.installScripts.includes(w);
        const out: JsValue[] = [];
        if (c.prime.installScript !== null) {
          const env = c.prime.installScript === "mesa" ? mesaOffloadEnv(c) : nvidiaOffloadEnv(c);
          out.push(script("prime-offload", `${envScript(env)}\nexec "$@"\n`));
        }
        if (wants("mesa")) out.push(script("nixGLMesa", `exec ${runner("Intel")()} "$@"\n`));
        if (wants("mesaPrime")) out.push(script("nixGLMesaPrime", `${envScript(mesaOffloadEnv(c))}\nexec ${runner("Intel")()} "$@"\n`));
        if (wants("nvidia")) out.push(script("nixGLNvidia", `exec ${runner("Nvidia")()} "$@"\n`));
        if (wants("nvidiaPrime"))
          out.push(script("nixGLNvidiaPrime", `${envScript(nvidiaOffloadEnv(c))}\nexec ${runner("Nvidia")()} "$@"\n`));
        return out;
      },
    };
  },
});

/** The NixGL option set moved from `nixGL` (as Home Manager does). */
export function nixGLRenameModule(lib: Lazy): Lazy {
  return toNix(libCall(lib, "mkRenamedOptionModule", ["nixGL"], ["targets", "genericLinux", "nixGL"]));
}
