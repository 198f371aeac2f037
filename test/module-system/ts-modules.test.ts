/**
 * TypeScript modules: definitions keyed by option path with thunk values and
 * thunk conditions, a typed `cfg`, and TS and Nix modules mixed in one
 * evaluation, reading each other's options in both directions. The fzf/bash
 * pair of DESIGN.md ("TypeScript modules must be lazy") is the centrepiece:
 * fzf defines `programs.bash.initExtra` when `programs.bash.enable`, and bash
 * reads `programs.fzf.enable`; neither deadlocks.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { deepForce } from "../../src/nix/force-deep.js";
import { valueToJSONText } from "../../src/nix/serialize.js";
import { NixAttrs, force, type Lazy } from "../../src/nix/values.js";
import { NixError } from "../../src/nix/errors.js";
import {
  createModuleSystem,
  defineModule,
  submoduleOf,
  mkAfter,
  mkDefault,
  mkEnableOption,
  mkForce,
  mkIf,
  mkMerge,
  option,
  t,
} from "../../src/module-system/index.js";
import { HOME, rendered, session } from "./harness.js";

const bash = defineModule({
  file: "modules/programs/bash.ts",
  path: "programs.bash",
  options: {
    enable: mkEnableOption("bash"),
    initExtra: option({ type: t.lines, default: "", description: "Extra commands for interactive shells." }),
    shellAliases: option({ type: t.attrsOf(t.str), default: {}, description: "Aliases." }),
  },
  config: ({ cfg, config }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () => ["bash"],
      'home.file.".bashrc".text': () => {
        const aliases = Object.entries(cfg.shellAliases).map(([k, v]) => `alias ${k}='${v}'`);
        const fzf = config.bool("programs.fzf.enable") ? ["# fzf is on"] : [];
        return [...fzf, ...aliases, cfg.initExtra].join("\n");
      },
    }),
});

const fzf = defineModule({
  file: "modules/programs/fzf.ts",
  path: "programs.fzf",
  options: {
    enable: mkEnableOption("fzf"),
    enableBashIntegration: option({ type: t.bool, default: true, description: "Whether to enable Bash integration." }),
    defaultCommand: option({ type: t.nullOr(t.str), default: null, description: "Command for file listing." }),
  },
  config: ({ cfg, config }) =>
    mkIf(() => cfg.enable, {
      "home.packages": () => ["fzf"],
      "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration && config.bool("programs.bash.enable"), 'eval "$(fzf --bash)"'),
      "home.sessionVariables.FZF_DEFAULT_COMMAND": () => mkIf(cfg.defaultCommand !== null, cfg.defaultCommand),
    }),
});

const home = defineModule({
  file: "modules/home-environment.ts",
  options: {
    home: {
      packages: option({ type: t.listOf(t.str), default: [], description: "Packages." }),
      sessionVariables: option({ type: t.attrsOf(t.str), default: {}, description: "Variables." }),
      file: option({ type: t.attrsOf(submoduleOf({ text: option({ type: t.lines }) })), default: {}, description: "Files." }),
    },
  },
});

/** Evaluate the TS modules plus Nix modules; `attr` selected from the result, as JSON. */
function run(nixFiles: Record<string, string>, nixModules: string[], attr: string): string {
  const s = session(nixFiles);
  const ms = createModuleSystem(s.st, () => s.lib);
  const modules: Lazy[] = [home.value, bash.value, fzf.value, ...nixModules.map((p) => s.st.evalString(p, `${HOME}/«test»`))];
  let v: Lazy = ms.evalModules({ modules }).result();
  for (const p of attr.split("/")) v = (force(v) as NixAttrs).get(p)!;
  deepForce(v);
  return valueToJSONText(s.st, v);
}

const homeNix = (body: string) => ({ [`${HOME}/home.nix`]: `{ config, lib, ... }: { ${body} }` });

test("fzf and bash read each other's options without deadlock", () => {
  const out = run(homeNix(`programs.bash.enable = true; programs.fzf.enable = true;`), ["./home.nix"], "config/home");
  const cfg = JSON.parse(out);
  assert.deepEqual(cfg.packages, ["fzf", "bash"]);
  assert.equal(cfg.file[".bashrc"].text, '# fzf is on\neval "$(fzf --bash)"');
  assert.deepEqual(cfg.sessionVariables, {});
});

test("a disabled module defines nothing, and its conditions stay unevaluated", () => {
  const out = run(homeNix(`programs.fzf.enable = true;`), ["./home.nix"], "config/home");
  assert.deepEqual(JSON.parse(out), { file: {}, packages: ["fzf"], sessionVariables: {} });
});

test("Nix modules read TS-defined options and define TS-declared ones", () => {
  const nix = {
    [`${HOME}/home.nix`]: `{ config, lib, ... }: {
      options.report = lib.mkOption { type = lib.types.str; };
      config = {
        programs.bash.enable = true;
        programs.fzf.enable = lib.mkDefault true;
        programs.fzf.defaultCommand = "fd --type f";
        programs.bash.shellAliases.ll = "ls -l";
        report = "packages: " + lib.concatStringsSep "," config.home.packages;
      };
    }`,
  };
  assert.equal(run(nix, ["./home.nix"], "config/report"), '"packages: fzf,bash"');
  assert.equal(run(nix, ["./home.nix"], "config/home/sessionVariables/FZF_DEFAULT_COMMAND"), '"fd --type f"');
  assert.equal(
    run(nix, ["./home.nix"], "config/home/file/.bashrc/text"),
    JSON.stringify("# fzf is on\nalias ll='ls -l'\neval \"$(fzf --bash)\""),
  );
});

test("TS properties: mkForce, mkDefault, mkMerge, mkAfter", () => {
  const s = session();
  const ms = createModuleSystem(s.st, () => s.lib);
  const a = defineModule({
    file: "a.ts",
    options: { xs: option({ type: t.listOf(t.int), default: [] }), n: option({ type: t.int }) },
    config: () =>
      mkMerge([
        { xs: () => mkAfter([3]), n: () => mkDefault(1) },
        { xs: [1, 2], n: () => mkForce(7) },
      ]),
  });
  const ev = ms.evalModules({ modules: [a.value] });
  const cfg = force(ev.result().get("config")!) as NixAttrs;
  deepForce(cfg);
  assert.equal(valueToJSONText(s.st, cfg), '{"n":7,"xs":[1,2,3]}');
  const view = a.cfg(ev.result().get("config")!);
  assert.deepEqual(view.xs, [1, 2, 3]);
  assert.equal(view.n, 7);
});

test("a TS definition of the wrong type names the TS module's file", () => {
  const s = session();
  const ms = createModuleSystem(s.st, () => s.lib);
  const a = defineModule({ file: "modules/a.ts", options: { n: option({ type: t.int }) }, config: () => ({ n: () => "seven" }) });
  const ev = ms.evalModules({ modules: [a.value] });
  try {
    deepForce(ev.result().get("config")!);
    assert.fail("expected an error");
  } catch (e) {
    assert.ok(e instanceof NixError);
    assert.match(
      rendered(e),
      /A definition for option `n' is not of type `signed integer'\. Definition values:\n\s+- In `modules\/a\.ts': "seven"/,
    );
  }
});
