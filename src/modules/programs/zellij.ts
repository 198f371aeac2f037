/**
 * `programs.zellij`: the Zellij terminal multiplexer. Installs
 * `finalPackage` (`package`, overridden with the plugins' `runtimeDeps` as
 * `extraPackages` when there are any). Zellij 0.32.0 and later read KDL:
 * `settings` (plus `extraConfig` after a `// extraConfig` marker) go to
 * `$XDG_CONFIG_HOME/zellij/config.kdl` through `lib.hm.generators.toKDL`
 * (escaping backslashes and tabs from state version 26.11); older versions
 * get `settings` as YAML in `config.yaml`. Layouts and themes are written to
 * `layouts/<name>.kdl` and `themes/<name>.kdl` (a set made into KDL, a path
 * used as it is, or text). Each plugin is linked to
 * `plugins/<name>.wasm` (its `pname` without `zellij-`), given an alias
 * and loaded at start, so its path, and zellij's permission prompt, stays
 * the same across updates. The shell integrations (off by default) run
 * zellij's auto-start script and set `ZELLIJ_AUTO_ATTACH`/`ZELLIJ_AUTO_EXIT`.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOrder,
  mkPackageOption,
  option,
  t,
  toNix,
  TsType,
  wrapType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { force, NixAttrs, NixPath, NixString, type Value } from "../../nix/values.js";
import { lazy } from "../../module-system/nix-values.js";
import { callNix, isEmpty, libCall, perEvaluation, versionAtLeast, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/zellij.ts";

interface NamedPlugin {
  readonly plugin: AttrsView;
  readonly name: string;
}

function makeZellij(a: EvalArgs) {
  const yaml = () => callNix((a.pkgs().formats as AttrsView).yaml, {}) as AttrsView;
  const settingsType = new TsType<JsValue>((ms) => wrapType(ms, toNix(yaml().type)));
  const fileType = new TsType<JsValue>((ms) => ms.types.oneOf([wrapType(ms, toNix(yaml().type)), ms.types.path, ms.types.lines]));
  const integration = (shell: string) =>
    option({
      type: t.bool,
      default: false,
      example: true,
      description: `Whether to turn on the ${shell} integration: start Zellij automatically in new interactive shells.`,
    });

  return defineModule({
    file: FILE,
    path: "programs.zellij",
    options: {
      enable: mkEnableOption("Zellij"),
      package: mkPackageOption("zellij"),
      finalPackage: option({
        type: t.package,
        visible: false,
        readOnly: true,
        description: "`package` together with the runtime dependencies of the plugins.",
      }),
      layouts: option({
        type: t.attrsOf(fileType),
        default: {},
        description:
          "Layouts, each written to `$XDG_CONFIG_HOME/zellij/layouts/<name>.kdl`: a set (made into KDL), a path " +
          "to a file, or the file's text. See <https://zellij.dev/documentation>.",
      }),
      plugins: option({
        type: t.listOf(t.package),
        default: [],
        description: "Zellij plugins to install, give an alias and load at start.",
      }),
      settings: option({
        type: settingsType,
        default: {} as JsValue,
        description:
          "Zellij's configuration, written as KDL to `$XDG_CONFIG_HOME/zellij/config.kdl` (as YAML to " +
          "`config.yaml` when the package is older than 0.32.0). See <https://zellij.dev/documentation>.",
      }),
      extraConfig: option({
        type: t.lines,
        default: "",
        description: "KDL text added at the end of `config.kdl` (not used with the YAML format of old versions).",
      }),
      attachExistingSession: option({
        type: t.bool,
        default: false,
        description:
          "Whether the auto-start script attaches to the default session when one exists already " + "(needs a shell integration).",
      }),
      exitShellOnExit: option({
        type: t.bool,
        default: false,
        description: "Whether the shell exits when an auto-started Zellij exits (needs a shell integration).",
      }),
      themes: option({
        type: t.attrsOf(fileType),
        default: {},
        description:
          "Themes, each written to `$XDG_CONFIG_HOME/zellij/themes/<name>.kdl`: a set (made into KDL), a path, " +
          "or text. See <https://zellij.dev/documentation/themes.html>.",
      }),
      enableBashIntegration: integration("Bash"),
      enableFishIntegration: integration("Fish"),
      enableZshIntegration: integration("Zsh"),
    },
    config: ({ cfg, config, lib, pkgs }) => {
      const anyShell = () => cfg.enableBashIntegration || cfg.enableZshIntegration || cfg.enableFishIntegration;
      const named = (): NamedPlugin[] =>
        cfg.plugins.map((plugin) => ({ plugin, name: String(libCall(lib, "removePrefix", "zellij-", plugin.pname)) }));
      const runtimeDeps = (): JsValue[] => cfg.plugins.flatMap((p) => (p.runtimeDeps ?? []) as JsValue[]);
      const toKDL = (v: unknown): string => {
        const escape = versionAtLeast(config.str("home.stateVersion"), "26.11");
        return String(libCall(lib, "hm.generators.toKDL", { escapeBackslashes: escape, escapeTabs: escape }, v));
      };
      const version = () => (cfg.finalPackage as AttrsView).version as JsValue;
      const exe = () => String(libCall(lib, "getExe", cfg.finalPackage));
      const kdlFiles = (dir: string, what: string, entries: JsValue): Record<string, unknown> => {
        const raw = force(toNix(entries));
        const out: Record<string, unknown> = {};
        if (!(raw instanceof NixAttrs)) return out;
        for (const name of raw.sortedNames()) {
          const source = lazy(() => {
            const v: Value = force(raw.get(name)!);
            if (v instanceof NixPath || libCall(lib, "isStorePath", v) === true) return v;
            const text = typeof v === "string" || v instanceof NixString ? v : toKDL(v);
            return force(toNix(callNix(pkgs.writeText, `zellij-${what}-${name}`, text)));
          });
          out[`zellij/${dir}/${name}.kdl`] = { source };
        }
        return out;
      };
      const pluginLinks = () => Object.fromEntries(named().map(({ plugin, name }) => [`zellij/plugins/${name}.wasm`, { source: plugin }]));

      return mkIf(() => cfg.enable, {
        "home.packages": () => [cfg.finalPackage],
        "programs.zellij.finalPackage": () => {
          const deps = runtimeDeps();
          return deps.length > 0 ? callNix((cfg.package as AttrsView).override, { extraPackages: deps }) : cfg.package;
        },
        "xdg.configFile": () =>
          mkMerge([
            {
              "zellij/config.yaml": mkIf(() => libCall(lib, "versionOlder", version(), "0.32.0") === true && !isEmpty(cfg.settings), {
                source: lazy(() => force(toNix(callNix(yaml().generate, "zellij.yaml", cfg.settings)))),
              }),
              "zellij/config.kdl": mkIf(
                () => libCall(lib, "versionAtLeast", version(), "0.32.0") === true && (!isEmpty(cfg.settings) || cfg.extraConfig !== ""),
                {
                  text: lazy(() => toKDL(cfg.settings) + (cfg.extraConfig !== "" ? `\n// extraConfig\n\n${cfg.extraConfig}` : "")),
                },
              ),
            },
            kdlFiles("layouts", "layout", cfg.layouts),
            kdlFiles("themes", "theme", cfg.themes),
            pluginLinks(),
          ]),
        "programs.zellij.settings": () => {
          const plugins = named();
          const configHome = config.str("xdg.configHome");
          return {
            plugins: mkIf(
              plugins.length > 0,
              Object.fromEntries(
                plugins.map(({ name }) => [name, { _props: { location: `file:${configHome}/zellij/plugins/${name}.wasm` } }]),
              ),
            ),
            load_plugins: mkIf(plugins.length > 0, { _children: plugins.map(({ name }) => ({ [name]: [] })) }),
          };
        },
        "programs.bash.initExtra": () =>
          mkIf(
            cfg.enableBashIntegration,
            `if [[ "$TERM" != "dumb" ]]; then\n    eval "$(${exe()} setup --generate-auto-start bash)"\nfi\n`,
          ),
        "programs.zsh.initContent": () =>
          mkIf(
            cfg.enableZshIntegration,
            mkOrder(200, `if [[ "$TERM" != "dumb" ]]; then\n    eval "$(${exe()} setup --generate-auto-start zsh)"\nfi\n`),
          ),
        "programs.fish.interactiveShellInit": () =>
          mkIf(
            cfg.enableFishIntegration,
            `if test "$TERM" != "dumb"\n    eval (${exe()} setup --generate-auto-start fish | string collect)\nend\n`,
          ),
        "home.sessionVariables": () =>
          mkIf(anyShell(), {
            ZELLIJ_AUTO_ATTACH: cfg.attachExistingSession ? "true" : "false",
            ZELLIJ_AUTO_EXIT: cfg.exitShellOnExit ? "true" : "false",
          }),
        warnings: () => {
          const unused = (opt: string) =>
            `You have enabled \`programs.zellij.${opt}\`, but none of the shell integrations are enabled.\nThis option will have no effect.\n`;
          return [
            ...(cfg.attachExistingSession && !anyShell() ? [unused("attachExistingSession")] : []),
            ...(cfg.exitShellOnExit && !anyShell() ? [unused("exitShellOnExit")] : []),
          ];
        },
      });
    },
  });
}

/** The module (made per evaluation: its types are this evaluation's `pkgs.formats.yaml`). */
export const zellijModule = perEvaluation(FILE, (a) => makeZellij(a));
