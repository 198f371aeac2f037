/**
 * `programs.ghostty`: the Ghostty terminal. Installs `package` (when set);
 * writes `settings` to `$XDG_CONFIG_HOME/ghostty/config` and each of
 * `themes` to `ghostty/themes/<name>` as `key = value` lines (a list as one
 * line per element), checking each with `ghostty +validate-config` when it
 * changes; puts `clear` first among the key bindings with
 * `clearDefaultKeybinds`; adds Ghostty's syntax to Vim and bat; on Linux
 * links Ghostty's systemd user service with an override that reloads it
 * when the configuration or a theme changes; and sources Ghostty's shell
 * integration from Bash (order 101, right after completions), fish and Zsh.
 */
import {
  defineModule,
  mkBefore,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOrder,
  mkPackageOption,
  option,
  t,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { callNix, formatType, isEmpty, libCall, nixToString, perEvaluation, type EvalArgs } from "../module-kit.js";
import { integrationOption } from "./shell-integration-option.js";

const FILE = "modules/programs/ghostty.ts";

const INTEGRATION_NOTE =
  "Ghostty injects its shell integration by itself; sourcing it from the shell's start-up file as well makes it " +
  "work in more cases, for example after switching to another shell inside Ghostty. See " +
  "https://ghostty.org/docs/features/shell-integration#manual-shell-integration-setup.";

const BASH_INIT =
  'if [[ -r "${GHOSTTY_RESOURCES_DIR}/shell-integration/bash/ghostty.bash" ]]; then\n' +
  '  builtin source "${GHOSTTY_RESOURCES_DIR}/shell-integration/bash/ghostty.bash"\n' +
  "fi\n";

const FISH_INIT =
  'if test -r "$GHOSTTY_RESOURCES_DIR/shell-integration/fish/vendor_conf.d/ghostty-shell-integration.fish"\n' +
  '  source "$GHOSTTY_RESOURCES_DIR/shell-integration/fish/vendor_conf.d/ghostty-shell-integration.fish"\n' +
  "end\n";

const ZSH_INIT =
  'if [[ -r "$GHOSTTY_RESOURCES_DIR"/shell-integration/zsh/ghostty-integration ]]; then\n' +
  '  source "$GHOSTTY_RESOURCES_DIR"/shell-integration/zsh/ghostty-integration\n' +
  "fi\n";

const SERVICE = "systemd/user/app-com.mitchellh.ghostty.service";

const nullPackage = (what: string) => `programs.ghostty.${what} when programs.ghostty.package is null`;

function makeGhostty(a: EvalArgs) {
  const formatArgs = () => ({
    listsAsDuplicateKeys: true,
    mkKeyValue: libCall(a.lib, "generators.mkKeyValueDefault", {}, " = "),
  });
  const keyValue = () => callNix((a.pkgs().formats as AttrsView).keyValue, formatArgs()) as AttrsView;
  const settingsType = formatType(a, "keyValue", {
    listsAsDuplicateKeys: true,
    mkKeyValue: libCall(a.lib, "generators.mkKeyValueDefault", {}, " = "),
  });
  return defineModule({
    file: FILE,
    path: "programs.ghostty",
    options: {
      enable: mkEnableOption("Ghostty"),
      package: mkPackageOption("ghostty", {
        nullable: true,
        extraDescription: "Null where Ghostty is not available (or broken); the configuration is written all the same.",
      }),
      settings: option({
        type: settingsType,
        default: {} as JsValue,
        example: { theme: "catppuccin-mocha", "font-size": 10, keybind: ["ctrl+h=goto_split:left", "ctrl+l=goto_split:right"] },
        description:
          "Ghostty's configuration, written to `$XDG_CONFIG_HOME/ghostty/config` " +
          "(reference: https://ghostty.org/docs/config/reference).",
      }),
      themes: option({
        type: t.attrsOf(settingsType),
        default: {},
        example: { "my-theme": { background: "1e1e2e", foreground: "cdd6f4", palette: ["0=#45475a", "1=#f38ba8"] } },
        description:
          "Themes of your own, by name, each written to `$XDG_CONFIG_HOME/ghostty/themes/<name>` " +
          "(see https://ghostty.org/docs/features/theme#authoring-a-custom-theme).",
      }),
      clearDefaultKeybinds: option({
        type: t.bool,
        default: false,
        example: true,
        description: "Whether Ghostty's default key bindings are cleared (a `keybind = clear` first).",
      }),
      installVimSyntax: mkEnableOption("Ghostty's configuration syntax in Vim"),
      installBatSyntax: option({
        type: t.bool,
        default: (d) => (d.arg("config") as { programs: { ghostty: { package: unknown } } }).programs.ghostty.package !== null,
        defaultText: "`true` if programs.ghostty.package is not null",
        example: true,
        description: "Whether to install Ghostty's configuration syntax for bat.",
      }),
      systemd: {
        enable: option({
          type: t.bool,
          default: (d) => ((d.arg("pkgs") as AttrsView).stdenv as { hostPlatform: { isLinux: boolean } }).hostPlatform.isLinux,
          defaultText: "`true` on Linux, `false` otherwise",
          example: false,
          description:
            "Whether to install Ghostty's systemd user service (faster start-up, more features; see https://ghostty.org/docs/linux/systemd).",
        }),
      },
      enableBashIntegration: integrationOption("Bash", INTEGRATION_NOTE),
      enableFishIntegration: integrationOption("Fish", INTEGRATION_NOTE),
      enableZshIntegration: integrationOption("Zsh", INTEGRATION_NOTE),
    },
    config: ({ cfg, config, lib, pkgs }) => {
      const hasPkg = () => cfg.package !== null;
      const configHome = () => config.str("xdg.configHome");
      const validate = (file: string) =>
        hasPkg()
          ? { onChange: `${String(libCall(lib, "getExe", cfg.package))} +validate-config --config-file=${configHome()}/ghostty/${file}` }
          : {};
      const platform = () => (pkgs.stdenv as AttrsView).hostPlatform as AttrsView;
      const files = () => {
        const out: Record<string, unknown> = {};
        if (!isEmpty(cfg.settings)) {
          out["ghostty/config"] = { source: callNix(keyValue().generate, "ghostty-config", cfg.settings), ...validate("config") };
        }
        for (const [name, value] of Object.entries(cfg.themes as Record<string, JsValue>)) {
          out[`ghostty/themes/${name}`] = {
            source: callNix(keyValue().generate, `ghostty-${name}-theme`, value),
            ...validate(`themes/${name}`),
          };
        }
        return out;
      };
      const triggers = () => {
        const source = (name: string) => nixToString(config.get(`xdg.configFile."${name}".source`));
        const names = [...(isEmpty(cfg.settings) ? [] : ["ghostty/config"]), ...Object.keys(cfg.themes).map((n) => `ghostty/themes/${n}`)];
        return names.map(source).join(" ");
      };
      return mkIf(
        () => cfg.enable,
        mkMerge([
          {
            "home.packages": () => (hasPkg() ? [cfg.package] : []),
            "programs.ghostty.settings": () => mkIf(cfg.clearDefaultKeybinds, { keybind: mkBefore(["clear"]) }),
            "xdg.configFile": () => files(),
          },
          mkIf(() => cfg.installVimSyntax, {
            assertions: () => [{ assertion: hasPkg(), message: `${nullPackage("installVimSyntax")} cannot be enabled` }],
            "programs.vim.plugins": () => (hasPkg() ? [(cfg.package as AttrsView).vim] : []),
          }),
          mkIf(() => cfg.installBatSyntax, {
            assertions: () => [{ assertion: hasPkg(), message: `${nullPackage("installBatSyntax")} cannot be enabled` }],
            "programs.bat.syntaxes.ghostty": () =>
              mkIf(hasPkg(), {
                src: cfg.package,
                file:
                  platform().isDarwin === true
                    ? "Applications/Ghostty.app/Contents/Resources/bat/syntaxes/ghostty.sublime-syntax"
                    : "share/bat/syntaxes/ghostty.sublime-syntax",
              }),
            "programs.bat.config.map-syntax": () => mkIf(hasPkg(), [`${configHome()}/ghostty/config:Ghostty Config`]),
          }),
          mkIf(() => cfg.systemd.enable, {
            assertions: () => [
              {
                assertion: hasPkg(),
                message: "programs.ghostty.systemd.enable cannot be true when programs.ghostty.package is null",
              },
              { assertion: platform().isLinux === true, message: "Ghostty systemd integration cannot be enabled for non-linux platforms" },
            ],
            [`xdg.configFile."${SERVICE}".source`]: () => `${nixToString(cfg.package)}/share/${SERVICE}`,
            [`xdg.configFile."${SERVICE}.d/overrides.conf".text`]: () =>
              `[Unit]\nX-SwitchMethod=keep-old\nX-Reload-Triggers=${triggers()}\n`,
            "dbus.packages": () => [cfg.package],
          }),
          mkIf(() => cfg.enableBashIntegration, { "programs.bash.initExtra": () => mkOrder(101, BASH_INIT) }),
          mkIf(() => cfg.enableFishIntegration, { "programs.fish.interactiveShellInit": () => FISH_INIT }),
          mkIf(() => cfg.enableZshIntegration, { "programs.zsh.initContent": () => ZSH_INIT }),
        ]),
      );
    },
  });
}

/** The module (made per evaluation: the settings type is this evaluation's `pkgs.formats.keyValue`). */
export const ghosttyModule = perEvaluation(FILE, (a) => makeGhostty(a));
