/**
 * The text of Hyprland's generated configuration files, for
 * `wayland.windowManager.hyprland`: `hyprland.conf` (hyprlang, made with
 * `lib.hm.generators.toHyprconf`) and `hyprland.lua` (Lua calls `hl.<name>(…)`
 * made with `lib.generators.toLua {}`), plus the Lua file naming of
 * `extraLuaFiles`. Settings are read as the Nix values they are (so floats
 * and `mkLuaInline` expressions keep their kind) and rendered through `lib`.
 */
import { callFunction } from "../../../../nix/ops.js";
import { force, NixAttrs, type Lazy, type Value } from "../../../../nix/values.js";
import { toNix, type AttrsView, type JsValue } from "../../../../module-system/index.js";
import { attrs, select } from "../../../../module-system/nix-values.js";
import { originOf } from "../../../../module-system/ts-view.js";
import { libCall, nixToString, textOfValue } from "../../../module-kit.js";

/** What the renderers read from the module's options. */
export interface HyprlandView {
  readonly systemd: { readonly enable: boolean; readonly variables: readonly string[]; readonly extraCommands: readonly string[] };
  readonly plugins: readonly JsValue[];
  readonly settings: JsValue;
  readonly submaps: Readonly<
    Record<string, { readonly onDispatch: string; readonly settings: Readonly<Record<string, readonly JsValue[]>> }>
  >;
  readonly extraConfig: string;
  readonly extraLuaFiles: Readonly<Record<string, { readonly content: JsValue; readonly autoLoad: boolean }>>;
  readonly sourceFirst: boolean;
  readonly importantPrefixes: readonly string[];
}

