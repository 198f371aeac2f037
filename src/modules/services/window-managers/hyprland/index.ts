/**
 * `wayland.windowManager.hyprland`: the Hyprland Wayland compositor as Home
 * Manager configures it. Installs the package (rebuilt with or without
 * XWayland) and writes `hypr/hyprland.conf` (hyprlang) or `hypr/hyprland.lua`
 * (Lua, the default from state version 26.05) from `settings`, `plugins`,
 * `submaps` and `extraConfig`, with a `hyprland-session.target` started on
 * login after the session variables are imported into systemd and D-Bus. Lua
 * setups may add more Lua modules (`extraLuaFiles`); the portal (XDPH) gets
 * `hypr/xdph.conf` from `xdph.settings`. Text rendering lives in render.ts.
 */
import { callFunction } from "../../../../nix/ops.js";
import { force, type Lazy } from "../../../../nix/values.js";
import {
  defineModule,
  mkDefault,
  mkIf,
  mkMerge,
  mkPackageOption,
  option,
  t,
  toJs,
  toNix,
  TsType,
  wrapType,
  type AttrsView,
  type JsValue,
  type ModuleSystem,
} from "../../../../module-system/index.js";
import { attrs, lazy, prim, select } from "../../../../module-system/nix-values.js";
import { originOf } from "../../../../module-system/ts-view.js";
import { libCall, nixToString, ty } from "../../../module-kit.js";
import { hyprlangSubmaps, hyprlangText, luaFileName, luaSubmapNames, luaText, type HyprlandView } from "./render.js";

const FILE = "modules/services/window-managers/hyprland/index.ts";
const OPT = "wayland.windowManager.hyprland";

/** The recursive Nix types of the module, built once per module system (a recursive type needs Nix's laziness). */
const TYPES_NIX = `lib:
let
  t = lib.types;
  value = t.nullOr (t.oneOf [ t.bool t.int t.float t.str t.path (t.attrsOf value) (t.listOf value) ])
    // { description = "Hyprland configuration value"; };
in {
  inherit value;
  binds = t.attrsOf (t.listOf value) // { description = "Hyprland binds"; };
  cursorMode = t.nullOr (t.enum [ 0 1 2 ]);
}`;
const typeCache = new WeakMap<ModuleSystem, Lazy>();
function nixType<T>(name: string): TsType<T> {
  return new TsType<T>((ms) => {
    let set = typeCache.get(ms);
    if (set === undefined) {
      set = callFunction(ms.st.evalString(TYPES_NIX, "«hyprland types»"), ms.lib());
      typeCache.set(ms, set);
    }
    return wrapType(ms, select(set, name));
  });
}
const settingValue = nixType<JsValue>("value");
const freeform = t.attrsOf(settingValue);

const xdphGeneral = defineModule({
  file: FILE,
  options: {
    toplevel_dynamic_bind: option({
      type: t.nullOr(t.bool),
      default: null,
      description: "Whether the foreign toplevel manager is bound only when a screencast session starts.",
    }),
  },
});

const xdphScreencopy = defineModule({
  file: FILE,
  options: {
    max_fps: option({
      type: t.nullOr(ty.unsigned),
      default: null,
      description: "The highest frame rate of screencasts; 0 means no limit.",
    }),
    allow_token_by_default: option({
      type: t.nullOr(t.bool),
      default: null,
      description: "Whether the share picker offers restore tokens by default.",
    }),
    custom_picker_binary: option({
      type: t.nullOr(t.str),
      default: null,
      description: "A share picker command to run instead of `hyprland-share-picker` (with the same output).",
    }),
    force_shm: option({
      type: t.nullOr(t.bool),
      default: null,
      description: "Whether screencasts always go through shared memory rather than DMA-BUF.",
    }),
    cursor_mode: option({
      type: nixType<number | null>("cursorMode"),
      default: null,
      description: "The cursor mode for clients that ask for none: 0 the protocol's default, 1 hidden, 2 drawn into the stream.",
    }),
  },
});

