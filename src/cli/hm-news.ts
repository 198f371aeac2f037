/**
 * `home-manager news`: every news entry relevant to the configuration, newest
 * first, laid out as Home Manager lays them out (`* <time> [read|unread]`, a
 * blank line, the message indented by two), then every entry's id is added
 * to `<data home>/home-manager/news-read-ids` (sorted, without duplicates —
 * entries whose condition is false included, as Home Manager does). On a
 * terminal the text goes through `$PAGER` (default `less`); otherwise it is
 * printed. With no relevant entry at all it says "No news." instead.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { forceList } from "../nix/ops.js";
import { select, str } from "../module-system/nix-values.js";
import type { NewsEntry } from "../modules/index.js";
import type { HmContext } from "./hm-context.js";
import { evaluateConfigOrExit } from "./hm-option.js";

/** The ids already read (the file is created empty when missing, as Home Manager does). */
export function readNewsIds(file: string): Set<string> {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "");
  }
  return new Set(
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l !== ""),
  );
}

/** `build-news.nix`'s layout of a list of entries. */
export function layoutNews(entries: readonly NewsEntry[], read: ReadonlySet<string>): string {
  const prettyTime = (t: string): string => t.replace(/T/g, " ").replace(/\+00:00/g, "");
  return entries
    .map((e) => `* ${prettyTime(e.time)} [${read.has(e.id) ? "read" : "unread"}]\n\n  ${e.message.replace(/\n/g, "\n  ")}\n`)
    .join("\n\n");
}

/** `home-manager news`. */
export function doNews(ctx: HmContext): number {
  const ev = evaluateConfigOrExit(ctx);
  const idsFile = path.join(ctx.paths.dataPath, "news-read-ids");
  const read = readNewsIds(idsFile);
  const { entries } = ev.news();
  if (entries.length === 0) ctx.out("No news.");
  else {
    const text = layoutNews(entries, read) + "\n";
    if (ctx.io.inheritStdio === true && ctx.io.isTTY) {
      const pager = (ctx.env.PAGER ?? "less").trim().split(/\s+/);
      const r = spawnSync(pager[0] ?? "less", pager.slice(1), {
        input: text,
        stdio: ["pipe", "inherit", "inherit"],
        env: ctx.env as NodeJS.ProcessEnv,
      });
      if (r.error !== undefined) ctx.io.stdout(text);
    } else ctx.io.stdout(text);
  }
  const allIds = forceList(select(select(ev.config, "news"), "entries")).map((e) => str(select(e, "id")));
  const merged = [...new Set([...read, ...allIds])].filter((l) => l !== "").sort();
  const tmp = `${idsFile}.new`;
  fs.writeFileSync(tmp, merged.map((l) => l + "\n").join(""));
  fs.renameSync(tmp, idsFile);
  return 0;
}
