/**
 * `programs.qutebrowser`: the qutebrowser web browser. Writes `config.py`
 * (settings as `config.set` calls, aliases, search engines, key mappings and
 * bindings, extra lines, per-domain settings), the `quickmarks` file and a
 * `greasemonkey` directory of user scripts. On Linux a running browser is
 * told to re-read `config.py` when it changes.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  t,
  TsType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, escapeShellArg, nixToString } from "../module-kit.js";

const FILE = "modules/programs/qutebrowser.ts";

const isAttrs = (v: JsValue): v is AttrsView => v !== null && typeof v === "object" && !Array.isArray(v);

/** A value written as a Python literal (strings are quoted but not escaped). */
export function pythonValue(v: JsValue): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return `"${v}"`;
  if (Array.isArray(v)) return `[${(v as readonly JsValue[]).map(pythonValue).join(", ")}]`;
  if (typeof v === "number" && !Number.isInteger(v)) return v.toFixed(6);
  return String(v);
}

/** Nested settings as `[dotted.name, value]` pairs, in attribute order; lists are values. */
export function flattenSettings(v: AttrsView, prefix: readonly string[] = []): [string, JsValue][] {
  const out: [string, JsValue][] = [];
  for (const k of Object.keys(v).sort()) {
    const x = v[k] as JsValue;
    if (isAttrs(x)) out.push(...flattenSettings(x, [...prefix, k]));
    else out.push([[...prefix, k].join("."), x]);
  }
  return out;
}

const configSet = (values: readonly JsValue[]) => `config.set(${values.map(pythonValue).join(", ")})`;

const sortedEntries = <V>(o: Readonly<Record<string, V>>): [string, V][] =>
  Object.keys(o)
    .sort()
    .map((k) => [k, o[k]!]);

export interface QutebrowserConfigPy {
  loadAutoconfig: boolean;
  settings: AttrsView;
  aliases: Readonly<Record<string, string>>;
  searchEngines: Readonly<Record<string, string>>;
  keyMappings: Readonly<Record<string, string>>;
  enableDefaultBindings: boolean;
  keyBindings: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
  extraConfig: string;
  perDomainSettings: AttrsView;
}

/** The text of `config.py`. */
export function configPy(c: QutebrowserConfigPy): string {
  const dict = (target: string, o: Readonly<Record<string, string>>) => sortedEntries(o).map(([k, v]) => `${target}['${k}'] = "${v}"`);
  const lines = [c.loadAutoconfig ? "config.load_autoconfig()" : "config.load_autoconfig(False)"];
  lines.push(...flattenSettings(c.settings).map((p) => configSet(p)));
  lines.push(
    ...dict("c.aliases", c.aliases),
    ...dict("c.url.searchengines", c.searchEngines),
    ...dict("c.bindings.key_mappings", c.keyMappings),
  );
  if (!c.enableDefaultBindings) lines.push("c.bindings.default = {}");
  for (const [mode, binds] of sortedEntries(c.keyBindings)) {
    lines.push(
      sortedEntries(binds)
        .map(([key, cmd]) =>
          cmd === null
            ? `config.unbind("${key}", mode="${mode}")`
            : `config.bind("${key}", "${cmd.replaceAll('"', '\\"')}", mode="${mode}")`,
        )
        .join("\n"),
    );
  }
  if (c.extraConfig !== "") lines.push(c.extraConfig);
  for (const k of Object.keys(c.perDomainSettings).sort()) {
    const conf = c.perDomainSettings[k] as JsValue;
    const pairs = isAttrs(conf) ? flattenSettings(conf) : [];
    lines.push(...pairs.map(([n, v]) => configSet([n, v, k])));
  }
  return lines.join("\n");
}

