/**
 * `dconf` golden cases: the keyfile written for `dconf.settings` (GVariant
 * texts, floats kept as floats), the `dconfSettings` activation step (its
 * place after `installPackages` and its full script), the list of managed
 * keys linked into the generation's `state/`, the cleanup script resetting
 * keys dropped since the previous generation, named databases under
 * `DCONF_PROFILE`, and the cases where nothing is done.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { test } from "node:test";
import { Case, textAt } from "./harness.js";

/** Packages are stand-ins (`@name@` out paths), as in Home Manager's own tests. */
const STUB = { HOME_MANAGER_PACKAGES: "stub" };

interface Entry {
  readonly data: string;
  readonly after: readonly string[];
  readonly before: readonly string[];
}

/** Lines writing each `pkgs.<name>`'s out path to `stub/<name>`. */
function stubs(...names: string[]): string {
  return names.map((n) => `\n  home.file."stub/${n}".text = "\${pkgs.${n}}";`).join("");
}

function storePath(script: string, pattern: RegExp): string {
  const m = pattern.exec(script);
  assert.ok(m !== null, `no match for ${pattern} in:\n${script}`);
  return m[1]!;
}

test("dconf: settings become a keyfile loaded after installPackages", () => {
  const c = new Case(STUB);
  c.homeNix(`
  dconf.settings = {
    "org/gnome/calculator" = {
      button-mode = "programming";
      show-thousands = true;
      base = 10;
      window-position = lib.hm.gvariant.mkTuple [ 100 100 ];
    };
    "org/example" = {
      ratio = 1.5;
      count = lib.hm.gvariant.mkUint32 7;
      names = [ "a" "b's" ];
    };
  };
  home.file."stub/binpath".text = lib.makeBinPath [ pkgs.dconf pkgs.jq ];${stubs("dbus", "dconf")}`);
  const ev = c.evaluate();
  const g = ev.generation;
  const dbus = textAt(g, "stub/dbus");
  const dconf = textAt(g, "stub/dconf");
  const entry = c.json(ev, "home.activation.dconfSettings") as Entry;
  assert.deepEqual(entry.after, ["installPackages"]);
  assert.deepEqual(entry.before, []);
  const ini = storePath(entry.data, /< (\S+-hm-dconf\.ini)$/m);
  const cleanup = storePath(entry.data, /^ {2}(\S+-dconf-cleanup) \\$/m);
  assert.equal(
    entry.data,
    `if [[ -v DBUS_SESSION_BUS_ADDRESS ]]; then
  export DCONF_DBUS_RUN_SESSION=""
else
  export DCONF_DBUS_RUN_SESSION="${dbus}/bin/dbus-run-session --dbus-daemon=${dbus}/bin/dbus-daemon "
fi

if [[ -v oldGenPath ]]; then
  ${cleanup} \\
    "$oldGenPath/state/dconf-keys.json" \\
    "$newGenPath/state/dconf-keys.json"
fi

run $DCONF_DBUS_RUN_SESSION ${dconf}/bin/dconf load / < ${ini}

unset DCONF_DBUS_RUN_SESSION
`,
  );
  assert.equal(
    fs.readFileSync(ini, "utf8"),
    `[org/example]
count=@u 7
names=@as ['a','b\\'s']
ratio=1.500000

[org/gnome/calculator]
base=10
button-mode='programming'
show-thousands=true
window-position=@(ii) (100,100)
`,
  );
  const script = fs.readFileSync(cleanup, "utf8");
  assert.ok(script.includes(`\nPATH=${textAt(g, "stub/binpath")}\${PATH:+:}$PATH\n`), script);
  assert.ok(script.includes(`'($old[] - $new[])[]'`), script);
  assert.ok(script.includes(`run $DCONF_DBUS_RUN_SESSION dconf reset "$key"`), script);

  const builder = c.json(ev, "home.extraBuilderCommands") as string;
  const keys = storePath(builder, /^ln -s (\S+-dconf-keys\.json) \$out\/state\/dconf-keys\.json$/m);
  assert.equal(builder, `mkdir -p $out/state/\nln -s ${keys} $out/state/dconf-keys.json\n`);
  assert.deepEqual(JSON.parse(fs.readFileSync(keys, "utf8")), [
    "/org/example/count",
    "/org/example/names",
    "/org/example/ratio",
    "/org/gnome/calculator/base",
    "/org/gnome/calculator/button-mode",
    "/org/gnome/calculator/show-thousands",
    "/org/gnome/calculator/window-position",
  ]);
  assert.equal(textAt(g, ".config/dconf/.keep"), "");
});

test("dconf: a named database is loaded under its DCONF_PROFILE", () => {
  const c = new Case(STUB);
  c.homeNix(`  dconf.databases.custom.foo1.bar1 = 42;${stubs("dbus")}`);
  const ev = c.evaluate();
  const dbus = textAt(ev.generation, "stub/dbus");
  const entry = c.json(ev, "home.activation.dconfSettings") as Entry;
  const profile = storePath(entry.data, /DCONF_PROFILE=(\S+-dconf-profile-custom)"$/m);
  assert.equal(fs.readFileSync(profile, "utf8"), "user-db:custom\n");
  assert.ok(
    entry.data.startsWith(`if [[ -v DBUS_SESSION_BUS_ADDRESS ]]; then
  export DCONF_DBUS_RUN_SESSION="env DCONF_PROFILE=${profile}"
else
  export DCONF_DBUS_RUN_SESSION="${dbus}/bin/dbus-run-session --dbus-daemon=${dbus}/bin/dbus-daemon env DCONF_PROFILE=${profile}"
fi
`),
  );
  assert.ok(entry.data.includes(`"$oldGenPath/state/dconf-keys-custom.json"`));
  assert.equal(fs.readFileSync(storePath(entry.data, /< (\S+)$/m), "utf8"), "[foo1]\nbar1=42\n");
});

test("dconf: the default database comes before named ones", () => {
  const c = new Case(STUB);
  c.homeNix(`  dconf.settings.a.x = 1;\n  dconf.databases.b.c.y = 2;`);
  const ev = c.evaluate();
  const builder = c.json(ev, "home.extraBuilderCommands") as string;
  assert.match(
    builder,
    /^mkdir -p \$out\/state\/\nln -s \S+-dconf-keys\.json \$out\/state\/dconf-keys\.json\nln -s \S+-dconf-keys-b\.json \$out\/state\/dconf-keys-b\.json\n$/,
  );
});

test("dconf: nothing happens without settings, or when disabled", () => {
  for (const body of ["", `  dconf.enable = false;\n  dconf.settings.a.b = 1;`]) {
    const c = new Case(STUB);
    c.homeNix(body);
    const ev = c.evaluate();
    assert.equal((c.json(ev, "home.activation") as Record<string, unknown>).dconfSettings, undefined);
    assert.equal(c.json(ev, "home.extraBuilderCommands"), "");
  }
});

test("dconf: a value that is no GVariant is refused", () => {
  const err = new Case(STUB).error(`  dconf.settings.a.b = { x = 1; };`);
  assert.ok(err.startsWith("A definition for option `dconf.settings.a.b' is not of type `GVariant value'. Definition values:"), err);
});
