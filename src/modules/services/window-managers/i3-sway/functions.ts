/**
 * Text of the i3/sway configuration file shared by both window managers
 * (Home Manager's i3-sway `lib/functions.nix`): criteria, key and key-code
 * bindings, modes, assigns, fonts, bar blocks, gaps, borders, `for_window`
 * lines and workspace-to-output lines. Attribute sets are written in Nix's
 * order (sorted names), as Home Manager's `mapAttrsToList` does.
 */
import type { AttrsView, JsValue } from "../../../../module-system/index.js";

type Rec<T> = Readonly<Record<string, T>>;

/** Entries sorted by name (Nix attribute order). */
export function sortedEntries<T>(o: Rec<T>): [string, T][] {
  return Object.keys(o)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => [k, o[k]!]);
}

const yesNo = (b: boolean) => (b ? "yes" : "no");

/** Nix's `toString` of a number (floats as `%f`). */
export function numStr(v: JsValue, isFloat = false): string {
  if (typeof v === "number") return isFloat || !Number.isInteger(v) ? v.toFixed(6) : String(v);
  return String(v);
}

/** `[class="x" floating]`. */
export function criteriaStr(criteria: Rec<string | boolean>): string {
  const parts = sortedEntries(criteria).map(([k, v]) => (typeof v === "boolean" ? (v ? k : "") : `${k}="${v}"`));
  return `[${parts.join(" ")}]`;
}

/** Bindings whose action is the default workspace (shown first), and the rest. */
export function splitDefaultWorkspace(
  keybindings: Rec<string | null>,
  defaultWorkspace: string | null,
): [Rec<string | null>, Rec<string | null>] {
  const first: Record<string, string | null> = {};
  const rest: Record<string, string | null> = {};
  for (const [k, v] of sortedEntries(keybindings)) {
    if (defaultWorkspace !== null && v === defaultWorkspace) first[k] = v;
    else rest[k] = v;
  }
  return [first, rest];
}

export function keybindingsStr(keybindings: Rec<string | null>, bindsymArgs = "", indent = ""): string {
  return sortedEntries(keybindings)
    .map(([k, a]) => (a === null ? "" : `${indent}bindsym ${bindsymArgs !== "" ? `${bindsymArgs} ` : ""}${k} ${a}`))
    .join("\n");
}

export function keycodebindingsStr(bindings: Rec<string | null>): string {
  return sortedEntries(bindings)
    .map(([k, a]) => (a === null ? "" : `bindcode ${k} ${a}`))
    .join("\n");
}

export const colorSetStr = (c: AttrsView) => [c.border, c.background, c.text, c.indicator, c.childBorder].map(String).join(" ");
export const barColorSetStr = (c: AttrsView) => [c.border, c.background, c.text].map(String).join(" ");

export function modeStr(bindkeysToCode: boolean, name: string, keybindings: Rec<string | null>): string {
  return `mode "${name}" {\n${keybindingsStr(keybindings, bindkeysToCode ? "--to-code" : "", "  ")}\n}\n`;
}

export function assignStr(workspace: string, criteria: readonly Rec<string | boolean>[]): string {
  return criteria.map((c) => `assign ${criteriaStr(c)} ${workspace}`).join("\n");
}

/** The `font pango:…` line of a font setting (a list of names, or names/style/size). */
export function fontConfigStr(fonts: JsValue): string {
  let names: readonly string[];
  let style = "";
  let size = "";
  if (Array.isArray(fonts)) names = fonts as readonly string[];
  else {
    const f = fonts as AttrsView;
    names = f.names as readonly string[];
    style = String(f.style);
    size = numStr(f.size!, true);
  }
  if (names.length === 0) throw new Error("fonts: an empty list of names cannot be written");
  return ["font", `pango:${names.join(", ")}`, style, size].filter((x) => x !== "").join(" ");
}

/** Prefix every line but the wrapper lines (first and last) with `2·level` spaces. */
export function indent(list: readonly string[], includesWrapper = true, level = 1): string[] {
  const prefix = " ".repeat(level * 2);
  return list.map((v, i) => (includesWrapper && (i === 0 || i === list.length - 1) ? v : `${prefix}${v}`));
}

