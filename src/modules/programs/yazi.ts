/**
 * `programs.yazi`: the yazi file manager. Installs `finalPackage` (the
 * package with `extraPackages` on its wrapper's `PATH`); writes `keymap`,
 * `settings`, `theme` and `vfs` as TOML (`pkgs.formats.toml`) to
 * `$XDG_CONFIG_HOME/yazi/{keymap,yazi,theme,vfs}.toml`; writes `init.lua`
 * from the `setup` calls of plugins that ask for one (name order, settings
 * through `lib.generators.toLua`) followed by `initLua`, or links `initLua`
 * alone; links `flavors` and `plugins` to `yazi/{flavors,plugins}/<name>.yazi`
 * (warning about names that already end in `.yazi`); and defines the shell
 * function `shellWrapperName` (default `yy` before state version 26.05, `y`
 * from then on) that follows yazi to the directory it was left in (Bash,
 * Zsh, fish, Nushell).
 */
import { readFileSync } from "node:fs";
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  submoduleOf,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { force, NixPath } from "../../nix/values.js";
import { selectPath } from "../../module-system/nix-values.js";
import { callNix, formatType, isEmpty, libCall, perEvaluation, ty, type EvalArgs } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/yazi.ts";

/** The Bash and Zsh wrapper function. */
function posixWrapper(name: string): string {
  return (
    `function ${name}() {\n` +
    '  local tmp="$(mktemp -t "yazi-cwd.XXXXX")"\n' +
    '  command yazi "$@" --cwd-file="$tmp"\n' +
    '  if cwd="$(<"$tmp")" && [ -n "$cwd" ] && [ "$cwd" != "$PWD" ]; then\n' +
    '    builtin cd -- "$cwd"\n' +
    "  fi\n" +
    '  rm -f -- "$tmp"\n' +
    "}\n"
  );
}

/** The body of the fish function. */
const FISH_WRAPPER =
  'set -l tmp (mktemp -t "yazi-cwd.XXXXX")\n' +
  'command yazi $argv --cwd-file="$tmp"\n' +
  'if read cwd < "$tmp"; and [ -n "$cwd" ]; and [ "$cwd" != "$PWD" ]\n' +
  '  builtin cd -- "$cwd"\n' +
  "end\n" +
  'rm -f -- "$tmp"\n';

/** The Nushell wrapper command. */
function nushellWrapper(name: string): string {
  return (
    `def --env ${name} [...args] {\n` +
    '  let tmp = (mktemp -t "yazi-cwd.XXXXX")\n' +
    "  ^yazi ...$args --cwd-file $tmp\n" +
    "  let cwd = (open $tmp)\n" +
    '  if $cwd != "" and $cwd != $env.PWD {\n' +
    "    cd $cwd\n" +
    "  }\n" +
    "  rm -fp $tmp\n" +
    "}\n"
  );
}

type Source = string | AttrsView;

const sourceType = ty.oneOf<Source>([t.path, t.package]);

const pluginType = submoduleOf(
  {
    package: option({
      type: sourceType,
      description: "The plugin's package or directory, linked to {file}`$XDG_CONFIG_HOME/yazi/plugins/<name>.yazi`.",
    }),
    setup: option({
      type: t.bool,
      default: false,
      description: 'Whether {file}`init.lua` calls the plugin\'s `require("<name>"):setup(…)`.',
    }),
    settings: option({
      type: t.attrs,
      default: {} as AttrsView,
      description:
        "The Lua table given to the plugin's `setup()` (rendered with `lib.generators.toLua`, so " +
        "`lib.generators.mkLuaInline` values stay raw Lua); used only with `setup`. Empty means `setup()` without argument.",
    }),
  },
  `${FILE}#plugin`,
);

