/**
 * `xsession.windowManager.i3`: the i3 X11 window manager, as Home Manager
 * configures it. Installs the i3 package, makes it the X session's window
 * manager (`xsession.windowManager.command`), writes `~/.config/i3/config`
 * from the `config` submodule (the options shared with sway plus i3's own
 * default key bindings and resize mode) followed by `extraConfig`, checks
 * that file with `i3 -C` when it is built, and asks every running i3 to
 * reload when it changes.
 */
import {
  defineModule,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOptionDefault,
  option,
  submoduleOf,
  t,
  type AttrsView,
} from "../../../../module-system/index.js";
import { callNix, libCall, nixToString, perEvaluation, type EvalArgs } from "../../../module-kit.js";
import { commonOptions } from "./options.js";
import {
  assignStr,
  barStr,
  floatingCriteriaStr,
  generalLines,
  gapsStr,
  keybindingsStr,
  keycodebindingsStr,
  modeStr,
  sortedEntries,
  splitDefaultWorkspace,
  windowCommandsStr,
  workspaceOutputStr,
} from "./functions.js";

const FILE = "modules/services/window-managers/i3-sway/i3.ts";
const PATH = "xsession.windowManager.i3";

type Rec<T> = Readonly<Record<string, T>>;

/** i3's default key bindings for a modifier, a terminal and a menu (arrow keys only; `h` splits). */
export function defaultI3Keybindings(c: { modifier: string; terminal: string; menu: string }): Record<string, string> {
  const m = c.modifier;
  const b: Record<string, string> = {
    [`${m}+Return`]: `exec ${c.terminal}`,
    [`${m}+Shift+q`]: "kill",
    [`${m}+d`]: `exec ${c.menu}`,
  };
  for (const dir of ["Left", "Down", "Up", "Right"]) {
    b[`${m}+${dir}`] = `focus ${dir.toLowerCase()}`;
    b[`${m}+Shift+${dir}`] = `move ${dir.toLowerCase()}`;
  }
  Object.assign(b, {
    [`${m}+h`]: "split h",
    [`${m}+v`]: "split v",
    [`${m}+f`]: "fullscreen toggle",
    [`${m}+s`]: "layout stacking",
    [`${m}+w`]: "layout tabbed",
    [`${m}+e`]: "layout toggle split",
    [`${m}+Shift+space`]: "floating toggle",
    [`${m}+space`]: "focus mode_toggle",
    [`${m}+a`]: "focus parent",
    [`${m}+Shift+minus`]: "move scratchpad",
    [`${m}+minus`]: "scratchpad show",
  });
  for (let i = 1; i <= 10; i++) {
    const key = String(i % 10);
    b[`${m}+${key}`] = `workspace number ${i}`;
    b[`${m}+Shift+${key}`] = `move container to workspace number ${i}`;
  }
  Object.assign(b, {
    [`${m}+Shift+c`]: "reload",
    [`${m}+Shift+r`]: "restart",
    [`${m}+Shift+e`]: "exec i3-nagbar -t warning -m 'Do you want to exit i3?' -b 'Yes' 'i3-msg exit'",
    [`${m}+r`]: "mode resize",
  });
  return b;
}

/** One `exec` line of the startup list (a deprecated workspace goes through `i3-msg`). */
function startupEntryStr(s: AttrsView): string {
  const workspace = s.workspace as string | null;
  const command = String(s.command);
  return [
    s.always === true ? "exec_always" : "exec",
    s.notification === true && workspace === null ? "" : "--no-startup-id",
    workspace === null ? command : `i3-msg 'workspace ${workspace}; exec ${command}'`,
  ].join(" ");
}

const yesNo = (b: unknown) => (b === true ? "yes" : "no");

/** The lines of the `config` submodule's part of the file. */
function configLines(c: AttrsView): string[] {
  const focus = c.focus as AttrsView;
  const window = c.window as AttrsView;
  const floating = c.floating as AttrsView;
  const [first, rest] = splitDefaultWorkspace(c.keybindings as Rec<string | null>, c.defaultWorkspace as string | null);
  const lines: string[] = [
    ...generalLines(c, yesNo(focus.followMouse), focus.mouseWarping === true ? "output" : "none"),
    keybindingsStr(first),
    keybindingsStr(rest),
    keycodebindingsStr(c.keycodebindings as Rec<string | null>),
  ];
  for (const [n, s] of sortedEntries(c.modes as Rec<Rec<string | null>>)) lines.push(modeStr(false, n, s));
  for (const [ws, crit] of sortedEntries(c.assigns as Rec<readonly Rec<string | boolean>[]>)) lines.push(assignStr(ws, crit));
  for (const b of c.bars as readonly AttrsView[]) lines.push(barStr("i3", b));
  if (c.gaps !== null) lines.push(gapsStr(c.gaps as AttrsView));
  for (const cr of floating.criteria as readonly Rec<string | boolean>[]) lines.push(floatingCriteriaStr(cr));
  for (const wc of window.commands as readonly AttrsView[]) lines.push(windowCommandsStr(wc));
  for (const s of c.startup as readonly AttrsView[]) lines.push(startupEntryStr(s));
  for (const w of c.workspaceOutputAssign as readonly AttrsView[]) lines.push(workspaceOutputStr(w));
  return lines;
}