/** A `bar { … }` block. */
export function barStr(moduleName: string, b: AttrsView): string {
  const c = b.colors as AttrsView;
  const opt = (v: JsValue | undefined, f: () => string) => (v !== null && v !== undefined ? f() : "");
  const colorsNotNull = Object.values(c).some((v) => v !== null);
  const colorLines = [
    "colors {",
    opt(c.background, () => `background ${String(c.background)}`),
    opt(c.statusline, () => `statusline ${String(c.statusline)}`),
    opt(c.separator, () => `separator ${String(c.separator)}`),
    opt(c.focusedBackground, () => `focused_background ${String(c.focusedBackground)}`),
    opt(c.focusedStatusline, () => `focused_statusline ${String(c.focusedStatusline)}`),
    opt(c.focusedSeparator, () => `focused_separator ${String(c.focusedSeparator)}`),
    opt(c.focusedWorkspace, () => `focused_workspace ${barColorSetStr(c.focusedWorkspace as AttrsView)}`),
    opt(c.activeWorkspace, () => `active_workspace ${barColorSetStr(c.activeWorkspace as AttrsView)}`),
    opt(c.inactiveWorkspace, () => `inactive_workspace ${barColorSetStr(c.inactiveWorkspace as AttrsView)}`),
    opt(c.urgentWorkspace, () => `urgent_workspace ${barColorSetStr(c.urgentWorkspace as AttrsView)}`),
    opt(c.bindingMode, () => `binding_mode ${barColorSetStr(c.bindingMode as AttrsView)}`),
    "}",
  ].filter((x) => x !== "");
  const lines = [
    "bar {",
    opt(b.id, () => `id ${String(b.id)}`),
    fontConfigStr(b.fonts!),
    opt(b.mode, () => `mode ${String(b.mode)}`),
    opt(b.hiddenState, () => `hidden_state ${String(b.hiddenState)}`),
    opt(b.position, () => `position ${String(b.position)}`),
    opt(b.statusCommand, () => `status_command ${String(b.statusCommand)}`),
    `${moduleName}bar_command ${String(b.command)}`,
    opt(b.workspaceButtons, () => `workspace_buttons ${yesNo(b.workspaceButtons === true)}`),
    opt(b.workspaceNumbers, () => `strip_workspace_numbers ${yesNo(b.workspaceNumbers !== true)}`),
    opt(b.trayOutput, () => `tray_output ${String(b.trayOutput)}`),
    opt(b.trayPadding, () => `tray_padding ${numStr(b.trayPadding!)}`),
    ...(colorsNotNull ? indent(colorLines) : []),
    String(b.extraConfig),
    "}",
  ].filter((x) => x !== "");
  return indent(lines)
    .map((x) => `${x}\n`)
    .join("");
}

/** The `gaps …` and `smart_*` lines. */
export function gapsStr(g: AttrsView): string {
  const lines: string[] = [];
  for (const side of ["inner", "outer", "horizontal", "vertical", "top", "bottom", "left", "right"]) {
    const v = g[side];
    if (v !== null && v !== undefined) lines.push(`gaps ${side} ${numStr(v)}`);
  }
  if (g.smartGaps !== "off") lines.push(`smart_gaps ${String(g.smartGaps)}`);
  if (g.smartBorders !== "off") lines.push(`smart_borders ${String(g.smartBorders)}`);
  return lines.join("\n");
}

export function windowBorderString(window: AttrsView, floating: AttrsView): string {
  const tb = (w: AttrsView) => `${w.titlebar === true ? "normal" : "pixel"} ${numStr(w.border!)}`;
  return `default_border ${tb(window)}\ndefault_floating_border ${tb(floating)}`;
}

export const floatingCriteriaStr = (criteria: Rec<string | boolean>) => `for_window ${criteriaStr(criteria)} floating enable`;

export const windowCommandsStr = (c: AttrsView) => `for_window ${criteriaStr(c.criteria as Rec<string | boolean>)} ${String(c.command)}`;

/** `lib.strings.escapeNixString`: the string as JSON, with `$` escaped too. */
export function escapeNixString(s: string): string {
  return JSON.stringify(s).replace(/\$/g, "\\$");
}

export function workspaceOutputStr(item: AttrsView): string {
  const outputs = (item.output as readonly string[]).map(escapeNixString).join(" ");
  return `workspace "${String(item.workspace)}" output ${outputs}`;
}

/**
 * The lines i3 and sway both start the `config` part of the file with: font,
 * floating modifier, borders, focus, workspace layout and client colours.
 * `followMouse` and `mouseWarping` are given rendered, as the two differ there.
 */
export function generalLines(c: AttrsView, followMouse: string, mouseWarping: string): string[] {
  const focus = c.focus as AttrsView;
  const window = c.window as AttrsView;
  const floating = c.floating as AttrsView;
  const colors = c.colors as AttrsView;
  return [
    fontConfigStr(c.fonts!),
    `floating_modifier ${String(floating.modifier)}`,
    windowBorderString(window, floating),
    `hide_edge_borders ${String(window.hideEdgeBorders)}`,
    `focus_wrapping ${String(focus.wrapping)}`,
    `focus_follows_mouse ${followMouse}`,
    `focus_on_window_activation ${String(focus.newWindow)}`,
    `mouse_warping ${mouseWarping}`,
    `workspace_layout ${String(c.workspaceLayout)}`,
    `workspace_auto_back_and_forth ${c.workspaceAutoBackAndForth === true ? "yes" : "no"}`,
    `client.focused ${colorSetStr(colors.focused as AttrsView)}`,
    `client.focused_inactive ${colorSetStr(colors.focusedInactive as AttrsView)}`,
    `client.unfocused ${colorSetStr(colors.unfocused as AttrsView)}`,
    `client.urgent ${colorSetStr(colors.urgent as AttrsView)}`,
    `client.placeholder ${colorSetStr(colors.placeholder as AttrsView)}`,
    `client.background ${String(colors.background)}`,
  ];
}
