/**
 * `targets.genericLinux.gpu`: GPU drivers from Nixpkgs for programs of the
 * Nix profile on Linux distributions other than NixOS. Programs built by
 * Nixpkgs look for their OpenGL/Vulkan/VA-API drivers in
 * `/run/opengl-driver`, which only NixOS provides; this module builds an
 * environment of drivers (Mesa, libglvnd, VDPAU/VA-API back-ends and, when
 * asked, Nvidia's proprietary libraries of an exact version) and a setup
 * package whose `non-nixos-gpu-setup` command, run once as root, installs a
 * systemd-tmpfiles rule pointing `/run/opengl-driver` at that environment
 * (plus Nvidia's EGL platform files) and registers it as a garbage
 * collector root. Activation warns while the link is missing or points at
 * other drivers. Enabled by default with `targets.genericLinux` unless
 * NixGL is used instead.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  option,
  t,
  toJs,
  toNix,
  TsType,
  type AttrsView,
  type JsValue,
} from "../../module-system/index.js";
import { call } from "../../module-system/nix-values.js";
import { libCall, nixToString } from "../module-kit.js";

const FILE = "modules/targets/generic-linux-gpu.ts";

/** The name of both the drivers' environment and the setup package. */
const NAME = "non-nixos-gpu";
const SETUP_COMMAND = "non-nixos-gpu-setup";

/** Replaced by the setup package's output path when it is built. */
const OUT_PLACEHOLDER = "%OUT%";

/** Call a Nix function (or a set with `__functor`, as `override` is) with TypeScript arguments. */
function apply(f: JsValue | undefined, ...args: unknown[]): JsValue {
  return toJs(call(toNix(f ?? null), ...args.map((a) => toNix(a))));
}

const versionType = new TsType<string>((ms) => ms.types.strMatching("[0-9]{3}\\.[0-9]{2,3}(\\.[0-9]{2,3})?"));
const hashType = new TsType<string>((ms) => ms.types.strMatching("sha256-.*="));

/** The root-run setup command, for the state directory `stateDir` (the output path is filled in by the build). */
function setupScript(stateDir: string): string {
  return `#!/bin/bash
# Makes GPU drivers from Nix available at /run/opengl-driver on this machine
# through a systemd-tmpfiles rule, and keeps them from being collected as
# garbage while the rule is installed. Run as root.
set -e

# Older versions of this setup installed a systemd unit: take it away.
legacy_unit=/etc/systemd/system/${NAME}.service
if [[ -L "$legacy_unit" || -f "$legacy_unit" ]]; then
  systemctl disable --now ${NAME}.service 2>/dev/null || true
  rm -f "$legacy_unit"
  rm -f "${stateDir}/gcroots/${NAME}.service"
  systemctl daemon-reload
fi

rule=/etc/tmpfiles.d/${NAME}.conf
ln -sf ${OUT_PLACEHOLDER}/lib/tmpfiles.d/${NAME}.conf "$rule"
ln -sf "$rule" "${stateDir}"/gcroots/${NAME}.conf

systemd-tmpfiles --create ${NAME}.conf
`;
}

/** The build of the setup package: the command, and the tmpfiles rule for the drivers in `$drivers`. */
const SETUP_BUILD = `mkdir -p "$out/bin" "$out/lib/tmpfiles.d"
sed "s|${OUT_PLACEHOLDER}|$out|g" "$setupScriptPath" > "$out/bin/${SETUP_COMMAND}"
chmod +x "$out/bin/${SETUP_COMMAND}"
rule="$out/lib/tmpfiles.d/${NAME}.conf"
echo "L+ /run/opengl-driver - - - - $drivers" > "$rule"
# Nvidia's EGL platforms are looked up in /etc/egl.
platforms="$drivers/share/egl/egl_external_platform.d"
if [[ -d "$platforms" ]]; then
  for f in "$platforms"/*; do
    base="$(basename "$f")"
    echo "L+ /etc/egl/egl_external_platform.d/\${base%.json}_nix_gpu.json - - - - $f" >> "$rule"
  done
fi
`;

/** The activation step warning while the system's drivers link is missing or stale. */
function checkScript(drivers: string, setupExe: string): string {
  return `existing=$(readlink /run/opengl-driver || true)
new=${drivers}
verboseEcho "Existing drivers: \${existing}"
verboseEcho "New drivers: \${new}"
if [[ -z "\${existing}" ]] ; then
  warnEcho "Programs from Nix cannot use the GPU of this system yet."
  warnEcho "To set up the GPU drivers, run"
  warnEcho "  sudo ${setupExe}"
elif [[ "\${existing}" != "\${new}" ]] ; then
  warnEcho "The GPU drivers changed; to update them, run"
  warnEcho "  sudo ${setupExe}"
fi
`;
}

