/**
 * `programs.nushell`: the Nushell shell, configured as Home Manager does it.
 * Files go to `configDir` (`$XDG_CONFIG_HOME/nushell`, or
 * `~/Library/Application Support/nushell` on macOS without `xdg.enable`):
 * `config.nu` holds, in this order, `load-env` of `environmentVariables`,
 * one `$env.config.<path> = <value>` line per leaf of `settings` (nested
 * sets flattened, inline expressions kept whole), `configFile`,
 * `extraConfig` (where other modules' integrations land) and the
 * `shellAliases`; it is written only when one of them is set. `env.nu` and
 * `login.nu` are `envFile`/`loginFile` followed by `extraEnv`/`extraLogin`.
 * Values are rendered by `lib.hm.nushell.toNushell`. `plugins` are
 * registered in `plugin.msgpackz` by running `nu --plugin-config` in a
 * build, which needs `package`.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callFn, libCall, nixToString, ty } from "../module-kit.js";

const FILE = "modules/programs/nushell.ts";

/** A Nushell file given as text or as a source file (the text wins; by default it is the source's content). */
interface LinesOrSource {
  readonly text: string;
  readonly source: string | null;
}

function linesOrSource(fileName: string) {
  const m = defineModule({
    file: FILE,
    key: `${FILE}#linesOrSource:${fileName}`,
    options: {
      text: option({
        type: t.lines,
        default: (a) => {
          const source = (a.arg("config") as { source: JsValue }).source;
          return source === null ? "" : (callFn((a.arg("lib") as AttrsView).readFile, source) as string);
        },
        defaultText: "the content of `source` when it is set, else empty",
        description: `The text of Nushell's \`${fileName}\`. When not set, the file named by \`source\` is used.`,
      }),
      source: option({
        type: t.nullOr(t.path),
        default: null,
        description: `A file whose content becomes Nushell's \`${fileName}\`; \`text\`, when set, takes precedence.`,
      }),
    },
  });
  return t.nullOr(ty.submodule<LinesOrSource>(m));
}

/** Is this view an inline Nushell expression (`lib.hm.nushell.mkNushellInline`)? */
function isInline(v: JsValue): boolean {
  return v !== null && typeof v === "object" && !Array.isArray(v) && (v as AttrsView)._type === "nushell-inline";
}

/** `settings` flattened to dotted paths and leaf values, keys in Nix's order; inline expressions are leaves. */
export function flattenSettings(value: JsValue, prefix = ""): [string, JsValue][] {
  const isSet = value !== null && typeof value === "object" && !Array.isArray(value) && !isInline(value);
  if (!isSet) return [[prefix, value]];
  const set = value as AttrsView;
  return Object.keys(set)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap((k) => flattenSettings(set[k]!, prefix === "" ? k : `${prefix}.${k}`));
}

const lines = (description: string) => option({ type: t.lines, default: "", description });

