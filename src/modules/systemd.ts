/**
 * `systemd`: the user's systemd units (`systemd.user.services`, `slices`,
 * `sockets`, `targets`, `timers`, `paths`, `mounts`, `automounts`), written
 * as Home Manager writes them: each unit is a file
 * `xdg.configFile."systemd/user/<name>.<kind>"` whose source is a store
 * directory holding a file of that very name (systemd names units after the
 * final link target), plus `<target>.wants/` and `<target>.requires/` links
 * for `Install.WantedBy` and `Install.RequiredBy`. Also `sessionVariables`
 * (`environment.d/10-home-manager.conf`), `settings` (`systemd/user.conf`),
 * `packages` (their `share/systemd/user` linked under `xdg.dataHome`) and the
 * switch options. Reloading units at activation is the builder's
 * `reloadSystemd` step.
 */
import { defineModule, mkIf, mkMerge, option, t, type AttrsView, type JsValue } from "../module-system/index.js";
import { callFn, libCall, nixToString, ty } from "./module-kit.js";
import { installTargets, pathSafeName, serviceType, toIni, unitText, unitType, type UnitValue } from "./systemd-units.js";
import { settingsApply, settingsType } from "./systemd-settings.js";

const FILE = "modules/systemd.ts";

const KINDS = [
  ["services", "service"],
  ["slices", "slice"],
  ["sockets", "socket"],
  ["targets", "target"],
  ["timers", "timer"],
  ["paths", "path"],
  ["mounts", "mount"],
  ["automounts", "automount"],
] as const;

function unitDescription(kind: string): string {
  return (
    `Systemd user ${kind} units, by name. Sections and keys are written as systemd spells them ` +
    `(see systemd.${kind}(5)); definitions are merged section by section.`
  );
}

/** `xdg.configFile` entries for the units of one kind. */
function unitFiles(pkgs: AttrsView, kind: string, units: Readonly<Record<string, UnitValue>>): Record<string, { source: string }> {
  const out: Record<string, { source: string }> = {};
  for (const name of Object.keys(units)) {
    const unit = units[name]!;
    const filename = `${name}.${kind}`;
    const pkg = callFn(pkgs.writeTextFile, { name: pathSafeName(filename), text: unitText(unit), destination: `/${filename}` });
    const source = `${nixToString(pkg)}/${filename}`;
    out[`systemd/user/${filename}`] = { source };
    for (const target of installTargets(unit, "WantedBy")) out[`systemd/user/${target}.wants/${filename}`] = { source };
    for (const target of installTargets(unit, "RequiredBy")) out[`systemd/user/${target}.requires/${filename}`] = { source };
  }
  return out;
}

/** `environment.d/10-home-manager.conf`. */
export function environmentText(vars: Readonly<Record<string, JsValue>>): string {
  return (
    Object.keys(vars)
      .map((n) => `${n}=${nixToString(vars[n]!)}`)
      .join("\n") + "\n"
  );
}

/** `user.conf` values: booleans as `true`/`false`, null as `null`, the rest through `toString`. */
function iniValue(v: JsValue): string {
  if (v === null) return "null";
  return typeof v === "boolean" ? (v ? "true" : "false") : nixToString(v);
}

export const systemdModule = defineModule({
  file: FILE,
  path: "systemd.user",
  options: {
    enable: option({
      type: t.bool,
      default: (a) => ((a.pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isLinux === true,
      defaultText: "pkgs.stdenv.hostPlatform.isLinux",
      example: true,
      description: "Whether to enable the user systemd service manager.",
    }),
    systemctlPath: option({
      type: t.str,
      default: (a) => `${nixToString(a.pkgs.systemd!)}/bin/systemctl`,
      defaultText: '"${pkgs.systemd}/bin/systemctl"',
      description: "The absolute path of `systemctl`. Set it on systems where systemd does not come from Nix.",
    }),
    packages: option({
      type: t.listOf(t.package),
      default: [],
      description: "Packages whose `share/systemd/user` units are made available under `$XDG_DATA_HOME/systemd/user`.",
    }),
    ...Object.fromEntries(
      KINDS.map(([opt, kind]) => [
        opt,
        option({ type: kind === "service" ? serviceType : unitType(kind), default: {}, description: unitDescription(kind) }),
      ]),
    ),
    startServices: option({
      type: t.either(t.bool, t.enum(["suggest", "sd-switch"] as const)),
      apply: (p: boolean | string) => (typeof p === "boolean" ? p : p === "sd-switch"),
      default: true,
      description:
        "Whether activation starts new or changed services wanted by active targets and stops services " +
        'that are gone (`true` or `"sd-switch"`), or only prints the `systemctl` commands to run ' +
        '(`false` or `"suggest"`).',
    }),
    servicesStartTimeoutMs: option({
      type: ty.unsigned,
      default: 0,
      description:
        "How long, in milliseconds, started services may take to fail before their start counts as successful; 0 waits not at all.",
    }),
    sessionVariables: option({
      type: t.attrsOf(t.either(t.int, t.str)),
      default: {},
      example: { EDITOR: "vim" },
      description: "Environment variables of the user's systemd session, as environment.d(5) describes them.",
    }),
    settings: option({
      type: settingsType,
      apply: settingsApply,
      default: {},
      example: { Manager: { DefaultCPUAccounting: true } },
      description: "Settings of the user service manager, written to `systemd/user.conf` (see systemd-user.conf(5)).",
    }),
  },
  config: ({ cfg, pkgs, lib }) =>
    mkIf(() => cfg.enable, {
      assertions: () => [libCall(lib, "hm.assertions.assertPlatform", "systemd", pkgs, libCall(lib, "platforms.linux"))],
      "xdg.configFile": () => {
        const c = cfg as unknown as Readonly<Record<string, Readonly<Record<string, UnitValue>>>>;
        const units = Object.assign({}, ...KINDS.map(([opt, kind]) => unitFiles(pkgs, kind, c[opt]!))) as Record<string, JsValue>;
        const vars = cfg.sessionVariables as Readonly<Record<string, JsValue>>;
        const settings = cfg.settings as unknown as Readonly<Record<string, Readonly<Record<string, JsValue>>>>;
        const hasSettings = Object.keys(settings).some((k) => Object.keys(settings[k] ?? {}).length > 0);
        return mkMerge([
          units,
          mkIf(Object.keys(vars).length > 0, { "environment.d/10-home-manager.conf": { text: environmentText(vars) } }),
          mkIf(hasSettings, { "systemd/user.conf": { source: callFn(pkgs.writeText, "user.conf", toIni(settings, iniValue)) } }),
        ]);
      },
      "xdg.dataFile": () =>
        mkIf(cfg.packages.length > 0, {
          "systemd/user": {
            recursive: true,
            source: callFn(pkgs.symlinkJoin, { name: "user-systemd-units", paths: cfg.packages, stripPrefix: "/share/systemd/user" }),
          },
        }),
    }),
});
