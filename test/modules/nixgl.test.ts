/**
 * `targets.genericLinux.nixGL` golden cases: the two examples of the
 * manual's "GPU on non-NixOS systems" section evaluated as written (NixGL
 * from a flake through a module argument, and from a channel through
 * `<nixgl>`), the wrapped programs and installed wrapper commands they give,
 * the wrappers as no-ops without `nixGL.packages`, `prime-offload`, Vulkan
 * and the Nvidia offload provider, `override` on a wrapped package, and the
 * error for a package set of unknown layout. NixGL itself is replaced by a
 * small fake with the same attribute layout.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { Case, textAt } from "./harness.js";

const STUB = { HOME_MANAGER_PACKAGES: "stub" };

/** A stand-in for NixGL's packages: each wrapper a script running its arguments. */
const FAKE_NIXGL = `{ pkgs }:
let
  tool = name: pkgs.writeShellScriptBin name "exec \\"$@\\"\\n" // { meta.mainProgram = name; };
in {
  nixGLIntel = tool "nixGLIntel";
  nixVulkanIntel = tool "nixVulkanIntel";
  nixGLNvidia = tool "nixGLNvidia-550.78";
  nixVulkanNvidia = tool "nixVulkanNvidia-550.78";
}
`;

/** The channel layout: Nvidia wrappers under `auto`. */
const FAKE_NIXGL_CHANNEL = `{ pkgs ? import <nixpkgs> { } }:
let
  all = import ./fake.nix { inherit pkgs; };
in {
  inherit (all) nixGLIntel nixVulkanIntel;
  auto = { inherit (all) nixGLNvidia nixVulkanNvidia; };
}
`;

/** The manual's example, verbatim. */
const MANUAL_EXAMPLE = `{ config, lib, pkgs, nixgl, ... }:
{
  nixGL.packages = nixgl.packages;
  nixGL.defaultWrapper = "mesa";
  nixGL.offloadWrapper = "nvidiaPrime";
  nixGL.installScripts = [ "mesa" "nvidiaPrime" ];

  programs.mpv = {
    enable = true;
    package = config.lib.nixGL.wrap pkgs.mpv;
  };

  home.packages = [
    (config.lib.nixGL.wrapOffload pkgs.freecad)
    (config.lib.nixGL.wrappers.nvidiaPrime pkgs.xonotic)
  ];
}
`;

/** The channel variant's opening line, with "the rest … the same as above". */
const MANUAL_CHANNEL_EXAMPLE = `{ config, lib, pkgs, ... }:
{
  nixGL.packages = import <nixgl> { inherit pkgs; };
  nixGL.defaultWrapper = "mesa";
  nixGL.offloadWrapper = "nvidiaPrime";
  nixGL.installScripts = [ "mesa" "nvidiaPrime" ];

  programs.mpv = {
    enable = true;
    package = config.lib.nixGL.wrap pkgs.mpv;
  };

  home.packages = [
    (config.lib.nixGL.wrapOffload pkgs.freecad)
    (config.lib.nixGL.wrappers.nvidiaPrime pkgs.xonotic)
  ];
}
`;

/** `programs.mpv` is not in this catalog yet: the examples get a minimal declaration of it. */
const hasMpvModule = fs.existsSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "../../src/modules/programs/mpv.js"));
const MPV_OPTIONS = hasMpvModule
  ? "{ }"
  : `{ lib, ... }: {
  options.programs.mpv.enable = lib.mkEnableOption "mpv";
  options.programs.mpv.package = lib.mkOption { type = lib.types.package; };
}`;

const NV_ENV =
  "export DRI_PRIME=1\nexport __GLX_VENDOR_LIBRARY_NAME=nvidia\nexport __NV_PRIME_RENDER_OFFLOAD=1\nexport __VK_LAYER_NV_optimus=NVIDIA_only\n";

/** A home.nix importing `example.nix` (the file under test) and the test's support modules. */
function exampleCase(example: string, extra: string): { c: Case; ev: ReturnType<Case["evaluate"]> } {
  const c = new Case(STUB);
  c.file("fake.nix", FAKE_NIXGL);
  c.file("nixgl-channel/default.nix", FAKE_NIXGL_CHANNEL.replace("./fake.nix", "../fake.nix"));
  c.file("example.nix", example);
  c.file("mpv-options.nix", MPV_OPTIONS);
  c.homeNix(`  imports = [ ./example.nix ./mpv-options.nix ];
  home.file."out/mpv".text = "\${config.programs.mpv.package}";
  home.file."out/packages".text = lib.concatMapStringsSep "\\n" (p: "\${p.name} \${p}") config.home.packages;
  home.file."out/shell".text = pkgs.runtimeShell;
  home.file."out/nixgl".text = builtins.toJSON (lib.mapAttrs (n: p: "\${p}") (import ./fake.nix { inherit pkgs; }));${extra}`);
  const ev = c.evaluate({ includePaths: [`nixgl=${path.join(c.configDir, "nixgl-channel")}`] });
  return { c, ev };
}