/** Shell run on a change of the file: every live i3 IPC socket gets a `reload` (stale sockets refuse quietly). */
function reloadScript(i3: string): string {
  return (
    "# Old sessions can leave sockets behind; those refuse the connection, which is not an error here.\n" +
    "for i3Socket in ${XDG_RUNTIME_DIR:-/run/user/$UID}/i3/ipc-socket.*; do\n" +
    "  if [[ -S $i3Socket ]]; then\n" +
    `    ${i3}/bin/i3-msg -s $i3Socket reload >/dev/null |& grep -v "Connection refused" || true\n` +
    "  fi\n" +
    "done\n"
  );
}

/** Build script validating the configuration with `i3 -C` and then copying it to `$out`. */
function checkScript(configFile: string): string {
  return (
    "# Keep the i3 wrapper from starting a D-Bus session.\n" +
    "export DBUS_SESSION_BUS_ADDRESS=1\n" +
    "\n" +
    `i3 -c ${configFile} -C -d all || {\n` +
    '  echo "i3 rejected the generated configuration"\n' +
    `  echo "Run 'i3 -c ${configFile} -C -d all' for a detailed log"\n` +
    "  exit 1\n" +
    "};\n" +
    `cp ${configFile} $out\n`
  );
}

function makeI3(ea: EvalArgs) {
  const str = (p: string) => String(ea.get(`${PATH}.${p}`));
  const configModule = submoduleOf(
    {
      ...commonOptions({ moduleName: "i3", capitalModuleName: "I3", cfgPath: PATH }, ea, FILE),
      keybindings: option({
        type: t.attrsOf(t.nullOr(t.str)),
        default: () => {
          const d = defaultI3Keybindings({
            modifier: str("config.modifier"),
            terminal: str("config.terminal"),
            menu: str("config.menu"),
          });
          return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, mkOptionDefault(v)])) as never;
        },
        defaultText: "Default i3 keybindings.",
        description:
          "Actions bound to key symbols (`bindsym`, see the i3 user's guide); null removes a binding. Define them " +
          "with `lib.mkOptionDefault` to add to or change the default bindings rather than replace them all.",
      }),
      modes: option({
        type: t.attrsOf(t.attrsOf(t.str)),
        default: {
          resize: {
            Left: "resize shrink width 10 px or 10 ppt",
            Down: "resize grow height 10 px or 10 ppt",
            Up: "resize shrink height 10 px or 10 ppt",
            Right: "resize grow width 10 px or 10 ppt",
            Escape: "mode default",
            Return: "mode default",
          },
        },
        description: "Binding modes, each with its `bindsym` bindings (anything more elaborate goes in `extraConfig`).",
      }),
    },
    FILE,
  );

  return defineModule({
    file: FILE,
    path: PATH,
    options: {
      enable: mkEnableOption("i3 window manager"),
      package: option<AttrsView | null>({
        type: t.nullOr(t.package),
        default: ({ pkgs }) => pkgs.i3 as AttrsView,
        defaultText: "pkgs.i3",
        description: "The i3 package to install and start; null installs nothing.",
      }),
      config: option<AttrsView | null>({
        type: t.nullOr(configModule) as never,
        default: {} as never,
        description: "The settings written to i3's configuration file; null writes none of them.",
      }),
      extraConfig: option({ type: t.lines, default: "", description: "Lines appended to {file}`~/.config/i3/config`." }),
    },
    config: ({ cfg, pkgs, lib }) => {
      const i3 = () => nixToString(cfg.package);
      const text = () => [...(cfg.config !== null ? configLines(cfg.config) : []), cfg.extraConfig].join("\n");
      const source = () => {
        const configFile = nixToString(callNix(pkgs.writeText, "i3.conf", text()));
        return callNix(
          pkgs.runCommandLocal,
          "i3-config",
          { buildInputs: cfg.package !== null ? [cfg.package] : [] },
          checkScript(configFile),
        );
      };
      const warnings = () => {
        const c = cfg.config;
        if (c === null) return mkMerge([]);
        const w: string[] = [];
        if (Array.isArray(c.fonts)) w.push("Specifying i3.config.fonts as a list is deprecated. Use the attrset version instead.");
        for (const b of c.bars as readonly AttrsView[])
          if (Array.isArray(b.fonts)) w.push("Specifying i3.config.bars[].fonts as a list is deprecated. Use the attrset version instead.");
        if ((c.startup as readonly AttrsView[]).some((s) => s.workspace !== null))
          w.push(
            "'xsession.windowManager.i3.config.startup.*.workspace' is deprecated, " +
              "use 'xsession.windowManager.i3.config.assigns' instead." +
              "See https://github.com/nix-community/home-manager/issues/265.",
          );
        if ((c.focus as AttrsView).forceWrapping === true)
          w.push(
            "'xsession.windowManager.i3.config.focus.forceWrapping' is deprecated, use 'xsession.windowManager.i3.config.focus.wrapping' instead.",
          );
        return w;
      };
      return mkIf(() => cfg.enable, {
        assertions: () => [libCall(lib, "hm.assertions.assertPlatform", PATH, pkgs, libCall(lib, "platforms.linux"))],
        "home.packages": () => (cfg.package !== null ? [cfg.package] : []),
        "xsession.windowManager.command": () => `${i3()}/bin/i3`,
        'xdg.configFile."i3/config"': () => ({ source: source(), onChange: reloadScript(i3()) }),
        warnings,
      });
    },
  });
}

/** The module (made per evaluation: defaults of the shared options read this evaluation's configuration). */
export const i3Module = perEvaluation(FILE, (a) => [makeI3(a).value]);
