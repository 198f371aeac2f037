/**
 * `services.emacs` golden cases, mirroring Home Manager's
 * `tests/modules/services/emacs/linux`: `emacs-service-28` (the service and
 * the client desktop entry), `emacs-socket-27` (socket activation with the
 * pre-28 socket directory workaround), the graphical-session variant and
 * `defaultEditor`. The Emacs is a `writeShellScriptBin` named like Home
 * Manager's dummies, so its version is read from its name.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { test } from "node:test";
import { Case, targets, textAt } from "./harness.js";

function emacsCase(version: string, body: string): { g: ReturnType<Case["gen"]>; emacs: string; shell: string; c: Case } {
  const c = new Case();
  const g = c.gen(`
  services.emacs.package = pkgs.writeShellScriptBin "dummy-emacs-${version}" "";
  home.file."stub/emacs".text = "\${config.services.emacs.package}";
  home.file."stub/shell".text = pkgs.runtimeShell;
  home.file."stub/coreutils".text = "\${pkgs.coreutils}";
${body}`);
  return { g, c, emacs: textAt(g, "stub/emacs"), shell: textAt(g, "stub/shell") };
}

const DESKTOP = (emacs: string, wmClass: string) => `[Desktop Entry]
Categories=Development;TextEditor;
Comment=Edit text
Exec=${emacs}/bin/emacsclient -c %F
GenericName=Text Editor
Icon=emacs
Keywords=Text;Editor;
MimeType=text/english;text/plain;text/x-makefile;text/x-c++hdr;text/x-c++src;text/x-chdr;text/x-csrc;text/x-java;text/x-moc;text/x-pascal;text/x-tcl;text/x-tex;application/x-shellscript;text/x-c;text/x-c++;
Name=Emacs Client
StartupWMClass=${wmClass}
Terminal=false
Type=Application
`;

function desktopEntry(c: Case): string {
  const ev = c.evaluate();
  const pkgs = c.json(ev, "home.packages") as string[];
  const found = pkgs.map((p) => path.join(p, "share/applications/emacsclient.desktop")).find((p) => fs.existsSync(p));
  assert.ok(found, `no emacsclient.desktop in ${pkgs.join(", ")}`);
  return fs.readFileSync(found, "utf8");
}

test("emacs-service-28: the service, no socket, the client desktop entry", () => {
  const { g, c, emacs, shell } = emacsCase(
    "28.0.5",
    `  services.emacs = { enable = true; client.enable = true; extraOptions = [ "-f" "exwm-enable" ]; };`,
  );
  assert.ok(!targets(g).includes(".config/systemd/user/emacs.socket"));
  assert.equal(
    textAt(g, ".config/systemd/user/emacs.service"),
    `[Install]
WantedBy=default.target

[Service]
ExecStart=${shell} -l -c "${emacs}/bin/emacs --fg-daemon -f exwm-enable"
Restart=on-failure
SuccessExitStatus=15
Type=notify

[Unit]
Description=Emacs text editor
Documentation=info:emacs man:emacs(1) https://gnu.org/software/emacs/
X-RestartIfChanged=false
`,
  );
  assert.equal(desktopEntry(c), DESKTOP(emacs, "Emacsd"));
});

test("emacs-socket-27: socket activation with the socket directory workaround", () => {
  const { g, c, emacs, shell } = emacsCase(
    "27.2",
    `  services.emacs = { enable = true; client.enable = true; extraOptions = [ "-f" "exwm-enable" ]; socketActivation.enable = true; };`,
  );
  const coreutils = textAt(g, "stub/coreutils");
  assert.equal(
    textAt(g, ".config/systemd/user/emacs.socket"),
    `[Install]
RequiredBy=emacs.service
WantedBy=sockets.target

[Socket]
DirectoryMode=0700
FileDescriptorName=server
FlushPending=true
ListenStream=%t/emacs/server
SocketMode=0600

[Unit]
Description=Emacs text editor
Documentation=info:emacs man:emacs(1) https://gnu.org/software/emacs/
`,
  );
  assert.equal(
    textAt(g, ".config/systemd/user/emacs.service"),
    `[Service]
ExecStart=${shell} -l -c "${emacs}/bin/emacs --fg-daemon=%t/emacs/server -f exwm-enable"
ExecStartPost=${coreutils}/bin/chmod --changes -w %t/emacs
ExecStopPost=${coreutils}/bin/chmod --changes +w %t/emacs
Restart=on-failure
SuccessExitStatus=15
Type=notify

[Unit]
Description=Emacs text editor
Documentation=info:emacs man:emacs(1) https://gnu.org/software/emacs/
RefuseManualStart=true
X-RestartIfChanged=false
`,
  );
  assert.ok(targets(g).includes(".config/systemd/user/emacs.service.requires/emacs.socket"));
  assert.equal(desktopEntry(c), DESKTOP(emacs, "Emacs"));
});

test("emacs service after the graphical session; defaultEditor", () => {
  const { g, c } = emacsCase("28.1", `  services.emacs = { enable = true; startWithUserSession = "graphical"; defaultEditor = true; };`);
  const unit = textAt(g, ".config/systemd/user/emacs.service");
  assert.match(unit, /^\[Install\]\nWantedBy=graphical-session\.target\n/);
  assert.match(unit, /^After=graphical-session\.target\n/m);
  assert.match(unit, /^PartOf=graphical-session\.target\n/m);
  const vars = c.json(c.evaluate(), "home.sessionVariables") as { EDITOR: string; VISUAL: string };
  assert.equal(vars.EDITOR, vars.VISUAL);
  assert.match(fs.readFileSync(vars.EDITOR, "utf8"), /\nexec .*\/bin\/emacsclient "\$\{@:---create-frame\}"\n$/);
});

test("services.emacs uses programs.emacs.finalPackage when programs.emacs is on", () => {
  const c = new Case();
  c.homeNix(`  programs.emacs.enable = true;\n  services.emacs.enable = true;`);
  const ev = c.evaluate();
  assert.equal(c.json(ev, "services.emacs.package"), c.json(ev, "programs.emacs.finalPackage"));
});
