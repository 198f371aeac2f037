/**
 * `programs.gh`: the GitHub CLI. Installs `package`; writes `gh/config.yml`
 * (`version: '1'` plus `settings`) and `gh/hosts.yml` (`hosts`, when set) as
 * YAML with `pkgs.formats.yaml`; links `extensions` (each package's `bin/`
 * under its pname) into `$XDG_DATA_HOME/gh/extensions`; makes gh git's
 * credential helper for `gitCredentialHelper.hosts` (an empty helper first,
 * to drop helpers set before); and before linking, lets gh migrate an
 * unmanaged `hosts.yml` written by an older gh. Keeps the old top-level
 * `aliases`, `editor`, `gitProtocol` and `enableGitCredentialHelper` options
 * as renames.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callNix, formatType, isEmpty, libCall, nixToString, perEvaluation, ty, type EvalArgs } from "../module-kit.js";
import { renames } from "./git/integration.js";

const FILE = "modules/programs/gh.ts";

/** The options of `settings` besides its free-form YAML (kept for the renamed top-level options). */
const settingsModule = defineModule({
  file: FILE,
  key: `${FILE}#settings`,
  options: {
    aliases: option({
      type: t.attrsOf(t.str),
      default: {},
      example: { co: "pr checkout", pv: "pr view" },
      description: "Short names for gh commands.",
    }),
    editor: option({
      type: t.str,
      default: "",
      description: "The editor gh runs to write issues, pull requests and the like; empty means the environment's.",
    }),
    git_protocol: option({
      type: t.str,
      default: "https",
      example: "ssh",
      description: "The protocol gh uses for git operations.",
    }),
  },
});

function migrateScript(hosts: string, gh: string): string {
  return `if [[ ! -L "${hosts}" && -f "${hosts}" && $(grep --invert-match --quiet '^version:' ${hosts}) ]]; then
  (
    TMP_DIR=$(mktemp -d)
    trap "rm --force --recursive $TMP_DIR" EXIT
    cp "${hosts}" $TMP_DIR/
    export GH_CONFIG_DIR=$TMP_DIR
    run --silence ${gh} help
    cp $TMP_DIR/hosts.yml "${hosts}"
  )
fi
`;
}

function makeGh(a: EvalArgs) {
  const yaml = () => callNix((a.pkgs().formats as AttrsView).yaml, {}) as AttrsView;
  const freeform = formatType(a, "yaml");
  return defineModule({
    file: FILE,
    path: "programs.gh",
    options: {
      enable: mkEnableOption("GitHub CLI tool"),
      package: mkPackageOption("gh"),
      settings: option({
        type: ty.submodule<AttrsView>(settingsModule, freeform),
        default: {} as AttrsView,
        example: '{ git_protocol = "ssh"; prompt = "enabled"; aliases = { co = "pr checkout"; }; }',
        description: "Settings written to `$XDG_CONFIG_HOME/gh/config.yml` (any YAML).",
      }),
      gitCredentialHelper: {
        enable: option({ type: t.bool, default: true, example: true, description: "Whether to make gh git's credential helper." }),
        hosts: option({
          type: t.listOf(t.str),
          default: ["https://github.com", "https://gist.github.com"],
          example: ["https://github.com", "https://github.example.com"],
          description: "The hosts for which gh is git's credential helper.",
        }),
      },
      extensions: option({
        type: t.listOf(t.package),
        default: [],
        example: "[ pkgs.gh-eco ]",
        description: "gh extensions to install (see https://cli.github.com/manual/gh_extension).",
      }),
      hosts: option({
        type: freeform,
        default: {} as JsValue,
        example: { "github.com": { user: "<your_username>" } },
        description: "Per-host settings written to `$XDG_CONFIG_HOME/gh/hosts.yml` (any YAML).",
      }),
    },
    config: ({ cfg, config, pkgs, lib }) =>
      mkIf(() => cfg.enable, {
        "home.packages": () => [cfg.package],
        'xdg.configFile."gh/config.yml".source': () =>
          callNix(yaml().generate, "gh-config.yml", { version: "1", ...(cfg.settings as AttrsView) }),
        'xdg.configFile."gh/hosts.yml"': () => mkIf(!isEmpty(cfg.hosts), { source: callNix(yaml().generate, "gh-hosts.yml", cfg.hosts) }),
        "home.activation.migrateGhAccounts": () =>
          libCall(
            lib,
            "hm.dag.entryBetween",
            ["linkGeneration"],
            ["writeBoundary"],
            migrateScript(`${config.str("xdg.configHome")}/gh/hosts.yml`, String(libCall(lib, "getExe", cfg.package))),
          ),
        "programs.git.settings.credential": () =>
          mkIf(
            cfg.gitCredentialHelper.enable,
            Object.fromEntries(
              cfg.gitCredentialHelper.hosts.map((host) => [
                host,
                { helper: ["", `${nixToString(cfg.package)}/bin/gh auth git-credential`] },
              ]),
            ),
          ),
        'xdg.dataFile."gh/extensions"': () =>
          mkIf(cfg.extensions.length > 0, {
            source: callNix(
              pkgs.linkFarm,
              "gh-extensions",
              cfg.extensions.map((p) => ({ name: p.pname, path: `${nixToString(p)}/bin` })),
            ),
          }),
      }),
  });
}

/** The module, with the old top-level options renamed. */
export const ghModule = perEvaluation(FILE, (a) => [
  // First: list definitions (warnings) come out in reverse import order, so its own follow the renames' as in Home Manager.
  makeGh(a).value,
  ...renames(a.lib, [
    ["programs.gh.aliases", "programs.gh.settings.aliases"],
    ["programs.gh.editor", "programs.gh.settings.editor"],
    ["programs.gh.gitProtocol", "programs.gh.settings.git_protocol"],
    ["programs.gh.enableGitCredentialHelper", "programs.gh.gitCredentialHelper.enable"],
  ]),
]);