const gpu = defineModule({
  file: FILE,
  key: `${FILE}#module`,
  path: "targets.genericLinux.gpu",
  options: {
    enable: option({
      type: t.bool,
      default: (a) => {
        const generic = (a.arg("config") as AttrsView).targets as AttrsView;
        const linux = generic.genericLinux as AttrsView;
        return linux.enable === true && (linux.nixGL as AttrsView).packages === null;
      },
      defaultText: "config.targets.genericLinux.enable && config.targets.genericLinux.nixGL.packages == null",
      example: true,
      description:
        "Whether to provide GPU drivers from Nixpkgs to the programs of this configuration on a distribution " +
        "other than NixOS (after a one-time setup as root, see `setupPackage`).",
    }),
    packages: option({
      type: t.attrs,
      default: (a) => a.pkgs,
      defaultText: "pkgs",
      description: "The package set the drivers come from.",
    }),
    nvidia: {
      enable: mkEnableOption("the proprietary Nvidia drivers"),
      version: option({
        type: t.nullOr(versionType),
        default: null,
        example: "550.163.01",
        description: "The exact version of the Nvidia drivers. It has to be the version of the driver the host system runs.",
      }),
      sha256: option({
        type: t.nullOr(hashType),
        default: null,
        example: "sha256-hfK1D5EiYcGRegss9+H5dDr/0Aj9wPIJ9NVWP3dNUC0=",
        description:
          "The hash of Nvidia's driver archive of that version, as `nix store prefetch-file` prints it for " +
          "`https://download.nvidia.com/XFree86/Linux-x86_64/VERSION/NVIDIA-Linux-x86_64-VERSION.run` " +
          "(`Linux-aarch64` on ARM).",
      }),
    },
    nixStateDirectory: option({
      type: t.path,
      default: "/nix/var/nix",
      example: "/var/lib/nix",
      description:
        "Nix's state directory, where the garbage collector roots live. Change it only if Nix was set up with " +
        "another one (for example through `NIX_STATE_DIR`).",
    }),
    setupPackage: option({
      type: t.package,
      readOnly: true,
      description: `The setup package; run its \`${SETUP_COMMAND}\` command as root to install or update the drivers.`,
    }),
    drivers: option({
      type: t.package,
      internal: true,
      description: "The environment of the drivers.",
    }),
  },
  config: ({ cfg, config, pkgs, lib }) => {
    const packages = () => cfg.packages as AttrsView;
    const nvidia = () => cfg.nvidia as { enable: boolean; version: string | null; sha256: string | null };
    const nixGLPackages = () => config.get("targets.genericLinux.nixGL.packages");
    const system = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).system as string;

    /** Nvidia's libraries of the configured version, built from its archive. */
    const nvidiaDriver = (): JsValue => {
      const p = packages();
      const n = nvidia();
      const driver = apply(((p.linuxPackages as AttrsView).nvidiaPackages as AttrsView).mkDriver, {
        version: n.version,
        sha256_64bit: n.sha256,
        sha256_aarch64: n.sha256,
        useSettings: false,
        usePersistenced: false,
      });
      return apply((driver as AttrsView).override, { libsOnly: true });
    };

    const drivers = (): JsValue => {
      const p = packages();
      const paths: JsValue[] = [p.mesa!, p.libglvnd!, p["libvdpau-va-gl"]!];
      if (system() === "x86_64-linux") paths.push(p["intel-media-driver"]!);
      if (nvidia().enable) paths.push(nvidiaDriver(), p["nvidia-vaapi-driver"]!, p["egl-wayland"]!, p["egl-wayland2"]!, p["egl-gbm"]!);
      return apply(p.buildEnv, { name: NAME, paths });
    };

    const setupPackage = (): JsValue =>
      apply(
        packages().runCommandLocal,
        NAME,
        {
          drivers: cfg.drivers,
          setupScript: setupScript(nixToString(cfg.nixStateDirectory as JsValue)),
          passAsFile: ["setupScript"],
          meta: {
            description: "GPU driver setup for Nix on Linux distributions other than NixOS",
            mainProgram: SETUP_COMMAND,
          },
        },
        SETUP_BUILD,
      );

    return mkIf(() => cfg.enable, {
      assertions: () =>
        nvidia().enable
          ? [
              {
                assertion: nvidia().version !== null,
                message:
                  "Nvidia proprietary driver is enabled, version must be given.\nPlease set targets.genericLinux.gpu.nvidia.version.\n",
              },
              {
                assertion: nvidia().sha256 !== null,
                message:
                  "Nvidia proprietary driver is enabled, driver hash must be given.\nPlease set targets.genericLinux.gpu.nvidia.sha256.\n",
              },
            ]
          : [],
      warnings: () =>
        nixGLPackages() !== null
          ? [
              "Both targets.genericLinux.gpu and targets.genericLinux.nixGL are enabled.\n" +
                "This is an unsupported configuration. Only mix the two if you know what\nyou are doing!\n",
            ]
          : [],
      "home.packages": () => [cfg.setupPackage],
      "home.activation.checkExistingGpuDrivers": () =>
        libCall(
          lib,
          "hm.dag.entryAnywhere",
          checkScript(nixToString(cfg.drivers as JsValue), String(libCall(lib, "getExe", cfg.setupPackage as JsValue))),
        ),
      "targets.genericLinux.gpu.setupPackage": setupPackage,
      "targets.genericLinux.gpu.drivers": drivers,
    });
  },
});

/** The module (imported by `targets.genericLinux`, as Home Manager imports it). */
export const genericLinuxGpuModule = gpu;