/** The store path of the installed package named `name`. */
function installed(g: ReturnType<Case["evaluate"]>["generation"], name: string): string {
  const line = textAt(g, "out/packages")
    .split("\n")
    .find((l) => l.startsWith(`${name} `));
  assert.ok(line !== undefined, `${name} is not installed:\n${textAt(g, "out/packages")}`);
  return line.slice(name.length + 1);
}

function checkExample(c: Case, ev: ReturnType<Case["evaluate"]>): void {
  const g = ev.generation;
  const shell = textAt(g, "out/shell");
  const nixgl = JSON.parse(textAt(g, "out/nixgl")) as Record<string, string>;
  const intel = `${nixgl.nixGLIntel}/bin/nixGLIntel `;
  const nvidia = `${nixgl.nixGLNvidia}/bin/nixGLNvidia-550.78 `;
  // mpv: the default wrapper (mesa), no environment.
  const mpv = textAt(g, "out/mpv");
  const mpvScript = fs.readFileSync(`${mpv}/bin/mpv`, "utf8");
  const m = /^exec -a mpv (\S+) @mpv@\/bin\/mpv "\$@"\n$/m.exec(mpvScript);
  assert.ok(m !== null, mpvScript);
  assert.equal(mpvScript, `#!${shell}\nexec -a mpv ${m[1]} @mpv@/bin/mpv "$@"\n\n`);
  assert.equal(fs.readFileSync(m[1]!, "utf8"), `#!${shell}\nexec ${intel} "$@"\n\n`);
  // freecad and xonotic: Nvidia with PRIME offloading.
  for (const name of ["freecad", "xonotic"]) {
    const script = fs.readFileSync(`${installed(g, name)}/bin/${name}`, "utf8");
    const w = new RegExp(`^exec -a ${name} (\\S+) @${name}@/bin/${name} "\\$@"$`, "m").exec(script);
    assert.ok(w !== null, script);
    assert.equal(script, `#!${shell}\n${NV_ENV}exec -a ${name} ${w[1]} @${name}@/bin/${name} "$@"\n\n`);
    assert.equal(fs.readFileSync(w[1]!, "utf8"), `#!${shell}\nexec ${nvidia} "$@"\n\n`);
  }
  // The wrapper commands asked for.
  assert.equal(fs.readFileSync(`${installed(g, "nixGLMesa")}/bin/nixGLMesa`, "utf8"), `#!${shell}\nexec ${intel} "$@"\n\n`);
  assert.equal(
    fs.readFileSync(`${installed(g, "nixGLNvidiaPrime")}/bin/nixGLNvidiaPrime`, "utf8"),
    `#!${shell}\n${NV_ENV}exec ${nvidia} "$@"\n\n`,
  );
  assert.equal(
    textAt(g, "out/packages")
      .split("\n")
      .map((l) => l.split(" ")[0])
      .join(" "),
    // With the mpv module, the (wrapped) mpv is installed too.
    `${hasMpvModule ? "mpv " : ""}nixGLMesa nixGLNvidiaPrime freecad xonotic`,
  );
  if (hasMpvModule) assert.equal(installed(g, "mpv"), mpv);
  assert.deepEqual(c.warnings, [
    `trace: warning: The option \`nixGL' defined in \`${c.configDir}/example.nix' has been renamed to \`targets.genericLinux.nixGL'.`,
  ]);
}

test("nixGL: the manual's flake example", () => {
  const { c, ev } = exampleCase(
    MANUAL_EXAMPLE,
    `\n  _module.args.nixgl.packages.\${pkgs.stdenv.hostPlatform.system} = import ./fake.nix { inherit pkgs; };`,
  );
  checkExample(c, ev);
});

test("nixGL: the manual's channel example (<nixgl>)", () => {
  const { c, ev } = exampleCase(MANUAL_CHANNEL_EXAMPLE, "");
  checkExample(c, ev);
});