/** The warning for a flavor or plugin whose name ends in `.yazi`. */
function suffixWarning(kind: "Flavors" | "Plugins", attr: string, noun: string, name: string): string {
  const bare = name.slice(0, -".yazi".length);
  return (
    `${kind} like \`programs.yazi.${attr}."${name}"\` should no longer have the suffix ".yazi" in their attribute name.\n` +
    `The ${noun} will be linked to \`$XDG_CONFIG_HOME/yazi/${attr}/${name}.yazi\`.\n` +
    `You probably want to rename it to \`programs.yazi.${attr}."${bare}"\`.\n`
  );
}

function makeYazi(a: EvalArgs) {
  const toml = () => callNix((a.pkgs().formats as AttrsView).toml, {}) as AttrsView;
  const tomlType = formatType(a, "toml");
  const tomlOption = (file: string, page: string, example: unknown) =>
    option({
      type: tomlType,
      default: {} as JsValue,
      example,
      description: `Settings written as TOML to {file}\`$XDG_CONFIG_HOME/yazi/${file}\` (see https://yazi-rs.github.io/docs/configuration/${page}).`,
    });
  const wrapperDefault = () =>
    libCall(a.lib, "hm.deprecations.mkStateVersionOptionDefault", {
      stateVersion: a.get("home.stateVersion"),
      since: "26.05",
      optionPath: ["programs", "yazi", "shellWrapperName"],
      legacy: { value: "yy" },
      current: { value: "y" },
    }) as AttrsView;
  return defineModule({
    file: FILE,
    path: "programs.yazi",
    options: {
      enable: mkEnableOption("yazi"),
      package: mkPackageOption("yazi", { nullable: true }),
      extraPackages: option({
        type: t.listOf(t.package),
        default: [],
        example: "with pkgs; [ glow ouch ]",
        description: "Packages put on the `PATH` of yazi's wrapper.",
      }),
      shellWrapperName: option({
        type: t.str,
        default: () => wrapperDefault().default as string,
        defaultText: 'if lib.versionAtLeast config.home.stateVersion "26.05" then "y" else "yy"',
        example: "yy",
        description: "The name of the shell function that runs yazi and follows it to its last directory.",
      }),
      enableBashIntegration: integrationOption("Bash"),
      enableFishIntegration: integrationOption("Fish"),
      enableNushellIntegration: integrationOption("Nushell"),
      enableZshIntegration: integrationOption("Zsh"),
      keymap: tomlOption("keymap.toml", "keymap", '{ mgr.prepend_keymap = [ { run = "quit"; on = [ "q" ]; } ]; }'),
      settings: tomlOption("yazi.toml", "yazi", { log: { enabled: false }, mgr: { show_hidden: false, sort_by: "mtime" } }),
      theme: tomlOption("theme.toml", "theme", '{ filetype.rules = [ { fg = "#7AD9E5"; mime = "image/*"; } ]; }'),
      vfs: tomlOption("vfs.toml", "vfs", { services: { "my-server": { host: "1.2.3.4", port: 22, type: "sftp", user: "root" } } }),
      initLua: option({
        type: t.nullOr(t.either(t.path, t.lines)),
        default: null,
        example: "./init.lua",
        description: "Yazi's own {file}`init.lua`, as a file or as text.",
      }),
      plugins: option({
        type: t.attrsOf(ty.coercedTo(sourceType, (pkg: Source) => ({ package: pkg, setup: false, settings: {} }), pluginType)),
        default: {},
        example: "{ foo = pkgs.foo; bar = { package = pkgs.bar; setup = true; settings = { tab_width = 20; }; }; }",
        description:
          "Lua plugins by name: a package or directory (linked as it is), or `{ package; setup; settings; }`. The " +
          "`setup` calls come first in {file}`init.lua`, before `initLua`. See https://yazi-rs.github.io/docs/plugins/overview.",
      }),
      flavors: option({
        type: t.attrsOf(sourceType),
        default: {},
        example: "{ foo = ./foo; bar = pkgs.bar; }",
        description:
          "Ready-made themes by name, each a package or directory linked to {file}`$XDG_CONFIG_HOME/yazi/flavors/<name>.yazi` " +
          "(see https://yazi-rs.github.io/docs/flavors/overview/).",
      }),
      finalPackage: option({
        type: t.package,
        readOnly: true,
        visible: false,
        default: (d) => {
          const yazi = ((d.arg("config") as AttrsView).programs as AttrsView).yazi as AttrsView;
          const pkg = yazi.package as AttrsView;
          const extra = yazi.extraPackages as readonly AttrsView[];
          if (pkg === null || typeof pkg.override !== "function" || extra.length === 0) return pkg;
          return callNix(pkg.override, (old: AttrsView) => ({
            extraPackages: [...((old.extraPackages as readonly AttrsView[] | undefined) ?? []), ...extra],
          })) as AttrsView;
        },
        description: "The yazi package with `extraPackages` added.",
      }),
    },
    config: ({ cfg }) => {
      /** `initLua` as Nix has it: a path is read or linked, text written. */
      const initLua = (): { path: string } | { text: string } | null => {
        const raw = force(selectPath(a.config, ["programs", "yazi", "initLua"]));
        if (raw instanceof NixPath) return { path: raw.path };
        return cfg.initLua === null ? null : { text: cfg.initLua };
      };
      const toLua = (v: unknown) => String(libCall(a.lib, "generators.toLua", {}, v));
      const setupNames = () =>
        Object.keys(cfg.plugins)
          .filter((n) => cfg.plugins[n]!.setup)
          .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      const initFile = () => {
        const names = setupNames();
        const init = initLua();
        if (names.length === 0) return init === null ? null : "path" in init ? { source: init.path } : { text: init.text };
        const calls = names
          .map((n) => {
            const s = cfg.plugins[n]!.settings;
            return isEmpty(s) ? `require(${toLua(n)}):setup()` : `require(${toLua(n)}):setup(${toLua(s)})`;
          })
          .join("\n");
        const tail = init === null ? "" : "\n" + ("path" in init ? readFileSync(init.path, "utf8") : init.text);
        return { text: calls + tail };
      };
      const tomlFile = (name: string, value: JsValue) => mkIf(!isEmpty(value), { source: callNix(toml().generate, name, value) });
      return mkIf(() => cfg.enable, {
        "home.packages": () => mkIf(cfg.package !== null, [cfg.finalPackage]),
        "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration, posixWrapper(cfg.shellWrapperName)),
        "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration, posixWrapper(cfg.shellWrapperName)),
        "programs.fish.functions": () => ({ [cfg.shellWrapperName]: mkIf(cfg.enableFishIntegration, FISH_WRAPPER) }),
        "programs.nushell.extraConfig": () => mkIf(cfg.enableNushellIntegration, nushellWrapper(cfg.shellWrapperName)),
        "xdg.configFile": () => {
          const init = initFile();
          const files: Record<string, unknown> = {
            "yazi/keymap.toml": tomlFile("yazi-keymap", cfg.keymap),
            "yazi/yazi.toml": tomlFile("yazi-settings", cfg.settings),
            "yazi/theme.toml": tomlFile("yazi-theme", cfg.theme),
            "yazi/vfs.toml": tomlFile("yazi-vfs", cfg.vfs),
            "yazi/init.lua": mkIf(init !== null, init ?? {}),
          };
          for (const [name, v] of Object.entries(cfg.flavors)) files[`yazi/flavors/${name}.yazi`] = { source: v };
          for (const [name, v] of Object.entries(cfg.plugins)) files[`yazi/plugins/${name}.yazi`] = { source: v.package };
          return files;
        },
        warnings: () => [
          ...Object.keys(cfg.flavors)
            .filter((n) => n.endsWith(".yazi"))
            .map((n) => suffixWarning("Flavors", "flavors", "flavor", n)),
          ...Object.keys(cfg.plugins)
            .filter((n) => n.endsWith(".yazi"))
            .map((n) => suffixWarning("Plugins", "plugins", "plugin", n)),
        ],
      });
    },
  });
}

/** The module (made per evaluation: the TOML settings' type is this evaluation's `pkgs.formats.toml`). */
export const yaziModule = perEvaluation(FILE, (a) => makeYazi(a));
