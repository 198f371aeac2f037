/**
 * The native trivial builders, evaluated through our evaluator and written
 * into a scratch deferred store. Expected texts follow nixpkgs'
 * trivial-builders (script layouts, `meta.mainProgram`, environment of
 * `runCommand`, buildenv's collision rules, `replaceVars`' checks).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { describe, test } from "node:test";
import { NixError } from "../../src/nix/errors.js";
import { PkgsHarness } from "./harness.js";

function throwsMessage(fn: () => unknown, re: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof Error, String(e));
    assert.match(e.message, re);
    return true;
  });
}

describe("text writers", () => {
  const h = new PkgsHarness();

  test("writeText: a plain file named after its name", () => {
    const p = h.build('"${pkgs.writeText "greeting" "hello\\n"}"');
    assert.match(p, /\/[0-9a-z]{32}-greeting$/);
    assert.equal(fs.readFileSync(p, "utf8"), "hello\n");
    assert.equal(fs.statSync(p).mode & 0o111, 0);
    assert.equal(
      h.value('let d = pkgs.writeText "g" "x"; in [ d.type d.name d.outputName d.outputs (d.out == d) d.text ]'),
      '[ "derivation" "g" "out" [ "out" ] true "x" ]',
    );
  });

  test("writeText of a non-string warns as nixpkgs does", () => {
    h.messages.length = 0;
    assert.equal(h.text('"${pkgs.writeText "n" 42}"'), "42");
    assert.deepEqual(h.messages, [
      'evaluation warning: pkgs.writeText "n": The second argument should be a string, but it\'s a int instead, which is deprecated. Use `toString` to convert the value to a string first.',
    ]);
  });

  test("writeTextFile with destination, executable and meta", () => {
    const p = h.build('"${pkgs.writeTextFile { name = "tool"; text = "#!/bin/sh\\n"; executable = true; destination = "/bin/tool"; }}"');
    assert.deepEqual(h.tree(p), ["bin/", "bin/tool (x): #!/bin/sh\n"]);
    assert.equal(
      h.value('(pkgs.writeTextFile { name = "t"; text = ""; executable = true; destination = "/bin/t"; meta.description = "d"; }).meta'),
      '{ description = "d"; mainProgram = "t"; }',
    );
    assert.equal(h.value('(pkgs.writeTextFile { name = "t"; text = ""; destination = "/bin/t"; }).meta'), "{ }");
    throwsMessage(
      () => h.eval('(pkgs.writeTextFile { name = "t"; text = ""; destination = "etc/x"; }).outPath'),
      /^destination must be an absolute path, relative to the derivation's out path,\ngot 'etc\/x' instead\./,
    );
    throwsMessage(() => h.eval('pkgs.writeTextFile { name = "t"; text = ""; bogus = 1; }'), /called with unexpected argument 'bogus'/);
  });

  test("writeTextDir, writeScript, writeScriptBin", () => {
    assert.deepEqual(h.tree(h.build('"${pkgs.writeTextDir "share/doc/x.txt" "X"}"')), ["share/", "share/doc/", "share/doc/x.txt: X"]);
    assert.equal(h.value('(pkgs.writeTextDir "share/doc/x.txt" "X").name'), '"x.txt"');
    const s = h.build('"${pkgs.writeScript "s" "echo s"}"');
    assert.equal(fs.statSync(s).mode & 0o777, 0o555);
    assert.deepEqual(h.tree(h.build('"${pkgs.writeScriptBin "sb" "echo sb"}"')), ["bin/", "bin/sb (x): echo sb"]);
    assert.equal(h.value('(pkgs.writeScriptBin "sb" "").meta.mainProgram'), '"sb"');
  });

  test("writeShellScript(Bin): shebang of runtimeShell, text, newline", () => {
    assert.equal(h.text('"${pkgs.writeShellScript "sh" "echo hi\\n"}"'), "#!/bin/bash\necho hi\n\n");
    const p = h.build('"${pkgs.writeShellScriptBin "shb" "echo hi"}"');
    assert.deepEqual(h.tree(p), ["bin/", "bin/shb (x): #!/bin/bash\necho hi\n"]);
    assert.equal(h.value('(pkgs.writeShellScriptBin "shb" "").meta'), '{ mainProgram = "shb"; }');
  });

  test("writeShellApplication: nixpkgs' layout", () => {
    const p = h.build(`let tool = pkgs.writeScriptBin "tool" ""; in "\${pkgs.writeShellApplication {
        name = "app";
        runtimeInputs = [ tool "/opt/x" ];
        runtimeEnv = { GREETING = "hello world"; COUNT = 2; LIST = [ "a" "b" ]; };
        text = ''
          tool "$GREETING"
        '';
      }}/bin/app"`);
    const tool = h.build('"${pkgs.writeScriptBin "tool" ""}"');
    assert.equal(
      fs.readFileSync(p, "utf8"),
      `#!/bin/bash
set -o errexit
set -o nounset
set -o pipefail
COUNT=2
export COUNT
GREETING='hello world'
export GREETING
declare -a LIST=(a b)
export LIST

export PATH="${tool}/bin:/opt/x/bin:$PATH"

tool "$GREETING"

`,
    );
    assert.equal(
      h.text(
        '"${pkgs.writeShellApplication { name = "b"; bashOptions = [ ]; inheritPath = false; runtimeInputs = [ "/p" ]; text = "true"; }}/bin/b"',
      ),
      '#!/bin/bash\n\n\nexport PATH="/p/bin"\n\ntrue\n',
    );
    assert.equal(
      h.text('"${pkgs.writeShellApplication { name = "c"; text = "true"; }}/bin/c"'),
      "#!/bin/bash\nset -o errexit\nset -o nounset\nset -o pipefail\n\ntrue\n",
    );
    assert.equal(
      h.value('(pkgs.writeShellApplication { name = "c"; text = ""; meta.description = "x"; }).meta'),
      '{ description = "x"; mainProgram = "c"; }',
    );
  });

  test("concatText, concatScript, emptyFile, emptyDirectory", () => {
    const a = h.file("a.txt", "A\n");
    const b = h.file("b.txt", "B\n");
    assert.equal(h.text(`"\${pkgs.concatText "ab" [ ${a} ${b} ]}"`), "A\nB\n");
    const s = h.build(`"\${pkgs.concatScript "abs" [ ${a} ]}"`);
    assert.notEqual(fs.statSync(s).mode & 0o111, 0);
    assert.equal(h.text('"${pkgs.emptyFile}"'), "");
    assert.deepEqual(fs.readdirSync(h.build('"${pkgs.emptyDirectory}"')), []);
  });

  test("writers.writeBash(Bin)", () => {
    assert.equal(h.text('"${pkgs.writers.writeBash "wb" "echo x\\n"}"'), "#! /bin/bash\necho x\n");
    assert.deepEqual(h.tree(h.build('"${pkgs.writers.writeBashBin "wbb" "echo x"}"')), ["bin/", "bin/wbb (x): #! /bin/bash\necho x"]);
  });
});

describe("runCommand", () => {
  const h = new PkgsHarness();

  test("runs bash with $out and the attributes as environment", () => {
    const p = h.build(`"\${pkgs.runCommand "env-test" {
        str = "s"; yes = true; no = false; nothing = null; num = 3; list = [ "a" 1 true ];
        big = "passed as a file"; passAsFile = [ "big" ];
      } ''
        mkdir $out
        printf '%s|%s|%s|%s|%s|%s\\n' "$str" "$yes" "$no" "$nothing" "$num" "$list" > $out/env
        cat "$bigPath" > $out/big
        echo "$name" > $out/name
        [ -z "''\${big:-}" ] && echo unset > $out/big-var
      ''}"`);
    assert.deepEqual(h.tree(p), ["big: passed as a file", "big-var: unset\n", "env: s|1|||3|a 1 1\n", "name: env-test\n"]);
  });

  test("nativeBuildInputs put their bin/ on PATH", () => {
    const out = h.text(`let hello = pkgs.writeShellScriptBin "say-hello" "echo hello from tool"; in
      "\${pkgs.runCommandLocal "uses-tool" { nativeBuildInputs = [ hello ]; } "say-hello > $out"}"`);
    assert.equal(out, "hello from tool\n");
    assert.equal(
      h.value('let d = pkgs.runCommandLocal "x" { a = 1; } "touch $out"; in [ d.preferLocalBuild d.allowSubstitutes d.a d.name ]'),
      '[ true false 1 "x" ]',
    );
    assert.equal(h.text('"${pkgs.runCommandWith { name = "w"; derivationArgs.v = "via-with"; } "echo $v > $out"}"'), "via-with\n");
  });

  test("stdenv functions: wrapProgram, makeWrapper, substituteInPlace; $out rewritten to the final path", () => {
    const p = h.build(`let tool = pkgs.writeScriptBin "tool" "#!/bin/sh\\necho tool \\"$@\\"\\n"; in
      "\${pkgs.symlinkJoin { name = "wrapped"; paths = [ tool ]; postBuild = ''
        wrapProgram $out/bin/tool --add-flags "--config /c" --prefix PATH : /x/bin --set FOO 'a b'
      ''; }}"`);
    assert.deepEqual(h.tree(p).slice(0, 3), [
      "bin/",
      `bin/.tool-wrapped -> ${h.scrub(h.build('"${pkgs.writeScriptBin "tool" "#!/bin/sh\\necho tool \\"$@\\"\\n"}"'))}/bin/tool`,
      `bin/tool (x): #! /bin/bash -e\nexport PATH='/x/bin'\${PATH:+':'$PATH}\nexport FOO='a b'\nexec -a "$0" '${h.scrub(p)}/bin/.tool-wrapped' --config /c "$@"\n`,
    ]);
    const src = h.file("in.txt", "a @x@ b\n");
    assert.equal(
      h.text(`"\${pkgs.runCommand "subst" { x = "X"; } ''
        cp ${src} $out
        chmod u+w $out
        substituteInPlace $out --replace-fail a A --subst-var x
      ''}"`),
      "A X b\n",
    );
  });

  test("a failing command fails the flush naming the derivation and showing its output", () => {
    const hf = new PkgsHarness();
    throwsMessage(
      () => hf.build('"${pkgs.runCommand "broken" { } "echo some detail >&2; exit 3"}"'),
      /^builder for 'broken' failed with exit code 3;\nlast lines of its output:\n> some detail$/,
    );
    const hm = new PkgsHarness();
    throwsMessage(
      () => hm.build('"${pkgs.runCommand "lazy" { } "true"}"'),
      /^builder for 'lazy' failed to produce output path for output 'out'$/,
    );
  });

  test("the format generators' commands run natively", () => {
    const out = h.text(`"\${pkgs.runCommandLocal "x.yaml" { value = builtins.toJSON { b = [ 1 ]; a = "on"; }; passAsFile = [ "value" ]; } ''
      json2yaml "$valuePath" "$out"
    ''}"`);
    assert.equal(out, "%YAML 1.1\n---\na: 'on'\nb:\n- 1\n");
    assert.equal(
      h.text(
        '"${pkgs.runCommandLocal "x.json" { value = builtins.toJSON { a = 1; }; passAsFile = [ "value" ]; } "jq . \\"$valuePath\\" > \\"$out\\""}"',
      ),
      '{\n  "a": 1\n}\n',
    );
  });
});

describe("link trees", () => {
  const h = new PkgsHarness();
  const a = 'pkgs.writeTextDir "share/a/file" "A"';
  const b = 'pkgs.writeScriptBin "b" "B"';

  test("symlinkJoin merges inputs with links to their files, then runs postBuild", () => {
    const p = h.build(
      `"\${pkgs.symlinkJoin { name = "joined"; paths = [ (${a}) [ (${b}) null ] ]; postBuild = "echo done > $out/marker"; }}"`,
    );
    const A = h.scrub(h.build(`"\${${a}}"`));
    const B = h.scrub(h.build(`"\${${b}}"`));
    assert.deepEqual(h.tree(p), [
      "bin/",
      `bin/b -> ${B}/bin/b`,
      "marker: done\n",
      "share/",
      "share/a/",
      `share/a/file -> ${A}/share/a/file`,
    ]);
    assert.equal(h.value(`(pkgs.symlinkJoin { pname = "p"; version = "1"; paths = [ ]; }).name`), '"p-1"');
  });

  test("buildEnv: pathsToLink, whole-directory links, collisions", () => {
    const B = h.scrub(h.build(`"\${${b}}"`));
    assert.deepEqual(h.tree(h.build(`"\${pkgs.buildEnv { name = "env"; paths = [ (${a}) (${b}) ]; pathsToLink = [ "/bin" ]; }}"`)), [
      "bin/",
      `bin/b -> ${B}/bin/b`,
    ]);
    const A = h.scrub(h.build(`"\${${a}}"`));
    assert.deepEqual(h.tree(h.build(`"\${pkgs.buildEnv { name = "env2"; paths = [ (${a}) ]; }}"`)), [`share -> ${A}/share`]);
    const same = h.build(`"\${pkgs.buildEnv { name = "same"; paths = [ (pkgs.writeTextDir "x" "1") (pkgs.writeTextDir "x" "1") ]; }}"`);
    assert.deepEqual(h.tree(same).length, 1);
    const hc = new PkgsHarness();
    const one = hc.scrub(hc.build('"${pkgs.writeTextDir "bin/x" "1"}"'));
    const two = hc.scrub(hc.build('"${pkgs.writeTextDir "bin/x" "2"}"'));
    assert.throws(
      () => hc.build('"${pkgs.buildEnv { name = "clash"; paths = [ (pkgs.writeTextDir "bin/x" "1") (pkgs.writeTextDir "bin/x" "2") ]; }}"'),
      (e: Error) => hc.scrub(e.message) === `builder for 'clash' failed: collision between \`${two}/bin/x' and \`${one}/bin/x'`,
    );
    const hp = new PkgsHarness();
    const twoP = hp.scrub(hp.build('"${pkgs.writeTextDir "bin/x" "2"}"'));
    assert.deepEqual(
      hp.tree(
        hp.build(
          '"${pkgs.buildEnv { name = "prio"; paths = [ (pkgs.writeTextDir "bin/x" "1") ((pkgs.writeTextDir "bin/x" "2") // { meta.priority = 1; }) ]; }}"',
        ),
      ),
      ["bin/", `bin/x -> ${twoP}/bin/x`],
    );
  });

  test("linkFarm (list and set forms) and linkFarmFromDrvs", () => {
    const B = h.scrub(h.build(`"\${${b}}"`));
    assert.deepEqual(
      h.tree(h.build(`"\${pkgs.linkFarm "farm" [ { name = "x/y"; path = ${b}; } { name = "z"; path = "/etc/hosts"; } ]}"`)),
      ["x/", `x/y -> ${B}`, "z -> /etc/hosts"],
    );
    assert.deepEqual(h.tree(h.build(`"\${pkgs.linkFarm "farm2" { q = "/q"; }}"`)), ["q -> /q"]);
    assert.deepEqual(h.tree(h.build(`"\${pkgs.linkFarmFromDrvs "farm3" [ (${b}) ]}"`)), [`b -> ${B}`]);
    assert.equal(h.value('(pkgs.linkFarm "f" { q = "/q"; }).entries'), '{ q = "/q"; }');
  });
});

describe("substitution", () => {
  const h = new PkgsHarness();
  const src = h.file("script.sh", "run @tool@ --in @dir@ # @keep@\n");

  test("replaceVars replaces every @name@ and keeps null ones", () => {
    const p = h.build(`"\${pkgs.replaceVars ${src} { tool = "/bin/tool"; dir = "/d"; keep = null; }}"`);
    assert.match(p, /-script\.sh$/);
    assert.equal(fs.readFileSync(p, "utf8"), "run /bin/tool --in /d # @keep@\n");
  });

  test("replaceVars fails on a missing pattern or a leftover identifier", () => {
    const h1 = new PkgsHarness();
    throwsMessage(
      () => h1.build(`"\${pkgs.replaceVars ${src} { tool = "t"; dir = "d"; keep = "k"; absent = "x"; }}"`),
      /^substituteStream\(\) in derivation script\.sh: ERROR: pattern @absent@ doesn't match anything in file '.*script\.sh'$/,
    );
    const h2 = new PkgsHarness();
    throwsMessage(
      () => h2.build(`"\${pkgs.replaceVars ${src} { tool = "t"; dir = "d"; }}"`),
      /The following look like unsubstituted Nix identifiers that remain in .*:\n@keep@\n/,
    );
  });

  test("substitute and substituteAll", () => {
    assert.equal(
      h.text(`"\${pkgs.substitute { src = ${src}; substitutions = [ "--replace-fail" "run" "exec" "--subst-var-by" "tool" "T" ]; }}"`),
      "exec T --in @dir@ # @keep@\n",
    );
    assert.equal(h.text(`"\${pkgs.substituteAll { src = ${src}; tool = "T"; keep = "K"; }}"`), "run T --in @dir@ # K\n");
    assert.deepEqual(h.tree(h.build(`"\${pkgs.substituteAll { src = ${src}; dir = "bin"; isExecutable = true; }}"`)), [
      "bin/",
      "bin/script.sh (x): run @tool@ --in bin # @keep@\n",
    ]);
  });

  test("argument errors are Nix errors during evaluation", () => {
    assert.throws(
      () => h.eval('(pkgs.linkFarm "x" 3).entries'),
      (e: unknown) => e instanceof NixError && e.message === "linkFarm entries must be either attrs or a list!",
    );
  });
});

describe("makeDesktopItem and wrapFirefox", () => {
  const h = new PkgsHarness();

  test("makeDesktopItem: sorted keys, lists, booleans, actions, extraConfig", () => {
    const p = h.build(`"\${pkgs.makeDesktopItem {
      name = "editor";
      desktopName = "My Editor";
      exec = "editor %F";
      terminal = false;
      noDisplay = null;
      mimeTypes = [ "text/plain" "text/markdown" ];
      categories = [ ];
      actions.window = { name = "New Window"; exec = "editor --new"; };
      actions.blank = { name = "Blank"; };
      extraConfig.X-Flavour = "plain";
    }}"`);
    assert.deepEqual(h.tree(p), [
      "share/",
      "share/applications/",
      "share/applications/editor.desktop: " +
        "[Desktop Entry]\nActions=blank;window\nExec=editor %F\nMimeType=text/plain;text/markdown\nName=My Editor\n" +
        "Terminal=false\nType=Application\nVersion=1.5\nX-Flavour=plain\n\n" +
        "[Desktop Action blank]\nName=Blank\n\n" +
        "[Desktop Action window]\nExec=editor --new\nName=New Window\n",
    ]);
    assert.equal(h.value('(pkgs.makeDesktopItem { name = "e"; desktopName = "E"; }).name'), '"e.desktop"');
    assert.equal(h.value('(pkgs.makeDesktopItem { name = "m"; desktopName = "M"; type = "Directory"; }).name'), '"m.directory"');
    assert.equal(h.value('((pkgs.makeDesktopItem { name = "e"; desktopName = "E"; }).override { name = "f"; }).name'), '"f.desktop"');
    throwsMessage(
      () => h.eval('"${pkgs.makeDesktopItem { name = "e"; desktopName = "E"; keywords = [ "a;b" ]; }}"'),
      /values in keywords list must not contain semicolons/,
    );
    throwsMessage(
      () => h.eval('"${pkgs.makeDesktopItem { name = "e"; desktopName = "E"; terminal = "yes"; }}"'),
      /value must be a boolean or null/,
    );
    throwsMessage(() => h.eval('"${pkgs.makeDesktopItem { name = "e"; }}"'), /without required argument 'desktopName'/);
  });

  test("wrapFirefox: launcher, policies, hosts, the browser's files, override", () => {
    const browser = `((pkgs.runCommandLocal "web-unwrapped" { } "mkdir -p $out/bin $out/share/doc; touch $out/bin/web $out/share/doc/README; chmod +x $out/bin/web")
      // { binaryName = "web"; libName = "web"; meta.description = "a browser"; })`;
    const host = `(pkgs.writeTextDir "lib/mozilla/native-messaging-hosts/h.json" "{}")`;
    const w = `(pkgs.wrapFirefox ${browser} { pname = "web"; extraPolicies.Foo = 1; nativeMessagingHosts = [ ${host} ]; })`;
    const p = h.build(`"\${${w}}"`);
    const tree = h.tree(p).join("\n");
    assert.match(tree, /^bin\/web \(x\): #!.*\nexport MOZ_APP_LAUNCHER="web"\n/m);
    assert.match(tree, /^lib\/web\/distribution\/policies\.json: \{"policies":\{"DisableAppUpdate":true,"Foo":1\}\}$/m);
    assert.match(
      tree,
      /^lib\/mozilla\/native-messaging-hosts\/h\.json -> \$S\/[0-9a-z]{32}-h\.json\/lib\/mozilla\/native-messaging-hosts\/h\.json$/m,
    );
    assert.match(tree, /^share\/doc\/README -> \$S\/[0-9a-z]{32}-web-unwrapped\/share\/doc\/README$/m);
    assert.equal(
      h.value(`let w = ${w}; in [ w.meta.mainProgram w.meta.priority w.meta.description w.unwrapped.libName w.name ]`),
      '[ "web" 4 "a browser" "web" "web" ]',
    );
    const over = `(${w}.override (old: { extraPolicies = old.extraPolicies // { Bar = true; }; nameSuffix = "-x"; }))`;
    assert.match(h.text(`"\${${over}}/lib/web/distribution/policies.json"`), /"Bar":true,"DisableAppUpdate":true,"Foo":1/);
    assert.equal(h.value(`${over}.meta.mainProgram`), '"web-x"');
    assert.equal(h.value(`(pkgs.lib.functionArgs ${w}.override) ? cfg`), "true");
  });
});
