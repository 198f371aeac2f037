/**
 * `programs.nnn`: the nnn file manager. Installs `finalPackage`: `package`
 * rebuilt with its `bin/nnn` wrapped so that `extraPackages` are on `PATH`,
 * `NNN_BMS` holds `bookmarks` and `NNN_PLUG` the plugin `mappings` (both as
 * `key:value` joined by `;`, keys sorted), and `options` are passed as
 * leading flags. Links `plugins.src` to `$XDG_CONFIG_HOME/nnn/plugins` and,
 * with `quitcd`, sources nnn's cd-on-quit script at the end of the enabled
 * shells' initialisation.
 */
import {
  defineModule,
  mkAfter,
  mkEnableOption,
  mkIf,
  mkPackageOption,
  option,
  submoduleOf,
  t,
  toNix,
  TsType,
  type AttrsView,
} from "../../module-system/index.js";
import { select } from "../../module-system/nix-values.js";
import { callFunction } from "../../nix/ops.js";
import { force } from "../../nix/values.js";
import { callNix, libCall, nixToString } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/nnn.ts";

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `key:value` pairs joined by `;`, keys sorted (nnn's format for `NNN_BMS` and `NNN_PLUG`). */
export function nnnPairs(table: Readonly<Record<string, string>>): string {
  return Object.keys(table)
    .sort(byName)
    .map((k) => `${k}:${table[k]}`)
    .join(";");
}

/** `coercedTo (attrsOf (oneOf [ bool int str ])) (lib.cli.toCommandLineGNU { }) (listOf str)`. */
const optionsType = new TsType<readonly string[]>((ms) => {
  const ty = ms.types;
  const toGnu = callFunction(force(select(select(ms.lib(), "cli"), "toCommandLineGNU")), toNix({}));
  return ty.coercedTo(ty.attrsOf(ty.oneOf([ty.bool, ty.int, ty.str])), toGnu, ty.listOf(ty.str));
});

const pluginsType = submoduleOf(
  {
    src: option({
      type: t.nullOr(t.path),
      default: null,
      example: '(pkgs.fetchFromGitHub { owner = "jarun"; repo = "nnn"; rev = "v4.0"; sha256 = "…"; }) + "/plugins"',
      description: "The directory of plugins, linked to {file}`$XDG_CONFIG_HOME/nnn/plugins`.",
    }),
    mappings: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { c: "fzcd", f: "finder", v: "imgview" },
      description: "Keys bound to plugins, by key.",
    }),
  },
  `${FILE}#plugins`,
);

export const nnnModule = defineModule({
  file: FILE,
  path: "programs.nnn",
  options: {
    enable: mkEnableOption("nnn"),
    package: mkPackageOption("nnn"),
    finalPackage: option({
      type: t.package,
      readOnly: true,
      visible: false,
      description: "The nnn package as installed, wrapped with the settings of this module.",
    }),
    bookmarks: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { d: "~/Documents", D: "~/Downloads" },
      description: "Directory bookmarks, by key.",
    }),
    extraPackages: option({
      type: t.listOf(t.package),
      default: [],
      example: "with pkgs; [ ffmpegthumbnailer mediainfo sxiv ]",
      description: "Packages put on nnn's `PATH` (for its plugins and previews).",
    }),
    plugins: option({ type: pluginsType, default: { src: null, mappings: {} }, description: "nnn's plugins and the keys bound to them." }),
    options: option({
      type: optionsType,
      // An empty set, as Home Manager declares it; the type turns it into an empty list.
      default: {} as unknown as readonly string[],
      example: { s: "session_name", t: 8, A: true },
      description:
        "Command-line options always given to {command}`nnn` (see {command}`nnn -h`): a set turned into GNU-style flags, or a list.",
    }),
    enableBashIntegration: integrationOption("Bash"),
    enableFishIntegration: integrationOption("Fish"),
    enableZshIntegration: integrationOption("Zsh"),
    quitcd: mkEnableOption("cd on quit"),
  },
  config: ({ cfg, lib, pkgs }) => {
    const wrapped = () =>
      callNix((cfg.package as AttrsView).overrideAttrs, (old: AttrsView) => {
        const flags = cfg.options.flatMap((arg) => ["--add-flags", arg]);
        return {
          nativeBuildInputs: [...((old.nativeBuildInputs as readonly unknown[] | undefined) ?? []), pkgs.makeWrapper],
          postInstall:
            `${"postInstall" in old ? nixToString(old.postInstall!) : ""}\n` +
            "wrapProgram $out/bin/nnn \\\n" +
            `  --prefix PATH : "${nixToString(libCall(lib, "makeBinPath", cfg.extraPackages))}" \\\n` +
            `  --prefix NNN_BMS : "${nnnPairs(cfg.bookmarks)}" \\\n` +
            `  --prefix NNN_PLUG : "${nnnPairs(cfg.plugins.mappings)}" \\\n` +
            `  ${flags.join(" ")}\n`,
        };
      });
    const source = (shell: string) => `source ${nixToString(cfg.finalPackage)}/share/quitcd/quitcd.${shell}`;
    return mkIf(() => cfg.enable, {
      "programs.nnn.finalPackage": () => wrapped(),
      "home.packages": () => [cfg.finalPackage],
      'xdg.configFile."nnn/plugins"': () => mkIf(cfg.plugins.src !== null, { source: cfg.plugins.src }),
      "programs.bash.initExtra": () => mkIf(cfg.enableBashIntegration && cfg.quitcd, mkAfter(source("bash_sh_zsh"))),
      "programs.fish.interactiveShellInit": () => mkIf(cfg.enableFishIntegration && cfg.quitcd, mkAfter(source("fish"))),
      "programs.zsh.initContent": () => mkIf(cfg.enableZshIntegration && cfg.quitcd, mkAfter(source("bash_sh_zsh"))),
    });
  },
});