const xdphSettings = defineModule({
  file: FILE,
  options: {
    general: option({
      type: ty.submodule<AttrsView>(xdphGeneral, freeform),
      default: {},
      description: "XDPH's `general` section.",
    }),
    screencopy: option({
      type: ty.submodule<AttrsView>(xdphScreencopy, freeform),
      default: {},
      description: "XDPH's `screencopy` section (screencasting).",
    }),
  },
});

const submapModule = defineModule({
  file: FILE,
  options: {
    onDispatch: option({
      type: t.str,
      default: "",
      example: "reset",
      description: "The submap to switch to after any dispatch (`reset` leaves the submap); empty to stay.",
    }),
    settings: option({
      type: nixType<Readonly<Record<string, readonly JsValue[]>>>("binds"),
      default: {},
      description:
        "The binds of the submap, one list per bind keyword. Strings are hyprlang binds (used with " +
        '`configType = "hyprlang"`); sets are Lua call arguments (used with `configType = "lua"`).',
    }),
  },
});

/** Call a Nix function (or functor) seen as a view, as Nix would. */
const callNix = (f: JsValue | undefined, arg: unknown): JsValue => toJs(callFunction(force(toNix(f)), toNix(arg)));

/** A Nix value computed only when the module system forces it. */
const defer = (f: () => unknown): Lazy => lazy(() => force(toNix(f())));

const luaFileModule = defineModule({
  file: FILE,
  options: {
    content: option({
      type: t.either(t.path, t.lines),
      description: "The Lua code of the file, as text or as a path to a file.",
    }),
    autoLoad: option({
      type: t.bool,
      default: true,
      description: "Whether `hyprland.lua` loads this module with `require`.",
    }),
  },
});

/** A Lua file: `{ content; autoLoad; }`, or its content alone (coerced in Nix, so paths stay paths). */
const luaFileType = new TsType<Readonly<Record<string, { content: JsValue; autoLoad: boolean }>>[string]>((ms) =>
  ms.types.coercedTo(
    t.either(t.path, t.lines).build(ms),
    prim("hyprland.extraLuaFiles.coerce", 1, ([c]) => attrs({ content: c!, autoLoad: true })),
    ty.submodule<{ content: JsValue; autoLoad: boolean }>(luaFileModule).build(ms),
  ),
);

type Cfg = HyprlandView & {
  enable: boolean;
  package: AttrsView | null;
  portalPackage: AttrsView | null;
  finalPackage: AttrsView | null;
  finalPortalPackage: AttrsView | null;
  configType: "hyprlang" | "lua";
  xwayland: { enable: boolean };
  systemd: { enableXdgAutostart: boolean };
  xdph: { settings: AttrsView };
};

const cfgOf = (a: { arg(n: string): JsValue }): Cfg =>
  (((a.arg("config") as AttrsView).wayland as AttrsView).windowManager as AttrsView).hyprland as unknown as Cfg;

const isEmptyAttrs = (v: JsValue) => v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0;

