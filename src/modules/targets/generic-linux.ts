/**
 * `targets.genericLinux`: settings that make Home Manager work on Linux
 * distributions other than NixOS — the Nix profiles and the distribution's
 * directories in `XDG_DATA_DIRS`, cursor themes in `XCURSOR_PATH`, Nix's
 * `nix.sh` sourced in the session, the terminfo directories and `NIX_PATH`
 * in the systemd environment, and (when those modules are present) the shell
 * start-up additions for Bash and Zsh. The old option
 * `targets.genericLinux.extraXdgDataDirs` is renamed to `xdg.systemDirs.data`.
 * The NixGL integration (`targets.genericLinux.nixGL`, formerly `nixGL`) is
 * in `nixgl.ts`, the GPU drivers integration (`targets.genericLinux.gpu`) in
 * `generic-linux-gpu.ts`; both are imported from here, as Home Manager
 * imports them.
 */
import { defineModule, mkIf, option, t, toNix, type AttrsView } from "../../module-system/index.js";
import { isDeclared, libCall, nixToString, perEvaluation } from "../module-kit.js";
import { genericLinuxGpuModule } from "./generic-linux-gpu.js";
import { nixGLModule, nixGLRenameModule } from "./nixgl.js";

const FILE = "modules/targets/generic-linux.ts";

const DISTRO_TERMINFO_DIRS = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"].join(":");

const ZSH_ENV_EXTRA = `# Make system functions available to zsh
() {
  setopt LOCAL_OPTIONS CASE_GLOB EXTENDED_GLOB

  local system_fpaths=(
      # Package default
      /usr/share/zsh/site-functions(/-N)

      # Debian
      /usr/share/zsh/functions/**/*(/-N)
      /usr/share/zsh/vendor-completions/(/-N)
      /usr/share/zsh/vendor-functions/(/-N)
  )
  fpath=(\${fpath} \${system_fpaths})
}
`;

const genericLinux = defineModule({
  file: FILE,
  key: `${FILE}#module`,
  path: "targets.genericLinux",
  options: {
    enable: option({
      type: t.bool,
      default: false,
      example: true,
      description: "Whether to enable settings that make Home Manager work better on GNU/Linux distributions other than NixOS.",
    }),
  },
  config: ({ cfg, config, pkgs, lib, arg }) => {
    const profileDirectory = () => config.str("home.profileDirectory");
    const nixPkg = () => {
      const nixPackage = isDeclared(arg("options"), "nix.package") ? config.get("nix.package") : null;
      return nixToString(nixPackage ?? (pkgs.nix as AttrsView));
    };
    const useXdg = () => isDeclared(arg("options"), "nix.useXdg") && config.bool("nix.useXdg");
    // Bash and Zsh are in the catalog. (Which options a module defines cannot depend on `options`:
    // finding them needs this module's own definitions, an infinite recursion.)
    const shellDefs: Record<string, () => string> = {
      "programs.bash.initExtra": () => `. "${nixPkg()}/etc/profile.d/nix.sh"\n. "${profileDirectory()}/etc/profile.d/hm-session-vars.sh"\n`,
      "programs.zsh.envExtra": () => ZSH_ENV_EXTRA,
    };
    return mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "targets.genericLinux", pkgs, libCall(lib, "platforms.linux"))],
      "xdg.systemDirs.data": () => [
        "${NIX_STATE_DIR:-/nix/var/nix}/profiles/default/share",
        `${profileDirectory()}/share`,
        "/usr/share/ubuntu",
        "/usr/local/share",
        "/usr/share",
        "/var/lib/snapd/desktop",
      ],
      "home.sessionSearchVariables.XCURSOR_PATH": () => [`${profileDirectory()}/share/icons`, "/usr/share/icons", "/usr/share/pixmaps"],
      "home.sessionVariablesExtra": () =>
        `. "${nixPkg()}/etc/profile.d/nix.sh"\n\n# reset TERM with new TERMINFO available (if any)\nexport TERM="$TERM"\n`,
      ...shellDefs,
      "systemd.user.sessionVariables": () => ({
        NIX_PATH: useXdg()
          ? `${config.str("xdg.stateHome")}/nix/defexpr/channels\${NIX_PATH:+:}$NIX_PATH`
          : "$HOME/.nix-defexpr/channels${NIX_PATH:+:}$NIX_PATH",
        TERMINFO_DIRS: `${profileDirectory()}/share/terminfo:$TERMINFO_DIRS\${TERMINFO_DIRS:+:}${DISTRO_TERMINFO_DIRS}`,
      }),
    });
  },
});

export const genericLinuxModule = perEvaluation(FILE, (a) => [
  toNix(libCall(a.lib, "mkRenamedOptionModule", ["targets", "genericLinux", "extraXdgDataDirs"], ["xdg", "systemDirs", "data"])),
  nixGLRenameModule(a.lib),
  nixGLModule.value,
  genericLinuxGpuModule.value,
  genericLinux.value,
]);
