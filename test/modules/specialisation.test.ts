/**
 * `specialisation` golden cases: a variant is the whole configuration with
 * its own definitions added (merged as any definitions are), it cannot nest
 * variants, names with `/` are refused; the built generation links each
 * variant's own generation at `specialisation/<name>`; and
 * `home-manager switch --specialisation NAME` activates the variant while
 * the profile moves to the main generation.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import { buildGeneration } from "../../src/build/generation.js";
import { HomeStore } from "../../src/store/home-store.js";
import { Case, targets, textAt } from "./harness.js";
import { Home } from "../home-eval/helpers.js";

const homes: Home[] = [];
after(() => homes.forEach((h) => h.cleanup()));

const VARIANTS = `home.file.theme.text = "base";
  home.file.only-base.text = "b";
  home.sessionVariables.THEME = lib.mkDefault "light";
  specialisation.dark.configuration = {
    home.file.theme.text = "dark";
    home.sessionVariables.THEME = "dark";
  };
  specialisation.plain.configuration = { home.file.only-base.enable = false; };`;

test("a variant is the configuration plus its own definitions", () => {
  const g = new Case().gen(VARIANTS);
  assert.deepEqual(Object.keys(g.specialisations ?? {}), ["dark", "plain"]);
  assert.equal(textAt(g, "theme"), "base");
  assert.equal(g.sessionVariables!.THEME, "light");
  const dark = g.specialisations!.dark!;
  // `lines` definitions are concatenated, as in the main configuration.
  assert.equal(textAt(dark, "theme"), "base\ndark");
  assert.equal(dark.sessionVariables!.THEME, "dark");
  assert.deepEqual(dark.specialisations, {});
  assert.ok(!targets(g.specialisations!.plain!).includes("only-base"));
});

test("variants do not nest; names with a slash are refused; the old spelling is renamed", () => {
  const c = new Case();
  const g = c.gen(`specialisation.a.configuration.specialisation.b.configuration.home.file.x.text = "x";`);
  assert.deepEqual(Object.keys(g.specialisations!), ["a"]);
  assert.deepEqual(g.specialisations!.a!.specialisations, {});
  assert.match(c.error(`specialisation."a/b".configuration = { };`), /<name> in specialisation.<name> cannot contain a forward slash./);
  const renamed = c.gen(`specialization.old.configuration.home.file.x.text = "x";`);
  assert.deepEqual(Object.keys(renamed.specialisations!), ["old"]);
});

test("the generation links each variant's generation at specialisation/<name>", () => {
  const c = new Case();
  const g = c.gen(VARIANTS);
  const store = HomeStore.open(path.join(c.root, "state/store"));
  const built = buildGeneration(g, { store, env: c.env, warn: () => {} });
  const dark = fs.readlinkSync(path.join(built.path, "specialisation/dark"));
  assert.match(path.basename(dark), /-home-manager-generation$/);
  assert.notEqual(dark, built.path);
  assert.equal(fs.readFileSync(path.join(built.path, "specialisation/dark/home-files/theme"), "utf8"), "base\ndark");
  assert.equal(fs.readFileSync(path.join(built.path, "home-files/theme"), "utf8"), "base");
  assert.ok(fs.existsSync(path.join(built.path, "specialisation/plain/activate")));
  // Without variants there is no specialisation directory.
  const plain = buildGeneration({ ...g, specialisations: {} }, { store, env: c.env, warn: () => {} });
  assert.ok(!fs.existsSync(path.join(plain.path, "specialisation")));
});

test("switch --specialisation activates the variant; an unknown name fails", () => {
  const h = new Home();
  homes.push(h);
  h.config(`{ lib, ... }: {
  home.username = "jdoe";
  home.homeDirectory = "@HOME@";
  home.stateVersion = "24.11";
  ${VARIANTS}
}
`);
  const r = h.run(["switch", "--specialisation", "dark"]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(fs.readFileSync(path.join(h.home, "theme"), "utf8"), "base\ndark");
  const gens = h.run(["generations"]);
  assert.equal(gens.stdout.trim().split("\n").length, 1);
  const unknown = h.run(["switch", "-c", "nope"]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /The configuration does not contain the specialisation "nope"/);
  const back = h.run(["switch"]);
  assert.equal(back.code, 0, back.stderr);
  assert.equal(fs.readFileSync(path.join(h.home, "theme"), "utf8"), "base");
});