/** `foo/bar.lua` or `foo.bar` → the Lua module name `foo.bar`. */
export function luaModuleName(name: string): string {
  return (name.endsWith(".lua") ? name.slice(0, -4) : name).replace(/\//g, ".");
}

/** The file (below `hypr/`) that holds the Lua module `name`. */
export function luaFileName(name: string): string {
  return `${luaModuleName(name).replace(/\./g, "/")}.lua`;
}

/** The command that imports the session variables into systemd and D-Bus, then runs the extra commands. */
export function activationCommand(dbus: string, cfg: HyprlandView): string {
  const extra = cfg.systemd.extraCommands.map((c) => `&& ${c}`).join(" ");
  return `${dbus}/bin/dbus-update-activation-environment --systemd ${cfg.systemd.variables.join(" ")} ${extra}`;
}

const isPackage = (v: JsValue): v is AttrsView =>
  v !== null && typeof v === "object" && !Array.isArray(v) && (v as AttrsView).type === "derivation";

/** A plugin entry: a package's shared object, or the path given. */
export function pluginPath(entry: JsValue): string {
  return isPackage(entry) ? `${nixToString(entry)}/lib/lib${String(entry.pname)}.so` : nixToString(entry);
}

/** The Nix value behind a view (objects and arrays built in TypeScript are converted). */
const raw = (v: unknown): Lazy => originOf(v) ?? toNix(v);

const isAttrsView = (v: JsValue): v is AttrsView => v !== null && typeof v === "object" && !Array.isArray(v);

// ---------------------------------------------------------------------------
// hyprlang

/** The text of `hyprland.conf` (before `extraConfig` and with it). */
export function hyprlangText(lib: NixAttrs, cfg: HyprlandView, dbus: string): string {
  const important = [...cfg.importantPrefixes, ...(cfg.sourceFirst ? ["source"] : [])];
  const toHyprconf = (a: Record<string, unknown>) => String(libCall(lib, "hm.generators.toHyprconf", a));
  let s = "";
  if (cfg.systemd.enable)
    s += `exec-once = ${activationCommand(dbus, cfg)}\nexec-shutdown = systemctl --user stop hyprland-session.target\n`;
  if (cfg.plugins.length > 0)
    s += toHyprconf({
      attrs: { "exec-once": cfg.plugins.map((p) => `hyprctl plugin load ${pluginPath(p)}`) },
      importantPrefixes: important,
    });
  if (isAttrsView(cfg.settings) && Object.keys(cfg.settings).length > 0)
    s += toHyprconf({ attrs: raw(cfg.settings), importantPrefixes: important });
  const submaps = hyprlangSubmaps(cfg);
  s += Object.keys(submaps)
    .sort()
    .map((name) => {
      const sm = cfg.submaps[name]!;
      const head = `submap = ${name}${sm.onDispatch !== "" ? `, ${sm.onDispatch}` : ""}\n`;
      return `${head}${toHyprconf({ attrs: submaps[name], indentLevel: 0 })}submap = reset\n`;
    })
    .join("\n");
  return s + cfg.extraConfig;
}

/** Per submap, its string entries only (lists left empty dropped); submaps with none are left out. */
export function hyprlangSubmaps(cfg: HyprlandView): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const [name, sm] of Object.entries(cfg.submaps)) {
    const kept: Record<string, string[]> = {};
    for (const [k, values] of Object.entries(sm.settings)) {
      const strs = values.filter((v): v is string => typeof v === "string");
      if (strs.length > 0) kept[k] = strs;
    }
    if (Object.keys(kept).length > 0) out[name] = kept;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Lua

/** `-- name` then the text, or nothing when the text is empty. */
const section = (name: string, text: string) => (text === "" ? "" : `-- ${name}\n${text}\n`);

class LuaRenderer {
  private readonly toLuaFn: Value;

  constructor(lib: NixAttrs) {
    this.toLuaFn = callFunction(force(select(select(lib, "generators"), "toLua")), attrs({}));
  }

  lua(v: Lazy): string {
    const r = force(callFunction(this.toLuaFn, v));
    return textOfValue(r) ?? String(r);
  }

  /** The arguments of a call: the elements of `_args`, or the value itself. */
  args(v: Lazy): string {
    const x = force(v);
    if (x instanceof NixAttrs && x.has("_args")) {
      const list = force(x.get("_args")!) as Lazy[];
      return list.map((e) => this.lua(e)).join(", ");
    }
    return this.lua(v);
  }
}

/** Is this setting a Lua local (`{ _var = …; }`)? */
function isLocal(v: Lazy): boolean {
  const x = force(v);
  return x instanceof NixAttrs && x.has("_var");
}

/** The text of `hyprland.lua`. */
export function luaText(lib: NixAttrs, cfg: HyprlandView, dbus: string, xdgConfigHome: string): string {
  const r = new LuaRenderer(lib);
  let out = "-- Generated by Home Manager.\n-- See https://wiki.hypr.land/Configuring/Start/\n\n";
  out += section("plugins", cfg.plugins.map((p) => `hl.plugin.load(${r.lua(pluginPath(p))})\n`).join(""));

  const autoload = Object.keys(cfg.extraLuaFiles)
    .filter((n) => cfg.extraLuaFiles[n]!.autoLoad)
    .sort();
  if (autoload.length > 0)
    out += section(
      "extraLuaFiles",
      `local hm_xdg_config_home = os.getenv("XDG_CONFIG_HOME") or ${r.lua(xdgConfigHome)}\n` +
        `package.path = hm_xdg_config_home .. "/hypr/?.lua;" .. hm_xdg_config_home .. "/hypr/?/init.lua;" .. package.path\n` +
        autoload.map((n) => `require(${r.lua(luaModuleName(n))})`).join("\n"),
    );

  const settings = force(raw(cfg.settings));
  if (settings instanceof NixAttrs) {
    const names = settings.sortedNames();
    const locals = names.filter((n) => isLocal(settings.get(n)!));
    const calls = names.filter((n) => !locals.includes(n));
    const important: string[] = [];
    for (const p of cfg.importantPrefixes) for (const n of calls) if (n.startsWith(p) && !important.includes(n)) important.push(n);
    const ordered = [...important, ...calls.filter((n) => !important.includes(n))];
    if (locals.length > 0)
      out += section(
        "settings.locals",
        locals
          .map((n) => {
            const v = force(settings.get(n)!) as NixAttrs;
            const local = v.has("name") ? String(force(v.get("name")!)) : n;
            return `local ${local} = ${r.args(v.get("_var")!)}\n`;
          })
          .join(""),
      );
    for (const n of ordered) {
      const v = settings.get(n)!;
      const x = force(v);
      const items = Array.isArray(x) ? (x as Lazy[]) : [v];
      out += section(`settings.${n}`, items.map((e) => `hl.${n}(${r.args(e)})\n`).join(""));
    }
  }

  out += luaSubmapsText(r, cfg);
  if (cfg.systemd.enable) {
    out += section("startup", `hl.on("hyprland.start", function()\n  hl.exec_cmd(${r.lua(activationCommand(dbus, cfg))})\nend)\n`);
    out += section(
      "shutdown",
      'hl.on("hyprland.shutdown", function()\n  os.execute("systemctl --user stop hyprland-session.target && sleep 0.1")\nend)\n',
    );
  }
  return out + section("extraConfig", cfg.extraConfig);
}

/** The names of the submaps that have entries for Lua (anything but strings). */
export function luaSubmapNames(cfg: HyprlandView): string[] {
  return Object.keys(cfg.submaps)
    .filter((n) => Object.values(cfg.submaps[n]!.settings).some((vs) => vs.some((v) => typeof v !== "string")))
    .sort();
}

function luaSubmapsText(r: LuaRenderer, cfg: HyprlandView): string {
  let out = "";
  for (const name of luaSubmapNames(cfg)) {
    const sm = cfg.submaps[name]!;
    let body = `hl.define_submap(${r.lua(name)}`;
    if (sm.onDispatch !== "") body += `, ${r.lua(sm.onDispatch)}`;
    body += ", function()\n";
    for (const k of Object.keys(sm.settings).sort())
      for (const v of sm.settings[k]!) if (typeof v !== "string") body += `  hl.${k}(${r.args(raw(v)).replace(/\n/g, "\n  ")})\n`;
    out += section(`submaps.${name}`, body + "end)\n");
  }
  return out;
}
