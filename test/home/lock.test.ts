/**
 * The activation lock: a switch (or an activation run by hand) never runs
 * while another holds the lock — it waits, and after its deadline fails with a
 * message naming the holder and the lock file; a lock left by a killed process
 * is taken over; two switches started together both succeed, one after the
 * other, and home ends up exactly as the generation that finished last.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, test } from "node:test";
import type { HomeGeneration } from "../../src/build/home-config.js";
import { acquireLock, readHolder, releaseLock } from "../../src/store/lock.js";
import { MAIN, Sandbox, type RunResult } from "./helpers.js";

const boxes: Sandbox[] = [];
const children: ChildProcess[] = [];
function box(): Sandbox {
  const b = new Sandbox();
  boxes.push(b);
  return b;
}
after(() => {
  children.forEach((c) => c.kill("SIGKILL"));
  boxes.forEach((b) => b.cleanup());
});

/** A process that stays alive until killed (the lock's holder in these tests). */
function holderProcess(): ChildProcess {
  const c = spawn("sleep", ["60"], { stdio: "ignore" });
  children.push(c);
  return c;
}

function lockFile(sb: Sandbox): string {
  return path.join(sb.statePath, "lock");
}

function runChildAsync(sb: Sandbox, argv: string[], g: HomeGeneration, env: Record<string, string> = {}): Promise<RunResult> {
  const json = path.join(sb.root, `config-${process.hrtime.bigint()}.json`);
  fs.writeFileSync(json, JSON.stringify(g));
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [MAIN, ...argv], { env: { ...sb.env, ...env, HOME_MANAGER_GENERATION_JSON: json }, cwd: sb.root });
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    c.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    c.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

test("a held lock makes a switch fail after its deadline, naming the holder; nothing changes", () => {
  const sb = box();
  const holder = holderProcess();
  const handle = acquireLock(lockFile(sb), { pid: holder.pid!, timeoutMs: 0 });
  const before = sb.snapshot();
  const r = sb.run(["switch"], sb.withFiles([{ target: ".a", text: "a" }]), { HOME_MANAGER_LOCK_TIMEOUT: "0" });
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    `Another Home Manager activation (process ${holder.pid}) holds the lock '${lockFile(sb)}'; try again when it has finished, or remove the file if no such process is running.\n`,
  );
  assert.deepEqual(sb.snapshot(), before);
  releaseLock(handle);
});

test("an activation run by hand respects the lock too", () => {
  const sb = box();
  assert.equal(sb.run(["build"], sb.withFiles([{ target: ".a", text: "a" }])).code, 0);
  const gen = fs.readlinkSync(path.join(sb.root, "result"));
  const holder = holderProcess();
  const handle = acquireLock(lockFile(sb), { pid: holder.pid!, timeoutMs: 0 });
  const r = sb.activateByHand(gen, [], { HOME_MANAGER_LOCK_TIMEOUT: "0" });
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`Another Home Manager activation \\(process ${holder.pid}\\) holds the lock`));
  assert.equal(sb.exists(".a"), false);
  releaseLock(handle);
  const ok = sb.activateByHand(gen);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.equal(sb.read(".a"), "a");
  assert.equal(fs.existsSync(lockFile(sb)), false, "released at exit");
});

test("a switch waits for the holder and proceeds when it is gone", async () => {
  const sb = box();
  const holder = holderProcess();
  acquireLock(lockFile(sb), { pid: holder.pid!, timeoutMs: 0 });
  const pending = runChildAsync(sb, ["switch"], sb.withFiles([{ target: ".a", text: "a" }]), { HOME_MANAGER_LOCK_TIMEOUT: "20" });
  await new Promise((r) => setTimeout(r, 600));
  assert.equal(sb.exists(".a"), false, "still waiting");
  holder.kill("SIGKILL");
  const r = await pending;
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stderr, `Waiting for another Home Manager activation (process ${holder.pid}) to finish...\n`);
  assert.equal(sb.read(".a"), "a");
});

test("a lock left by a killed process is taken over", () => {
  const sb = box();
  const dead = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" });
  const pid = Number(dead.stdout.trim());
  fs.mkdirSync(sb.statePath, { recursive: true });
  fs.writeFileSync(lockFile(sb), `${pid} deadbeef 1\n`);
  const r = sb.run(["switch"], sb.withFiles([{ target: ".a", text: "a" }]), { HOME_MANAGER_LOCK_TIMEOUT: "0" });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readHolder(lockFile(sb)), undefined);
});

test("two switches started together never interleave", async () => {
  const sb = box();
  const many = (tag: string) =>
    sb.withFiles(Array.from({ length: 60 }, (_, i) => ({ target: `d${i % 6}/${tag}-${i}`, text: `${tag}${i}` })));
  const [a, b] = await Promise.all([runChildAsync(sb, ["switch"], many("a")), runChildAsync(sb, ["switch"], many("b"))]);
  assert.equal(a.code, 0, a.stdout + a.stderr);
  assert.equal(b.code, 0, b.stdout + b.stderr);
  const active = sb.activeGeneration()!;
  assert.equal(sb.currentGeneration(), active);
  const winner = fs.existsSync(path.join(active, "home-files/d0/a-0")) ? "a" : "b";
  const loser = winner === "a" ? "b" : "a";
  for (let i = 0; i < 60; i++) {
    assert.equal(sb.read(`d${i % 6}/${winner}-${i}`), `${winner}${i}`);
    assert.equal(sb.exists(`d${i % 6}/${loser}-${i}`), false);
  }
  assert.equal(fs.readdirSync(sb.profilesDir).filter((n) => n.endsWith("-link")).length, 2);
});

test("the lock is re-entrant only for the token its holder hands down", () => {
  const sb = box();
  const h = acquireLock(lockFile(sb), { timeoutMs: 0 });
  const inherited = acquireLock(lockFile(sb), { timeoutMs: 0, inheritedToken: h.token });
  assert.equal(inherited.owned, false);
  releaseLock(inherited);
  assert.equal(readHolder(lockFile(sb))?.token, h.token, "an inherited handle releases nothing");
  assert.throws(() => acquireLock(lockFile(sb), { timeoutMs: 0, inheritedToken: "other" }), /holds the lock/);
  releaseLock(h);
  assert.equal(readHolder(lockFile(sb)), undefined);
});
