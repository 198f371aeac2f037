/**
 * `launchd` golden cases, evaluated with the module system alone (a small
 * stand-in declares the Home Manager options the module defines and a
 * package set whose builders record what they were given): the property
 * list of an agent (default label, wrapped command, typed and free keys,
 * escaping), the `user` domain and the launcher script, disabled agents,
 * the Darwin-only assertion, and the `setupLaunchAgents` step.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { deepForce } from "../../src/nix/force-deep.js";
import { valueToJSONText } from "../../src/nix/serialize.js";
import { force, type Lazy, type NixAttrs } from "../../src/nix/values.js";
import { createModuleSystem } from "../../src/module-system/index.js";
import { launchdModule } from "../../src/modules/launchd.js";
import { HOME, session } from "../module-system/harness.js";

/** Options the module defines, and `pkgs` whose builders give their inputs as JSON in `outPath`. */
const stand = (darwin: boolean) => `{ lib, ... }: {
  options.assertions = lib.mkOption { type = lib.types.listOf lib.types.unspecified; default = [ ]; };
  options.home.activation = lib.mkOption { type = lib.types.attrsOf lib.types.unspecified; default = { }; };
  options.home.extraDependencies = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; };
  options.home.homeDirectory = lib.mkOption { type = lib.types.str; default = "/Users/jdoe"; };
  config._module.args.pkgs = {
    stdenv.hostPlatform.isDarwin = ${darwin};
    writeTextDir = path: text: { type = "derivation"; outPath = builtins.toJSON { inherit path text; }; };
    writeScriptBin = name: text: { type = "derivation"; outPath = "/store/" + name + "-script"; passthru.text = text; };
    symlinkJoin = { name, paths }: { type = "derivation"; outPath = builtins.toJSON (map (p: builtins.fromJSON p.outPath) paths); };
  };
}`;

/** `config.<attr>` of the module with this configuration, as JSON. */
function evaluate(body: string, attr: string, darwin = true): unknown {
  const s = session();
  const ms = createModuleSystem(s.st, () => s.lib);
  const modules: Lazy[] = [
    launchdModule.value,
    s.st.evalString(stand(darwin), `${HOME}/«stand»`),
    s.st.evalString(`{ lib, ... }: { ${body} }`, `${HOME}/home.nix`),
  ];
  let v: Lazy = ms.evalModules({ modules }).result();
  for (const p of ["config", ...attr.split("/")]) v = (force(v) as NixAttrs).get(p)!;
  deepForce(v);
  return JSON.parse(valueToJSONText(s.st, v));
}

/** The files of the agents directory: name → text. */
function agentFiles(body: string): Record<string, string> {
  const deps = evaluate(body, "home/extraDependencies") as string[];
  assert.equal(deps.length, 1);
  const out: Record<string, string> = {};
  for (const f of JSON.parse(deps[0]!) as { path: string; text: string }[]) out[f.path] = f.text;
  return out;
}

const BACKUP = `launchd.agents.backup = {
    enable = true;
    config = {
      ProgramArguments = [ "/usr/bin/rsync" "-a" "My Files/" "/Volumes/backup" ];
      StartCalendarInterval = [ { Hour = 3; Minute = 30; } ];
      KeepAlive.SuccessfulExit = false;
      EnvironmentVariables.LANG = "C";
      "Odd <key> & co" = "value with \\"quotes\\"";
    };
  };
  launchd.agents.off.config.ProgramArguments = [ "/bin/true" ];`;

test("an agent's property list: default label, wrapped command, typed and free keys, escaped", () => {
  const files = agentFiles(BACKUP);
  assert.deepEqual(Object.keys(files).sort(), ["org.nix-community.home.backup.domain", "org.nix-community.home.backup.plist"]);
  assert.equal(files["org.nix-community.home.backup.domain"], "gui\n");
  assert.equal(
    files["org.nix-community.home.backup.plist"],
    `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple Computer//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>EnvironmentVariables</key>
	<dict>
		<key>LANG</key>
		<string>C</string>
	</dict>
	<key>KeepAlive</key>
	<dict>
		<key>SuccessfulExit</key>
		<false/>
	</dict>
	<key>Label</key>
	<string>org.nix-community.home.backup</string>
	<key>Odd &lt;key&gt; &amp; co</key>
	<string>value with &quot;quotes&quot;</string>
	<key>ProgramArguments</key>
	<array>
		<string>/bin/sh</string>
		<string>-c</string>
		<string>/bin/wait4path /nix/store &amp;&amp; exec /usr/bin/rsync -a &apos;My Files/&apos; /Volumes/backup</string>
	</array>
	<key>StartCalendarInterval</key>
	<array>
		<dict>
			<key>Hour</key>
			<integer>3</integer>
			<key>Minute</key>
			<integer>30</integer>
		</dict>
	</array>
</dict>
</plist>`,
  );
});

test("the user domain limits the agent to the Background session; without waiting, a launcher named after it", () => {
  const files = agentFiles(`launchd.agents."sync job" = {
    enable = true;
    domain = "user";
    waitForNixStore = false;
    config = { Label = "org.example.sync"; Program = "/opt/sync"; ProgramArguments = [ "--once" ]; };
  };`);
  assert.equal(files["org.example.sync.domain"], "user\n");
  const plist = files["org.example.sync.plist"]!;
  assert.ok(plist.includes("\t<key>LimitLoadToSessionType</key>\n\t<string>Background</string>\n"), plist);
  assert.ok(
    plist.includes("\t<key>ProgramArguments</key>\n\t<array>\n\t\t<string>/store/sync-job-script/bin/sync-job</string>\n\t</array>\n"),
    plist,
  );
  assert.ok(!plist.includes("<key>Program</key>"));
});

test("setupLaunchAgents runs after writeBoundary on Darwin only", () => {
  const step = (evaluate(BACKUP, "home/activation") as Record<string, { after: string[]; data: string }>).setupLaunchAgents!;
  assert.deepEqual(step.after, ["writeBoundary"]);
  assert.ok(step.data.includes("hmAgentsDst=/Users/jdoe/Library/LaunchAgents\n"));
  assert.ok(step.data.includes('run /bin/launchctl bootstrap "$hmTarget" "$hmInstalled"'));
  assert.deepEqual(evaluate(BACKUP, "home/activation", false), {});
  assert.deepEqual(evaluate(BACKUP, "home/extraDependencies", false), []);
});

test("agents enabled elsewhere than on Darwin fail an assertion naming them (launchd is off there by default)", () => {
  const assertions = evaluate(`launchd.enable = true; ${BACKUP}`, "assertions", false) as { assertion: boolean; message: string }[];
  assert.deepEqual(assertions, [
    { assertion: false, message: "Must use Darwin for modules that require Launchd: org.nix-community.home.backup.plist" },
  ]);
  assert.deepEqual(evaluate(BACKUP, "assertions", false), [
    { assertion: true, message: "Must use Darwin for modules that require Launchd: org.nix-community.home.backup.plist" },
  ]);
});