export const hyprlandModule = defineModule({
  file: FILE,
  path: OPT,
  options: {
    enable: option({
      type: t.bool,
      default: false,
      description:
        "Whether to configure Hyprland, a tiling Wayland compositor, and put it on the `PATH`. System-wide " +
        "parts (such as a session entry for the display manager) come from NixOS' `programs.hyprland.enable`.",
    }),
    package: mkPackageOption("hyprland", {
      nullable: true,
      extraDescription: "Use null when Hyprland is installed by the NixOS module.",
    }),
    portalPackage: mkPackageOption("xdg-desktop-portal-hyprland", { nullable: true }),
    finalPackage: option({
      type: t.nullOr(t.package),
      readOnly: true,
      default: (a) => {
        const c = cfgOf(a);
        return c.package === null ? null : callNix(c.package.override, { enableXWayland: c.xwayland.enable });
      },
      defaultText: "`wayland.windowManager.hyprland.package` with applied configuration",
      description: "The Hyprland package as installed: `package` built with the XWayland setting.",
    }),
    finalPortalPackage: option({
      type: t.nullOr(t.package),
      readOnly: true,
      default: (a) => {
        const c = cfgOf(a);
        if (c.portalPackage === null) return null;
        if (c.finalPackage === null) return c.portalPackage;
        return callNix(c.portalPackage.override, { hyprland: c.finalPackage });
      },
      defaultText: "`wayland.windowManager.hyprland.portalPackage` with `wayland.windowManager.hyprland.finalPackage` override",
      description: "The portal package as installed, built against `finalPackage`.",
    }),
    xdph: {
      settings: option({
        type: ty.submodule<AttrsView>(xdphSettings, freeform),
        default: {},
        example: {
          general: { toplevel_dynamic_bind: true },
          screencopy: { max_fps: 60, allow_token_by_default: true, cursor_mode: 2 },
        },
        description:
          "Settings of xdg-desktop-portal-hyprland, written to `$XDG_CONFIG_HOME/hypr/xdph.conf` (also when " +
          "`portalPackage` is null, for portals installed by NixOS). Null values and empty sections are left out.",
      }),
    },
    plugins: option({
      type: t.listOf(t.either(t.package, t.path)),
      default: [],
      description: "Hyprland plugins to load at startup: packages, or absolute paths of plugin libraries.",
    }),
    configType: option({
      type: t.enum(["hyprlang", "lua"]),
      default: (a) => {
        const lib = a.arg("lib");
        const home = (a.arg("config") as AttrsView).home as AttrsView;
        const d = libCall(originOf(lib)!, "hm.deprecations.mkStateVersionOptionDefault", {
          stateVersion: home.stateVersion,
          since: "26.05",
          optionPath: ["wayland", "windowManager", "hyprland", "configType"],
          legacy: { value: "hyprlang" },
          current: { value: "lua" },
        }) as AttrsView;
        return d.default;
      },
      defaultText: 'if lib.versionAtLeast config.home.stateVersion "26.05" then "lua" else "hyprlang"',
      description:
        "Which configuration Hyprland gets: `hyprlang` writes `$XDG_CONFIG_HOME/hypr/hyprland.conf`, " +
        "`lua` writes `$XDG_CONFIG_HOME/hypr/hyprland.lua`.",
    }),
    systemd: {
      enable: option({
        type: t.bool,
        default: true,
        example: true,
        description:
          "Whether Hyprland starts `hyprland-session.target` (bound to `graphical-session.target`) once it is up, " +
          "after importing `systemd.variables` into the systemd and D-Bus user environments.",
      }),
      variables: option({
        type: t.listOf(t.str),
        default: ["DISPLAY", "HYPRLAND_INSTANCE_SIGNATURE", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "XDG_SESSION_TYPE"],
        example: ["--all"],
        description: "The environment variables passed to the systemd and D-Bus user environments.",
      }),
      extraCommands: option({
        type: t.listOf(t.str),
        default: ["systemctl --user stop hyprland-session.target", "systemctl --user start hyprland-session.target"],
        description: "Commands run, in order, after the variables are imported.",
      }),
      enableXdgAutostart: option({
        type: t.bool,
        default: false,
        example: true,
        description: "Whether the session also starts XDG autostart entries, through systemd-xdg-autostart-generator(8).",
      }),
    },
    xwayland: {
      enable: option({
        type: t.bool,
        default: true,
        example: true,
        description:
          "Whether Hyprland is built with XWayland (the package's `enableXWayland`). Recent Hyprland can turn " +
          "XWayland off at run time with `settings.xwayland` instead, without a rebuild.",
      }),
    },
    settings: option({
      type: settingValue,
      default: {},
      description:
        "Hyprland's configuration as Nix values; repeated keys are lists. With hyprlang, sets become sections; " +
        "with Lua, each attribute becomes `hl.<name>(…)` calls (one per list element), `_args` lists give several " +
        "arguments, `_var` makes a Lua local, and `lib.generators.mkLuaInline` values are written as Lua code. " +
        "Plugins belong in `plugins`.",
    }),
    submaps: option({
      type: t.attrsOf(ty.submodule<{ onDispatch: string; settings: Readonly<Record<string, readonly JsValue[]>> }>(submapModule)),
      default: {},
      example: { move_focus: { settings: { bind: [", h, movefocus, l", ", escape, submap, reset"] } } },
      description: "Named submaps (groups of binds active while the submap is). `reset` is not a valid name.",
    }),
    extraConfig: option({
      type: t.lines,
      default: "",
      description: "Text added at the end of the generated configuration file.",
    }),
    extraLuaFiles: option({
      type: t.attrsOf(luaFileType),
      default: {},
      description:
        "More Lua modules under `$XDG_CONFIG_HOME/hypr`, by module name (`lib.helpers` is `hypr/lib/helpers.lua`; a " +
        "`.lua` suffix is optional). Modules with `autoLoad` are required from `hyprland.lua`. Only used with " +
        '`configType = "lua"`.',
    }),
    sourceFirst: option({
      type: t.bool,
      default: true,
      example: true,
      description: "Whether `source` entries come first in the configuration.",
    }),
    importantPrefixes: option({
      type: t.listOf(t.str),
      default: ["$", "bezier", "curve", "name", "output"],
      example: ["$", "bezier"],
      description: "Setting names starting with one of these come first in the configuration.",
    }),
  },
  config: ({ cfg: cfg0, config, pkgs, lib }) => {
    const cfg = cfg0 as unknown as Cfg;
    const dbus = () => nixToString(pkgs.dbus!);
    const hasSettings = () => !isEmptyAttrs(cfg.settings);
    const reload = () => {
      const hyprctl = `${nixToString(cfg.finalPackage)}/bin/hyprctl`;
      return (
        "(\n" +
        "  XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/run/user/$(id -u)}\n" +
        '  if [[ -d "/tmp/hypr" || -d "$XDG_RUNTIME_DIR/hypr" ]]; then\n' +
        `    for i in $(${hyprctl} instances -j | jq ".[].instance" -r); do\n` +
        `      ${hyprctl} -i "$i" reload config-only\n` +
        "    done\n" +
        "  fi\n" +
        ")\n"
      );
    };
    const onChange = () => mkIf(cfg.package !== null, reload());
    const luaNames = () => Object.keys(cfg.extraLuaFiles).map(luaFileName);
    const rawLuaContent = (name: string): Lazy => select(select(originOf(cfg.extraLuaFiles)!, name), "content");

    const hyprlangFile = () =>
      mkIf(
        cfg.systemd.enable ||
          cfg.extraConfig !== "" ||
          hasSettings() ||
          cfg.plugins.length > 0 ||
          Object.keys(hyprlangSubmaps(cfg)).length > 0,
        { text: defer(() => hyprlangText(lib, cfg, dbus())), onChange: defer(onChange) },
      );
    const luaFile = () =>
      mkIf(
        cfg.systemd.enable ||
          cfg.extraConfig !== "" ||
          Object.keys(cfg.extraLuaFiles).length > 0 ||
          hasSettings() ||
          cfg.plugins.length > 0 ||
          luaSubmapNames(cfg).length > 0,
        { text: defer(() => luaText(lib, cfg, dbus(), config.str("xdg.configHome"))), onChange: defer(onChange) },
      );
    const luaFiles = () => {
      const out: Record<string, unknown> = {};
      for (const name of Object.keys(cfg.extraLuaFiles)) {
        const content = rawLuaContent(name);
        const isPath = libCall(lib, "isPath", content) === true || libCall(lib, "isStorePath", content) === true;
        out[`hypr/${luaFileName(name)}`] = isPath ? { source: content } : { text: cfg.extraLuaFiles[name]!.content };
      }
      return out;
    };
    const xdphFile = () => {
      const keep = (_n: JsValue) => (v: JsValue) => v !== null && !isEmptyAttrs(v);
      const cleaned = libCall(lib, "converge", libCall(lib, "filterAttrsRecursive", keep), cfg.xdph.settings);
      return isEmptyAttrs(cleaned) ? {} : { "hypr/xdph.conf": { text: libCall(lib, "hm.generators.toHyprconf", { attrs: cleaned }) } };
    };

    return mkIf(() => cfg.enable, {
      assertions: () => [
        libCall(lib, "hm.assertions.assertPlatform", OPT, pkgs, libCall(lib, "platforms.linux")),
        {
          assertion: !("reset" in cfg.submaps),
          message:
            "Submaps can't be named 'reset'. The name 'reset' is reserved in order to have a way to switch to the default submap; as if 'reset' was its name.",
        },
        {
          assertion: !luaNames().includes("hyprland.lua"),
          message: `${OPT}.extraLuaFiles cannot define hyprland.lua because it is generated by the Hyprland module.`,
        },
        {
          assertion: new Set(luaNames()).size === luaNames().length,
          message: `${OPT}.extraLuaFiles contains entries that resolve to the same Lua file path.`,
        },
      ],
      warnings: () => {
        const out: string[] = [];
        for (const name of Object.keys(cfg.submaps).sort()) {
          const nonBinds = Object.keys(cfg.submaps[name]!.settings).filter((k) => !/^bind[a-z]*$/.test(k));
          if (nonBinds.length > 0)
            out.push(
              `${OPT}.submaps."${name}".settings: found non-bind entries: [${nonBinds.join(" ")}], which will have no effect in a submap\n`,
            );
        }
        const inconsistent =
          (cfg.systemd.enable || cfg.plugins.length > 0) &&
          cfg.extraConfig === "" &&
          Object.keys(cfg.extraLuaFiles).length === 0 &&
          !hasSettings() &&
          Object.keys(cfg.submaps).length === 0;
        if (inconsistent)
          out.push(
            "You have enabled hyprland.systemd.enable or listed plugins in hyprland.plugins but do not have any configuration in hyprland.settings, hyprland.extraConfig, hyprland.extraLuaFiles or hyprland.submaps. This is almost certainly a mistake.",
          );
        return out;
      },
      "home.packages": () => mkIf(cfg.package !== null, [cfg.finalPackage, ...(cfg.xwayland.enable ? [pkgs.xwayland] : [])]),
      "xdg.configFile": () =>
        mkMerge([
          {
            "hypr/.luarc.json": mkIf(
              () => cfg.configType === "lua" && cfg.finalPackage !== null,
              defer(() => ({
                text: JSON.stringify({
                  diagnostics: { globals: ["hl"] },
                  workspace: { library: [`${nixToString(cfg.finalPackage)}/share/hypr/stubs`] },
                }),
              })),
            ),
          },
          { "hypr/hyprland.conf": mkIf(() => cfg.configType === "hyprlang", defer(hyprlangFile)) },
          { "hypr/hyprland.lua": mkIf(() => cfg.configType === "lua", defer(luaFile)) },
          mkIf(() => cfg.configType === "lua", defer(luaFiles)),
          defer(xdphFile),
        ]),
      "xdg.portal": () => ({
        enable: cfg.finalPortalPackage !== null,
        extraPortals: mkIf(cfg.finalPortalPackage !== null, [cfg.finalPortalPackage]),
        configPackages: mkIf(cfg.finalPackage !== null, mkDefault([cfg.finalPackage])),
      }),
      "systemd.user.targets.hyprland-session": () =>
        mkIf(cfg.systemd.enable, {
          Unit: {
            Description: "Hyprland compositor session",
            Documentation: ["man:systemd.special(7)"],
            BindsTo: ["graphical-session.target"],
            Wants: ["graphical-session-pre.target", ...(cfg.systemd.enableXdgAutostart ? ["xdg-desktop-autostart.target"] : [])],
            After: ["graphical-session-pre.target"],
            ...(cfg.systemd.enableXdgAutostart ? { Before: ["xdg-desktop-autostart.target"] } : {}),
            PropagatesStopTo: ["graphical-session.target"],
          },
        }),
    });
  },
});
