/**
 * Golden cases for `programs.lf`, `programs.ranger`, `programs.pandoc` and
 * `programs.nnn`: lf's lfrc (settings, commands, key bindings, a previewer
 * file copied to the store), ranger's rc.conf, rifle.conf and plugin links,
 * pandoc's defaults file, templates, citation styles and wrapper, and nnn's
 * wrapped binary (built from a stand-in through `overrideAttrs`), plugin
 * link and cd-on-quit line.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as fs from "node:fs";
import { Case, fileAt, targets, textAt } from "./harness.js";

test("lf: lfrc blocks in order, names sorted, previewer copied to the store", () => {
  const c = new Case();
  c.file("preview.sh", '#!/bin/sh\nhead -n 40 "$1"\n');
  c.homeNix(`
  programs.lf = {
    enable = true;
    settings = { hidden = true; drawbox = false; shell = "bash"; period = 2; info = [ "size" "time" ]; };
    commands = { zz = "$echo zz"; aa = null; mm = ""; };
    keybindings = { "<c-f>" = "search"; D = "delete"; };
    cmdKeybindings = { "<c-y>" = "cmd-yank"; };
    previewer = { source = ./preview.sh; keybinding = "P"; };
    extraConfig = "echo done";
  };`);
  const ev = c.evaluate();
  const text = textAt(ev.generation, ".config/lf/lfrc");
  const m = /^set previewer (\S+)$/m.exec(text);
  assert.ok(m !== null, text);
  const pv = m[1]!;
  assert.ok(pv.endsWith("-preview.sh") && !pv.startsWith(c.configDir), pv);
  assert.equal(fs.readFileSync(pv, "utf8"), '#!/bin/sh\nhead -n 40 "$1"\n');
  assert.equal(
    text,
    'set nodrawbox\nset hidden\nset info "size:time"\nset period 2\nset shell "bash"\n\n' +
      "cmd aa\ncmd mm\ncmd zz $echo zz\n\n" +
      "map <c-f> search\nmap D delete\n\n" +
      "cmap <c-y> cmd-yank\n\n" +
      `set previewer ${pv}\nmap P $${pv} "$f" | less -R\n\n\n\n` +
      "echo done\n",
  );
});

test("ranger: rc.conf, rifle.conf and plugin links", () => {
  const c = new Case();
  c.file("ranger-plugin.py", "# a plugin\n");
  c.homeNix(`
  programs.ranger = {
    enable = true;
    settings = { preview_images = false; draw_borders = "both"; padding = 2; ratio = 0.5; };
    aliases = { q = "quit"; };
    mappings = { gh = "cd ~"; };
    plugins = [ { name = "mine.py"; src = ./ranger-plugin.py; } ];
    rifle = [ { condition = "ext pdf"; command = "zathura -- \\"$@\\""; } { condition = "else"; command = "less -- \\"$@\\""; } ];
  };`);
  const g = c.evaluate().generation;
  assert.equal(
    textAt(g, ".config/ranger/rc.conf"),
    "set draw_borders both\nset padding 2\nset preview_images false\nset ratio 0.500000\n\nalias q quit\n\nmap gh cd ~\n\n\n",
  );
  assert.equal(textAt(g, ".config/ranger/rifle.conf"), 'ext pdf = zathura -- "$@"\nelse = less -- "$@"\n');
  assert.equal(textAt(g, ".config/ranger/plugins/mine.py"), "# a plugin\n");
});

test("ranger: extraPackages without a package is refused", () => {
  const c = new Case();
  const err = c.error(`
  programs.ranger = { enable = true; package = null; extraPackages = [ pkgs.hello ]; };`);
  assert.ok(err.includes("programs.ranger.extraPackages requires non-null programs.ranger.package"), err);
});

test("pandoc: defaults file, templates and citation styles", () => {
  const c = new Case();
  c.file("styles/apa.csl", "<style/>\n");
  c.file("tpl.html", "<html>$body$</html>\n");
  // pandoc's stand-in must have a `bin/pandoc` for the wrapper to wrap.
  c.homeNix(`
  nixpkgs.overlays = [
    (final: prev: {
      pandoc = final.runCommandLocal "pandoc" { } "mkdir -p $out/bin && printf '#!/bin/sh\\n' > $out/bin/pandoc && chmod +x $out/bin/pandoc";
    })
  ];
  programs.pandoc = {
    enable = true;
    defaults = { standalone = true; variables.lang = "en"; };
    templates."default.html5" = ./tpl.html;
    citationStyles = [ ./styles/apa.csl ];
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  const defaults = c.json(ev, "programs.pandoc.defaultsFile") as string;
  assert.ok(defaults.endsWith("-hm.json"), defaults);
  assert.deepEqual(JSON.parse(fs.readFileSync(defaults, "utf8")), { standalone: true, variables: { lang: "en" } });
  assert.equal(textAt(g, ".local/share/pandoc/templates/default.html5"), "<html>$body$</html>\n");
  assert.equal(textAt(g, ".local/share/pandoc/csl/apa.csl"), "<style/>\n");
  assert.ok(targets(g).every((t) => !t.includes("pandoc") || t.startsWith(".local/share/pandoc/")));
  assert.ok(fileAt(g, ".local/share/pandoc/csl/apa.csl").source !== undefined);
  const wrapper = fs.readFileSync(`${c.json(ev, "programs.pandoc.finalPackage.outPath") as string}/bin/pandoc`, "utf8");
  assert.ok(wrapper.includes(`--defaults "${defaults}"`), wrapper);
});

test("nnn: wrapped binary with bookmarks, plugins, options and PATH; plugins linked; quitcd", () => {
  const c = new Case();
  c.file("nnn-plugins/preview", "#!/bin/sh\n");
  // nnn's stand-in builds a `bin/nnn` and runs the post-install hook, where the wrapping happens.
  c.homeNix(`
  nixpkgs.overlays = [
    (final: prev: {
      nnn = final.runCommandLocal "nnn" { } "mkdir -p $out/bin && printf '#!/bin/sh\\\\n' > $out/bin/nnn && chmod +x $out/bin/nnn && runHook postInstall";
    })
  ];
  programs.bash.enable = true;
  programs.nnn = {
    enable = true;
    quitcd = true;
    bookmarks = { h = "~"; d = "~/Downloads"; };
    plugins = { src = ./nnn-plugins; mappings = { p = "preview"; }; };
    options = { t = 8; A = true; };
    extraPackages = [ (pkgs.runCommandLocal "tool" { } "mkdir -p $out/bin") ];
  };`);
  const ev = c.evaluate();
  const g = ev.generation;
  const out = c.json(ev, "programs.nnn.finalPackage.outPath") as string;
  const wrapper = fs.readFileSync(`${out}/bin/nnn`, "utf8");
  assert.ok(wrapper.includes("export NNN_BMS='d:~/Downloads;h:~'"), wrapper);
  assert.ok(wrapper.includes("export NNN_PLUG='p:preview'"), wrapper);
  assert.ok(/-tool\/bin/.test(wrapper), wrapper);
  assert.ok(wrapper.trimEnd().endsWith(`/bin/.nnn-wrapped' -A -t8 "$@"`), wrapper);
  assert.equal(fs.readFileSync(`${fileAt(g, ".config/nnn/plugins").source!}/preview`, "utf8"), "#!/bin/sh\n");
  assert.ok(textAt(g, ".bashrc").includes(`source ${out}/share/quitcd/quitcd.bash_sh_zsh`));
});
