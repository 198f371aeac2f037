/**
 * `reloadSystemd`'s work when the generation has user units: compare the unit
 * files of the previous and the new generation and bring the user manager in
 * line, the way sd-switch does. Removed units that run are stopped; changed
 * units that run are restarted, reloaded, stopped and started, or left alone
 * according to `X-SwitchMethod` (a change confined to `X-Reload-Triggers`
 * means a reload); new units wanted or required by an active target are
 * started. The order is: stop, daemon-reload, reload, restart, start. With no
 * reachable user manager (`--suggest`) nothing is run: the commands a user
 * would run are printed instead. In a dry run the commands are printed, not run.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { Fs } from "./fs.js";
import type { Reporter } from "./messages.js";

const UNIT_RE = /^[^@/]+\.(service|socket|timer|path|mount|automount|slice|target|swap)$/;

export interface SystemdInputs {
  readonly oldUnits?: string | undefined;
  readonly newUnits?: string | undefined;
  readonly suggest: boolean;
  readonly dryRun: boolean;
}

/** `[Section]` → key → values, in file order. */
export type UnitFile = Map<string, Map<string, string[]>>;

/** Parse a unit file (INI with repeated keys, `#`/`;` comments). */
export function parseUnit(text: string): UnitFile {
  const unit: UnitFile = new Map();
  let section: Map<string, string[]> | undefined;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const head = /^\[(.+)\]$/.exec(line);
    if (head) {
      section = unit.get(head[1]!) ?? new Map();
      unit.set(head[1]!, section);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0 || section === undefined) continue;
    const key = line.slice(0, eq).trim();
    const values = section.get(key) ?? [];
    values.push(line.slice(eq + 1).trim());
    section.set(key, values);
  }
  return unit;
}

function get(u: UnitFile, section: string, key: string): string[] {
  return u.get(section)?.get(key) ?? [];
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && /^(1|yes|true|on)$/i.test(v);
}

/** The text with `X-Reload-Triggers` lines taken out (to see whether only they changed). */
function withoutReloadTriggers(text: string): string {
  return text
    .split("\n")
    .filter((l) => !/^\s*X-Reload-Triggers\s*=/.test(l))
    .join("\n");
}

function readUnits(fs: Fs, dir: string | undefined): Map<string, string> {
  const units = new Map<string, string>();
  if (dir === undefined || fs.stat(dir)?.kind !== "dir") return units;
  for (const name of fs.readdir(dir).sort()) {
    if (!UNIT_RE.test(name)) continue;
    const p = path.join(dir, name);
    if (fs.stat(p)?.kind === "file") units.set(name, fs.readFile(p).toString("utf8"));
  }
  return units;
}

/** Targets that pull a unit in: `[Install]` and `<target>.wants/` / `.requires/` links. */
function pullingTargets(fs: Fs, dir: string, name: string, unit: UnitFile): string[] {
  const targets = new Set([...get(unit, "Install", "WantedBy"), ...get(unit, "Install", "RequiredBy")].flatMap((v) => v.split(/\s+/)));
  for (const entry of fs.readdir(dir)) {
    const m = /^(.+)\.(wants|requires)$/.exec(entry);
    if (m && fs.lstat(path.join(dir, entry, name)) !== undefined) targets.add(m[1]!);
  }
  targets.delete("");
  return [...targets].sort();
}

interface Plan {
  stop: string[];
  reload: string[];
  restart: string[];
  start: string[];
  changedAny: boolean;
}

class SystemdSwitch {
  constructor(
    private readonly fs: Fs,
    private readonly out: Reporter,
    private readonly inputs: SystemdInputs,
  ) {}

  private systemctl(args: string[], capture: boolean): { status: number; stdout: string } {
    const r = spawnSync("systemctl", ["--user", ...args], {
      encoding: "utf8",
      stdio: capture ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
    });
    return { status: r.status ?? 1, stdout: typeof r.stdout === "string" ? r.stdout.trim() : "" };
  }

