/**
 * `services.kanshi`: the kanshi output-configuration daemon for Wayland as a
 * systemd user service (Linux only), with its `kanshi/config` file. The file
 * comes from `settings`, an ordered list of directives (`include`, a global
 * `output`, or a `profile`), or else from the deprecated `profiles` set (by
 * name) plus `extraConfig`; mixing the two is an assertion failure, as is an
 * output alias inside a profile. No file is written when it would be empty.
 */
import { defineModule, mkEnableOption, mkIf, mkPackageOption, option, t, toNix, TsType } from "../../module-system/index.js";
import { submoduleOf } from "../../module-system/ts-module.js";
import { floatToString } from "../../nix/coerce.js";
import { force, NixAttrs } from "../../nix/values.js";
import { NixFloat } from "../../module-system/ts-view.js";
import { lazy } from "../../module-system/nix-values.js";
import { callFn, libCall, nixToString, ty, waylandSystemdTarget } from "../module-kit.js";

const FILE = "modules/services/kanshi.ts";
const CONFIG_PATH = "kanshi/config";

export interface KanshiOutput {
  readonly criteria: string;
  readonly status: string | null;
  readonly mode: string | null;
  readonly position: string | null;
  readonly scale: number | NixFloat | null;
  readonly transform: string | null;
  readonly alias: string | null;
  readonly adaptiveSync: boolean | null;
}

export interface KanshiProfile {
  readonly outputs: readonly KanshiOutput[];
  readonly name: string;
  readonly exec: readonly string[];
}

export interface KanshiDirective {
  readonly profile?: KanshiProfile;
  readonly output?: KanshiOutput;
  readonly include?: string;
}

function scaleText(v: number | NixFloat): string {
  return floatToString(v instanceof NixFloat ? v.value : v);
}

/** One `output "<criteria>" …` line (without newline). */
export function outputLine(o: KanshiOutput): string {
  let s = `output "${o.criteria}"`;
  if (o.status !== null) s += ` ${o.status}`;
  if (o.mode !== null) s += ` mode ${o.mode}`;
  if (o.position !== null) s += ` position ${o.position}`;
  if (o.scale !== null) s += ` scale ${scaleText(o.scale)}`;
  if (o.transform !== null) s += ` transform ${o.transform}`;
  if (o.adaptiveSync !== null) s += ` adaptive_sync ${o.adaptiveSync ? "on" : "off"}`;
  if (o.alias !== null) s += ` alias $${o.alias}`;
  return s;
}

/** A `profile <name> { … }` block, ending with a newline. */
export function profileBlock(name: string, p: KanshiProfile): string {
  const body = [...p.outputs.map(outputLine), ...p.exec.map((c) => `exec ${c}`)];
  return `profile ${name} {\n  ${body.join("\n  ")}\n}\n`;
}

function directiveText(d: KanshiDirective): string {
  if (d.profile !== undefined) return profileBlock(d.profile.name, d.profile);
  if (d.output !== undefined) return outputLine(d.output);
  return `include "${d.include ?? ""}"`;
}

/** The text of `settings`: directives joined by newlines. */
export function settingsText(settings: readonly KanshiDirective[]): string {
  return settings.map(directiveText).join("\n");
}

/** The text of the deprecated `profiles` (by name) followed by `extraConfig`. */
export function legacyText(profiles: Readonly<Record<string, KanshiProfile>>, extraConfig: string): string {
  const names = Object.keys(profiles).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return `${names.map((n) => profileBlock(n, profiles[n]!)).join("\n")}\n${extraConfig}\n`;
}

const outputType = submoduleOf(
  {
    criteria: option({
      type: t.str,
      description: 'The output name, its description, or "*" for any output (`swaymsg -t get_outputs` lists them on sway).',
    }),
    status: option({ type: t.nullOr(t.enum(["enable", "disable"])), default: null, description: "Turn the output on or off." }),
    mode: option({
      type: t.nullOr(t.str),
      default: null,
      example: "1920x1080@60Hz",
      description: "The mode, `<width>x<height>[@<rate>[Hz]]`.",
    }),
    position: option({
      type: t.nullOr(t.str),
      default: null,
      example: "1600,0",
      description: "Where the output sits in the global coordinate space, `<x>,<y>`.",
    }),
    scale: option({ type: t.nullOr(t.float), default: null, example: 2.0, description: "The output's scale factor." }),
    transform: option({
      type: t.nullOr(t.enum(["normal", "90", "180", "270", "flipped", "flipped-90", "flipped-180", "flipped-270"])),
      default: null,
      description: "The output's rotation and flipping.",
    }),
    alias: option({
      type: t.nullOr(t.str),
      default: null,
      example: "laptopMonitor",
      description: "A name for the output that later directives can use as `$name` (global outputs only).",
    }),
    adaptiveSync: option({
      type: t.nullOr(t.bool),
      default: null,
      example: true,
      description: "Turn variable refresh rate on or off.",
    }),
  },
  FILE,
) as unknown as TsType<KanshiOutput>;