export const qutebrowserModule = defineModule({
  file: FILE,
  path: "programs.qutebrowser",
  options: {
    enable: mkEnableOption("qutebrowser"),
    package: mkPackageOption("qutebrowser", { nullable: true }),
    aliases: option({ type: t.attrsOf(t.str), default: {}, description: "Command aliases, by alias name." }),
    loadAutoconfig: option({
      type: t.bool,
      default: false,
      description: "Whether to load the settings made in the browser itself (`autoconfig.yml`).",
    }),
    searchEngines: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { w: "https://en.wikipedia.org/wiki/Special:Search?search={}&go=Go&ns0=1", g: "https://www.google.com/search?hl=en&q={}" },
      description:
        "Search engines of the address bar: a name (`DEFAULT` is used for text that is not a URL) mapped to a URL where `{}` stands for the search terms (`{{` and `}}` for literal braces).",
    }),
    settings: option({
      type: t.attrsOf(t.anything),
      default: {},
      example: { colors: { hints: { bg: "#000000", fg: "#ffffff" } }, tabs: { tabs_are_windows: true } },
      description: "qutebrowser settings, nested by the parts of their dotted names, written to `config.py` as `config.set` calls.",
    }),
    keyMappings: option({
      type: t.attrsOf(t.str),
      default: {},
      description: "Keys that act as other keys (the key pressed mapped to the key whose binding runs); ignored for keys that are bound.",
    }),
    enableDefaultBindings: option({ type: t.bool, default: true, description: "Whether qutebrowser's own default key bindings are kept." }),
    keyBindings: option({
      type: t.attrsOf(t.attrsOf(t.nullOr(new TsType<string>((ms) => ms.types.separatedString(" ;; "))))),
      default: {},
      example: { normal: { "<Ctrl-v>": "spawn mpv {url}" }, prompt: { "<Ctrl-y>": "prompt-yes" } },
      description:
        "Key bindings by mode (`normal`, `insert`, `hint`, `passthrough`, `command`, `prompt`, `yesno`, `caret`, `register`) and key. " +
        "`null` removes a binding; several definitions of one key are joined into one command line with ` ;; `.",
    }),
    quickmarks: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { nixpkgs: "https://github.com/NixOS/nixpkgs" },
      description: "Quickmarks (name to URL) of the `quickmarks` file, which then cannot be changed from the browser.",
    }),
    greasemonkey: option({
      type: t.listOf(t.package),
      default: [],
      description: "User scripts put in the `greasemonkey` directory.",
    }),
    extraConfig: option({ type: t.lines, default: "", description: "More lines at the end of `config.py` (before per-domain settings)." }),
    perDomainSettings: option({
      type: t.attrsOf(t.anything),
      default: {},
      example: { "github.com": { colors: { webpage: { darkmode: { enabled: false } } } } },
      description: "Settings as in `settings`, keyed by the domain they apply to.",
    }),
  },
  config: ({ cfg, config, pkgs }) => {
    const platform = () => (pkgs.stdenv as AttrsView).hostPlatform as AttrsView;
    const configDir = () => (platform().isDarwin === true ? ".qutebrowser" : `${config.str("xdg.configHome")}/qutebrowser`);
    const reloadCommand = () => {
      const message = escapeShellArg('{"args":[":config-source"],"protocol_version":1,"target_arg":null}');
      return [
        `hash="$(echo -n "$USER" | md5sum | cut -d' ' -f1)"`,
        'socket="${XDG_RUNTIME_DIR:-/run/user/$UID}/qutebrowser/ipc-$hash"',
        "if [[ -S $socket ]]; then",
        `  command=${message}`,
        `  echo "$command" | ${nixToString(pkgs.socat!)}/bin/socat -lf /dev/null - UNIX-CONNECT:"$socket"`,
        "fi",
        "unset hash socket command",
        "",
      ].join("\n");
    };
    return mkIf(() => cfg.enable, {
      "home.packages": () => mkIf(cfg.package !== null, [cfg.package!]),
      "home.file": () => {
        const dir = configDir();
        const files: Record<string, unknown> = {
          [`${dir}/config.py`]: {
            text: configPy(cfg as unknown as QutebrowserConfigPy),
            ...(platform().isLinux === true ? { onChange: reloadCommand() } : {}),
          },
        };
        const marks = sortedEntries(cfg.quickmarks);
        if (marks.length > 0) files[`${dir}/quickmarks`] = { text: marks.map(([n, u]) => `${n} ${u}`).join("\n") };
        if (cfg.greasemonkey.length > 0) {
          files[`${dir}/greasemonkey`] = { source: callNix(pkgs.linkFarmFromDrvs, "greasemonkey-userscripts", cfg.greasemonkey) };
        }
        return files;
      },
    });
  },
});