  private isActive(unit: string): boolean {
    if (this.inputs.suggest) return false;
    return ["active", "activating", "reloading"].includes(this.systemctl(["is-active", unit], true).stdout);
  }

  plan(): Plan {
    const oldUnits = readUnits(this.fs, this.inputs.oldUnits);
    const newUnits = readUnits(this.fs, this.inputs.newUnits);
    const plan: Plan = { stop: [], reload: [], restart: [], start: [], changedAny: false };
    const suggest = this.inputs.suggest;
    for (const [name, text] of oldUnits) {
      if (newUnits.has(name)) continue;
      plan.changedAny = true;
      const refuses = truthy(get(parseUnit(text), "Unit", "RefuseManualStop").at(-1));
      if (!refuses && (suggest ? name.endsWith(".service") : this.isActive(name))) plan.stop.push(name);
    }
    for (const [name, text] of newUnits) {
      const unit = parseUnit(text);
      const before = oldUnits.get(name);
      if (before === text) continue;
      plan.changedAny = true;
      if (before === undefined) {
        if (truthy(get(unit, "Unit", "RefuseManualStart").at(-1))) continue;
        const wanted = pullingTargets(this.fs, this.inputs.newUnits!, name, unit);
        if (suggest ? name.endsWith(".service") : wanted.some((t) => this.isActive(t))) plan.start.push(name);
        continue;
      }
      if (suggest ? !name.endsWith(".service") : !this.isActive(name)) continue;
      if (name.endsWith(".target") || name.endsWith(".slice")) continue;
      const method =
        withoutReloadTriggers(before) === withoutReloadTriggers(text)
          ? "reload"
          : (get(unit, "Unit", "X-SwitchMethod").at(-1) ?? "restart");
      if (method === "reload") plan.reload.push(name);
      else if (method === "restart") plan.restart.push(name);
      else if (method === "stop-start") {
        plan.stop.push(name);
        plan.start.push(name);
      }
    }
    return plan;
  }

  private act(verb: string, label: string, units: string[]): boolean {
    if (units.length === 0) return true;
    if (this.inputs.dryRun) {
      this.out.echo(`systemctl --user ${verb} ${units.join(" ")}`);
      return true;
    }
    this.out.echo(`${label} units: ${units.join(", ")}`);
    if (this.systemctl([verb, ...units], false).status === 0) return true;
    this.out.error(`Failed to ${verb} units: ${units.join(", ")}`);
    return false;
  }

  run(): number {
    const p = this.plan();
    if (this.inputs.suggest) {
      const lines = [
        ...(p.changedAny ? ["systemctl --user daemon-reload"] : []),
        ...(p.restart.length > 0 ? [`systemctl --user restart ${p.restart.join(" ")}`] : []),
        ...(p.stop.length > 0 ? [`systemctl --user stop ${p.stop.join(" ")}`] : []),
        ...(p.start.length > 0 ? [`systemctl --user start ${p.start.join(" ")}`] : []),
      ];
      if (lines.length > 0) this.out.echo(["Suggested commands:", ...lines].join("\n"));
      return 0;
    }
    if (!p.changedAny) return 0;
    let ok = this.act("stop", "Stopping", p.stop);
    if (this.inputs.dryRun) this.out.echo("systemctl --user daemon-reload");
    else if (this.systemctl(["daemon-reload"], false).status !== 0) {
      this.out.error("Failed to reload the user systemd daemon");
      return 1;
    }
    ok = this.act("reload", "Reloading", p.reload) && ok;
    ok = this.act("restart", "Restarting", p.restart) && ok;
    ok = this.act("start", "Starting", p.start) && ok;
    return ok ? 0 : 1;
  }
}

/** Compare unit directories and start, stop, restart or reload (or suggest doing so). */
export function systemdSwitch(fs: Fs, out: Reporter, inputs: SystemdInputs): number {
  return new SystemdSwitch(fs, out, inputs).run();
}
