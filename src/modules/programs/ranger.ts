/**
 * `programs.ranger`: the ranger file manager. Installs `finalPackage`
 * (`package` with `extraPackages` added to its propagated inputs; nothing
 * when `package` is null) and writes `$XDG_CONFIG_HOME/ranger/rc.conf`:
 * `set`, `alias` and `map` lines (each block sorted by name and followed by
 * a line break) then `extraConfig`. Links each of `plugins` under
 * `ranger/plugins/<name>` and, when `rifle` is not empty, writes
 * `rifle.conf` with one `<condition> = <command>` line per rule, in order.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  submoduleOf,
  t,
  type AttrsView,
} from "../../module-system/index.js";
import { callNix, libCall, nixToString, rawAttr, ty } from "../module-kit.js";

const FILE = "modules/programs/ranger.ts";

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const pluginType = submoduleOf(
  {
    name: option({
      type: t.str,
      description: "The name linked under {file}`$XDG_CONFIG_HOME/ranger/plugins/`; a single-file plugin's name must end in `.py`.",
    }),
    src: option({ type: t.path, description: "The plugin's file or directory." }),
  },
  `${FILE}#plugins`,
);

const rifleType = submoduleOf(
  {
    condition: option({ type: t.str, example: "mime ^text, label editor", description: "The condition a file must match." }),
    command: option({ type: t.str, example: '"${pkgs.vim}/bin/vim -- \\"$@\\""', description: "The command run on a matching file." }),
  },
  `${FILE}#rifle`,
);

const stringTable = (example: Record<string, string>, what: string) =>
  option({ type: t.attrsOf(t.str), default: {}, example, description: `${what} written to {file}\`$XDG_CONFIG_HOME/ranger/rc.conf\`.` });

export const rangerModule = defineModule({
  file: FILE,
  path: "programs.ranger",
  options: {
    enable: mkEnableOption("ranger file manager"),
    package: mkPackageOption("ranger", { nullable: true }),
    extraPackages: option({ type: t.listOf(t.package), default: [], description: "Packages made available to ranger." }),
    finalPackage: option({
      type: t.package,
      readOnly: true,
      visible: false,
      description: "The ranger package as installed: `package` with `extraPackages` propagated.",
    }),
    settings: option({
      type: t.attrsOf(ty.oneOf<boolean | number | string>([t.bool, t.float, t.int, t.str])),
      default: {},
      example: { column_ratios: "1,3,3", confirm_on_delete: "never", unicode_ellipsis: true, scroll_offset: 8 },
      description: "Options written as `set` lines to {file}`$XDG_CONFIG_HOME/ranger/rc.conf`.",
    }),
    aliases: stringTable({ e: "edit", setl: "setlocal", filter: "scout -prts" }, "Command aliases (`alias` lines)"),
    mappings: stringTable({ Q: "quitall", q: "quit" }, "Key mappings (`map` lines)"),
    extraConfig: option({ type: t.lines, default: "", description: "Lines appended to {file}`$XDG_CONFIG_HOME/ranger/rc.conf`." }),
    plugins: option({
      type: t.listOf(pluginType),
      default: [],
      example: '[ { name = "zoxide"; src = builtins.fetchGit { url = "https://github.com/jchook/ranger-zoxide.git"; rev = "…"; }; } ]',
      description: "Plugins linked into {file}`$XDG_CONFIG_HOME/ranger/plugins/`.",
    }),
    rifle: option({
      type: t.listOf(rifleType),
      default: [],
      description: "File-opening rules written, in order, to {file}`$XDG_CONFIG_HOME/ranger/rifle.conf`.",
    }),
  },
  config: ({ cfg, lib }) => {
    /** `<word> <name> <value>\n` for each entry, sorted, values printed as `generators.mkValueStringDefault` does. */
    const block = (word: string, table: Readonly<Record<string, unknown>>) =>
      Object.keys(table)
        .sort(byName)
        .map((k) => `${word} ${k} ${nixToString(libCall(lib, "generators.mkValueStringDefault", {}, rawAttr(table, k)))}\n`)
        .join("");
    return mkIf(() => cfg.enable, {
      assertions: () => [
        {
          assertion: cfg.extraPackages.length === 0 || cfg.package !== null,
          message: "programs.ranger.extraPackages requires non-null programs.ranger.package",
        },
      ],
      "programs.ranger.finalPackage": () =>
        mkIf(
          cfg.package !== null,
          cfg.package === null
            ? null
            : callNix((cfg.package as AttrsView).overrideAttrs, (old: AttrsView) => {
                const before = old.propagatedBuildInputs;
                return { propagatedBuildInputs: [...(Array.isArray(before) ? before : []), ...cfg.extraPackages] };
              }),
        ),
      "home.packages": () => mkIf(cfg.package !== null, cfg.package === null ? [] : [cfg.finalPackage]),
      "xdg.configFile": () =>
        mkMerge([
          {
            "ranger/rc.conf": {
              text: `${block("set", cfg.settings)}\n${block("alias", cfg.aliases)}\n${block("map", cfg.mappings)}\n${cfg.extraConfig}\n`,
            },
          },
          Object.fromEntries(cfg.plugins.map((p, i) => [`ranger/plugins/${p.name}`, { source: rawAttr(cfg.plugins[i], "src") }])),
          mkIf(cfg.rifle.length > 0, {
            "ranger/rifle.conf": { text: cfg.rifle.map((r) => `${r.condition} = ${r.command}\n`).join("") },
          }),
        ]),
    });
  },
});