const profileType = submoduleOf(
  {
    outputs: option({ type: t.listOf(outputType), default: [], description: "The outputs of this profile." }),
    name: option({ type: t.str, default: "", description: "The profile's name." }),
    exec: option({
      type: ty.coercedTo(t.str, (s: string) => [s], t.listOf(t.str)),
      default: [],
      example: "${pkgs.sway}/bin/swaymsg workspace 1, move workspace to eDP-1",
      description: "Commands run (in no particular order) once the profile has been applied.",
    }),
  },
  FILE,
) as unknown as TsType<KanshiProfile>;

/** `attrTag { profile; output; include; }`, with each tag declared through `lib.mkOption`. */
const directiveType = new TsType<KanshiDirective>((ms) => {
  const tag = (type: TsType<unknown>, description: string) =>
    lazy(() => force(toNix(libCall(ms.lib(), "mkOption", { type: type.build(ms).facade(), description }))));
  return ms.types.attrTag(
    new NixAttrs(
      new Map([
        ["profile", tag(profileType, "A profile.")],
        ["output", tag(outputType, "A global output directive.")],
        ["include", tag(t.str, "Another file to include (shell syntax is expanded, see wordexp(3)).")],
      ]),
    ),
  );
});

export const kanshiModule = defineModule({
  file: FILE,
  path: "services.kanshi",
  options: {
    enable: mkEnableOption("kanshi, the Wayland daemon that configures outputs as displays come and go"),
    package: mkPackageOption("kanshi"),
    profiles: option({
      type: t.attrsOf(profileType),
      default: {},
      example: { undocked: { outputs: [{ criteria: "eDP-1" }] } },
      description: "Profiles by name (deprecated: use `settings`).",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      description: "Lines appended to the configuration file (deprecated: use `settings`).",
    }),
    settings: option({
      type: t.listOf(directiveType),
      default: [],
      example: [{ include: "path/to/included/files" }],
      description: "The configuration as an ordered list of directives, each one of `include`, `output` or `profile` (see kanshi(5)).",
    }),
    systemdTarget: option({
      type: t.str,
      default: (d) => waylandSystemdTarget(d),
      defaultText: "config.wayland.systemd.target",
      description: "The systemd target the service is bound to.",
    }),
  },
  config: ({ cfg, pkgs, lib }) => {
    const settings = () => cfg.settings as readonly KanshiDirective[];
    const profiles = () => cfg.profiles as Readonly<Record<string, KanshiProfile>>;
    const legacy = () => Object.keys(profiles()).length > 0 || cfg.extraConfig !== "";
    const text = () => (legacy() ? legacyText(profiles(), cfg.extraConfig) : settingsText(settings()));
    const pkg = () => nixToString(cfg.package);
    // The file's store path as `xdg.configFile` makes it (reading that option here would be circular).
    const configSource = () =>
      nixToString(
        callFn(pkgs.writeTextFile, {
          text: text(),
          executable: false,
          name: libCall(lib, "hm.strings.storeFileName", CONFIG_PATH),
        }),
      );
    return mkIf(() => cfg.enable, {
      assertions: () => [
        libCall(lib, "hm.assertions.assertPlatform", "services.kanshi", pkgs, libCall(lib, "platforms.linux")),
        {
          assertion: !legacy() || settings().length === 0,
          message: "Cannot mix kanshi.settings with kanshi.profiles or kanshi.extraConfig",
        },
        {
          assertion: !settings().some((d) => d.profile !== undefined && d.profile.outputs.some((o) => o.alias !== null)),
          message: "Output kanshi.*.output.alias can only be defined on global scope",
        },
      ],
      warnings: () => [
        ...(Object.keys(profiles()).length > 0 ? ["kanshi.profiles option is deprecated. Use kanshi.settings instead."] : []),
        ...(cfg.extraConfig !== "" ? ["kanshi.extraConfig option is deprecated. Use kanshi.settings instead."] : []),
      ],
      "home.packages": () => [cfg.package],
      [`xdg.configFile."${CONFIG_PATH}"`]: () => mkIf(text() !== "", { text: text() }),
      "systemd.user.services.kanshi": () => ({
        Unit: {
          Description: "Dynamic output configuration",
          Documentation: "man:kanshi(1)",
          ConditionEnvironment: "WAYLAND_DISPLAY",
          PartOf: cfg.systemdTarget,
          Requires: cfg.systemdTarget,
          After: cfg.systemdTarget,
          "X-Reload-Triggers": mkIf(settings().length > 0, [configSource()]),
        },
        Service: {
          Type: "simple",
          ExecStart: `${pkg()}/bin/kanshi`,
          ExecReload: `${pkg()}/bin/kanshictl reload`,
          Restart: "always",
        },
        Install: { WantedBy: [cfg.systemdTarget] },
      }),
    });
  },
});
