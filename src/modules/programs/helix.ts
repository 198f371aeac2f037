/**
 * `programs.helix`: the Helix editor. Installs `package` (unless null),
 * wrapped with `symlinkJoin` + `wrapProgram` so `hx` finds `extraPackages`
 * on its `PATH` when there are any. Writes, under `$XDG_CONFIG_HOME/helix/`:
 * `config.toml` (`settings` as TOML, `pkgs.formats.toml`, followed by
 * `extraConfig`, a blank line between them when both are there),
 * `languages.toml` (`languages`; a list given there is still accepted as
 * the `language` array, with a deprecation warning), `ignore` (one pattern
 * a line) and `themes/<name>.toml` (each theme a TOML set, a path used as
 * it is, or literal text). Helix is told to reload (`pkill -USR1`) when the
 * TOML files change. `defaultEditor` sets `EDITOR` and `VISUAL` to `hx`.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
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
import { callNix, isEmpty, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";

const FILE = "modules/programs/helix.ts";

/** A value computed only when the module system reads it. */
function later(make: () => unknown): unknown {
  return lazy(() => force(toNix(make())));
}

function isAttrsView(v: JsValue): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function makeHelix(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  const tomlType = (ms: Parameters<TsType<unknown>["build"]>[0]) => wrapType(ms, toNix(toml().type));
  const settingsType = new TsType<JsValue>((ms) => tomlType(ms));
  // A list is taken as the `language` array (the option's old meaning); the result must be a set.
  const languagesType = new TsType<JsValue>((ms) =>
    ms.types.coercedTo(
      ms.types.listOf(tomlType(ms)),
      toNix((language: JsValue) => ({ language })),
      ms.types.addCheck(tomlType(ms), toNix(isAttrsView)),
    ),
  );
  const themeType = new TsType<JsValue>((ms) => ms.types.oneOf([tomlType(ms), ms.types.path, ms.types.lines]));

  return defineModule({
    file: FILE,
    path: "programs.helix",
    options: {
      enable: mkEnableOption("helix text editor"),
      package: mkPackageOption("helix", { nullable: true }),
      extraPackages: option({
        type: t.listOf(t.package),
        default: [],
        description: "Packages put on the `PATH` of `hx` (language servers, formatters, …).",
      }),
      extraConfig: option({
        type: t.lines,
        default: "",
        description:
          "Text appended to `config.toml` after the generated settings; useful where the order of " +
          "entries matters, as for minor modes.",
      }),
      defaultEditor: option({
        type: t.bool,
        default: false,
        description: "Whether `hx` becomes the default editor, through the `EDITOR` and `VISUAL` variables.",
      }),
      settings: option({
        type: settingsType,
        default: {} as JsValue,
        example: {
          theme: "base16",
          editor: { "line-number": "relative", lsp: { "display-messages": true } },
          keys: { normal: { space: { space: "file_picker", w: ":w", q: ":q" }, esc: ["collapse_selection", "keep_primary_selection"] } },
        },
        description:
          "Helix's configuration, written as TOML to `$XDG_CONFIG_HOME/helix/config.toml`. " +
          "The options are listed at <https://docs.helix-editor.com/configuration.html>.",
      }),
      languages: option({
        type: languagesType,
        default: {} as JsValue,
        description:
          "Language settings (servers, formatters, per-language options), written as TOML to " +
          "`$XDG_CONFIG_HOME/helix/languages.toml`. See <https://docs.helix-editor.com/languages.html>.",
      }),
      ignores: option({
        type: t.listOf(t.str),
        default: [],
        example: [".build/", "!.gitignore"],
        description: "Patterns the file picker skips everywhere, with `.gitignore` syntax (`!` re-includes).",
      }),
      themes: option({
        type: t.attrsOf(themeType),
        default: {},
        description:
          "Themes, each written to `$XDG_CONFIG_HOME/helix/themes/<name>.toml`: a set (made into TOML), " +
          "a path to a file, or the file's text. See <https://docs.helix-editor.com/themes.html>.",
      }),
    },
    config: ({ cfg, lib, pkgs, arg }) => {
      const pkillPrefix = () =>
        ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true ? "/usr" : nixToString(pkgs.procps!);
      const onChange = () => `${pkillPrefix()}/bin/pkill -USR1 -u $USER -x '(hx|\\.hx-wrapped)' || true`;
      const installed = () => {
        if (cfg.extraPackages.length === 0) return [cfg.package];
        const name = `${String(libCall(lib, "getName", cfg.package))}-wrapped-${String(libCall(lib, "getVersion", cfg.package))}`;
        return [
          callNix(pkgs.symlinkJoin, {
            name,
            paths: [cfg.package],
            preferLocalBuild: true,
            nativeBuildInputs: [pkgs.makeWrapper],
            postBuild: `wrapProgram $out/bin/hx \\\n  --suffix PATH : ${String(libCall(lib, "makeBinPath", cfg.extraPackages))}\n`,
          }),
        ];
      };
      const configToml = () => {
        const hasSettings = !isEmpty(cfg.settings);
        const settingsFile = callNix(toml().generate, "config.toml", cfg.settings);
        const extraFile = callNix(pkgs.writeText, "extra-config.toml", (hasSettings ? "\n" : "") + cfg.extraConfig);
        return callNix(pkgs.runCommand, "helix-config.toml", {}, `cat ${nixToString(settingsFile)} ${nixToString(extraFile)} >> $out\n`);
      };
      const themeSource = (name: string, v: Value): unknown => {
        if (typeof v === "string" || v instanceof NixString) return callNix(pkgs.writeText, `helix-theme-${name}`, v);
        if (v instanceof NixPath || libCall(lib, "isStorePath", v) === true) return v;
        return callNix(toml().generate, `helix-theme-${name}`, v);
      };
      const themeFiles = () => {
        const raw = force(toNix(cfg.themes));
        const out: Record<string, unknown> = {};
        if (!(raw instanceof NixAttrs)) return out;
        for (const name of raw.sortedNames())
          out[`helix/themes/${name}.toml`] = { onChange: later(onChange), source: later(() => themeSource(name, force(raw.get(name)!))) };
        return out;
      };
      const legacyList = () => {
        const opts = arg("options") as { programs: { helix: { languages: { definitions: readonly JsValue[] } } } };
        return opts.programs.helix.languages.definitions.some((d) => Array.isArray(d));
      };
      return mkIf(() => cfg.enable, {
        assertions: () => [
          {
            assertion: cfg.extraPackages.length === 0 || cfg.package !== null,
            message: "programs.helix.extraPackages require programs.helix.package to not be null",
          },
        ],
        warnings: () =>
          legacyList()
            ? [
                libCall(lib, "hm.deprecations.mkDeprecatedOptionValueWarning", {
                  option: ["programs", "helix", "languages"],
                  old: "a list",
                  replacement: "`programs.helix.languages.language`",
                  details:
                    "This option now generates the whole languages.toml file instead of just the language array in that file.\n\n" +
                    "Use:\n  programs.helix.languages = { language = <languages list>; }\n",
                }),
              ]
            : [],
        "home.packages": () => (cfg.package === null ? mkIf(false, []) : installed()),
        "home.sessionVariables": () => mkIf(cfg.defaultEditor, { EDITOR: "hx", VISUAL: "hx" }),
        "xdg.configFile": () => ({
          "helix/config.toml": mkIf(!isEmpty(cfg.settings) || cfg.extraConfig !== "", {
            onChange: later(onChange),
            source: later(configToml),
          }),
          "helix/languages.toml": mkIf(!isEmpty(cfg.languages), {
            onChange: later(onChange),
            source: later(() => callNix(toml().generate, "helix-languages-config", cfg.languages)),
          }),
          "helix/ignore": mkIf(cfg.ignores.length > 0, { text: later(() => cfg.ignores.join("\n") + "\n") }),
          ...themeFiles(),
        }),
      });
    },
  });
}

/** The module (made per evaluation: its types are this evaluation's `pkgs.formats.toml`). */
export const helixModule = perEvaluation(FILE, (a) => makeHelix(a));