test("nixGL: without packages the wrappers return the package itself", () => {
  const c = new Case(STUB);
  c.homeNix(`
  targets.genericLinux.nixGL.installScripts = [ "mesa" ];
  targets.genericLinux.nixGL.prime.installScript = "mesa";
  targets.genericLinux.nixGL.prime.card = "pci-0000_06_00_0";
  home.packages = [ (config.lib.nixGL.wrap pkgs.mpv) (config.lib.nixGL.wrappers.nvidiaPrime pkgs.xonotic) ];
  home.file.same.text = builtins.toJSON [
    ((config.lib.nixGL.wrap pkgs.mpv) == pkgs.mpv)
    ((config.lib.nixGL.wrapOffload pkgs.mpv) == pkgs.mpv)
  ];
  home.file.names.text = lib.concatMapStringsSep " " (p: p.name) config.home.packages;
  home.file.offload.text = "\${lib.findFirst (p: p.name == "prime-offload") null config.home.packages}";
  home.file.shell.text = pkgs.runtimeShell;`);
  const g = c.evaluate().generation;
  assert.equal(textAt(g, "same"), "[true,true]");
  assert.equal(textAt(g, "names"), "prime-offload mpv xonotic");
  assert.equal(
    fs.readFileSync(`${textAt(g, "offload")}/bin/prime-offload`, "utf8"),
    `#!${textAt(g, "shell")}\nexport DRI_PRIME=pci-0000_06_00_0\nexec "$@"\n\n`,
  );
});

test("nixGL: Vulkan, the Nvidia offload provider and the card go into the wrappers", () => {
  const c = new Case(STUB);
  c.file("fake.nix", FAKE_NIXGL);
  c.homeNix(`
  targets.genericLinux.nixGL = {
    packages = import ./fake.nix { inherit pkgs; };
    vulkan.enable = true;
    prime.card = "2";
    prime.nvidiaProvider = "NVIDIA-G0";
    prime.installScript = "nvidia";
    installScripts = [ "mesaPrime" ];
  };
  home.file.nixgl.text = builtins.toJSON (lib.mapAttrs (n: p: "\${p}") (import ./fake.nix { inherit pkgs; }));
  home.file.pkgs.text = lib.concatMapStringsSep "\\n" (p: "\${p.name} \${p}") config.home.packages;
  home.file.shell.text = pkgs.runtimeShell;`);
  const g = c.evaluate().generation;
  const shell = textAt(g, "shell");
  const nixgl = JSON.parse(textAt(g, "nixgl")) as Record<string, string>;
  const at = (name: string) =>
    textAt(g, "pkgs")
      .split("\n")
      .find((l) => l.startsWith(`${name} `))!
      .slice(name.length + 1);
  assert.equal(
    fs.readFileSync(`${at("prime-offload")}/bin/prime-offload`, "utf8"),
    `#!${shell}\nexport DRI_PRIME=2\nexport __GLX_VENDOR_LIBRARY_NAME=nvidia\nexport __NV_PRIME_RENDER_OFFLOAD=1\n` +
      `export __NV_PRIME_RENDER_OFFLOAD_PROVIDER=NVIDIA-G0\nexport __VK_LAYER_NV_optimus=NVIDIA_only\nexec "$@"\n\n`,
  );
  assert.equal(
    fs.readFileSync(`${at("nixGLMesaPrime")}/bin/nixGLMesaPrime`, "utf8"),
    `#!${shell}\nexport DRI_PRIME=2\nexec ${nixgl.nixGLIntel}/bin/nixGLIntel ${nixgl.nixVulkanIntel}/bin/nixVulkanIntel "$@"\n\n`,
  );
});

test("nixGL: a wrapped package keeps its name and meta, and override wraps again", () => {
  const c = new Case(STUB);
  c.file("fake.nix", FAKE_NIXGL);
  c.homeNix(`
  targets.genericLinux.nixGL.packages = import ./fake.nix { inherit pkgs; };
  home.file.attrs.text = let w = config.lib.nixGL.wrap pkgs.mpv; in builtins.toJSON [
    (w.name == pkgs.mpv.name)
    (w.meta.mainProgram == pkgs.mpv.meta.mainProgram)
    ("\${w}" != "\${pkgs.mpv}")
    ("\${w.out}" == "\${w}")
  ];
  home.file.overridden.text = "\${(config.lib.nixGL.wrap pkgs.mpv).override { }}";`);
  const g = c.evaluate().generation;
  assert.equal(textAt(g, "attrs"), "[true,true,true,true]");
  assert.match(fs.readFileSync(`${textAt(g, "overridden")}/bin/mpv`, "utf8"), /^exec -a mpv \S+nixGLCombinedWrapper-Intel /m);
});

test("nixGL: a package set of unknown layout is an error", () => {
  const err = new Case(STUB).error(`
  targets.genericLinux.nixGL.packages = { something = 1; };
  home.packages = [ (config.lib.nixGL.wrap pkgs.mpv) ];`);
  assert.match(err, /Incompatible NixGL package layout/);
});