export const nushellModule = defineModule({
  file: FILE,
  path: "programs.nushell",
  options: {
    enable: mkEnableOption("nushell"),
    package: mkPackageOption("nushell", { nullable: true }),
    configDir: option({
      type: t.either(t.str, t.path),
      default: (a) => {
        const config = a.arg("config") as { xdg: { enable: boolean; configHome: string } };
        const darwin = ((a.pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
        return darwin && !config.xdg.enable ? "Library/Application Support/nushell" : `${config.xdg.configHome}/nushell`;
      },
      defaultText:
        'if pkgs.stdenv.hostPlatform.isDarwin && !config.xdg.enable then\n  "Library/Application Support/nushell"\n' +
        'else\n  "${config.xdg.configHome}/nushell";\n',
      description: "The directory of Nushell's configuration: `config.nu`, `env.nu` and `login.nu`, the history and the plugin registry.",
    }),
    configFile: option({
      type: linesOrSource("config.nu"),
      default: null,
      description: "Nushell's main configuration file, `config.nu` (see the Nushell book's configuration chapter).",
    }),
    envFile: option({
      type: linesOrSource("env.nu"),
      default: null,
      example: "$env.FOO = 'BAR'\n",
      description: "Nushell's environment file, `env.nu`.",
    }),
    loginFile: option({
      type: linesOrSource("login.nu"),
      default: null,
      example: '# Greets on tty1 logins\nif (tty) == "/dev/tty1" {\n  echo "Hello, World"\n}\n',
      description: "The file Nushell runs when it is a login shell, `login.nu`.",
    }),
    extraConfig: lines("Lines appended to `config.nu`."),
    extraEnv: lines("Lines appended to `env.nu`."),
    extraLogin: lines("Lines appended to `login.nu`."),
    plugins: option({
      type: t.listOf(t.package),
      default: [],
      example: "[ pkgs.nushellPlugins.formats ]",
      description: "Nushell plugins registered in the plugin registry file (`plugin.msgpackz`).",
    }),
    settings: option({
      type: t.attrsOf(ty.hm<JsValue>("nushellValue")),
      default: {},
      example: { show_banner: false, history: { format: "sqlite" } },
      description:
        "Nushell settings. Nested sets are flattened, and each leaf is assigned on its own " +
        '(`$env.config.history.format = "sqlite"`), so settings not given keep their defaults.',
    }),
    shellAliases: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { ll: "ls -l", g: "git" },
      description: "Aliases defined in `config.nu`: the name of each entry is the alias, its value the command it stands for.",
    }),
    environmentVariables: option({
      type: t.attrsOf(ty.hm<JsValue>("nushellValue")),
      default: {},
      example: { FOO: "BAR", LIST_VALUE: ["foo", "bar"] },
      description:
        "Environment variables loaded at the start of `config.nu`. Nushell expressions can be given with " +
        "`lib.hm.nushell.mkNushellInline`.",
    }),
  },
  config: ({ cfg, pkgs, lib }) => {
    const nu = (v: unknown) => libCall(lib, "hm.nushell.toNushell", {}, v) as string;
    const getExe = (p: JsValue) => nixToString(libCall(lib, "getExe", p));
    return mkIf(() => cfg.enable, {
      warnings: () =>
        cfg.package === null && cfg.plugins.length > 0
          ? ["You have configured `plugins` for `nushell` but have not set `package`.\n\n" + "The listed plugins will not be installed.\n"]
          : [],
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package]),
      "home.extraDependencies": () => cfg.plugins,
      "home.file": () => {
        const dir = nixToString(cfg.configDir);
        const aliases = Object.keys(cfg.shellAliases)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          .map((k) => `alias ${nu(k)} = ${cfg.shellAliases[k]!}\n`)
          .join("");
        const hasEnvVars = Object.keys(cfg.environmentVariables).length > 0;
        const hasSettings = Object.keys(cfg.settings).length > 0;
        const writeConfig = cfg.configFile !== null || cfg.extraConfig !== "" || aliases !== "" || hasSettings || hasEnvVars;
        const settingsLines = () =>
          flattenSettings(cfg.settings as JsValue)
            .map(([name, value]) => `$env.config.${name} = ${nu(value)}\n`)
            .join("");
        const withExtra = (file: LinesOrSource | null, extra: string) => mkMerge([...(file !== null ? [file.text] : []), extra]);
        const files: Record<string, unknown> = {};
        if (writeConfig)
          files[`${dir}/config.nu`] = {
            text: mkMerge([
              ...(hasEnvVars ? [`load-env ${nu(cfg.environmentVariables)}\n`] : []),
              ...(hasSettings ? [settingsLines()] : []),
              ...(cfg.configFile !== null ? [cfg.configFile.text] : []),
              cfg.extraConfig,
              aliases,
            ]),
          };
        if (cfg.envFile !== null || cfg.extraEnv !== "") files[`${dir}/env.nu`] = { text: withExtra(cfg.envFile, cfg.extraEnv) };
        if (cfg.loginFile !== null || cfg.extraLogin !== "") files[`${dir}/login.nu`] = { text: withExtra(cfg.loginFile, cfg.extraLogin) };
        if (cfg.package !== null && cfg.plugins.length > 0) {
          const adds = cfg.plugins.map((p) => `plugin add ${getExe(p)}`).join("; ");
          const script =
            'mkdir -p "$out"\n' + `${getExe(cfg.package)} \\\n  --plugin-config "$out/plugin.msgpackz" \\\n  --commands '${adds}'\n`;
          const registry = nixToString(callFn(pkgs.runCommand, "nushellMsgPackz", {}, script));
          files[`${dir}/plugin.msgpackz`] = { source: `${registry}/plugin.msgpackz` };
        }
        return files;
      },
    });
  },
});
