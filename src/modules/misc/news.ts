/**
 * `news`: how unread news is announced on `build`/`switch` (`news.display`)
 * and the news entries themselves (`news.entries`, each with an id that
 * defaults to the SHA-256 of its message, an ISO-8601 UTC time stamp, a
 * condition saying whether it concerns this configuration, and the message).
 * `news.json.output` holds both as JSON for the command line. The entries
 * are this project's own (news-entries.ts; Home Manager's entries are prose
 * about that project and are not copied), plus any a configuration adds.
 */
import { createHash } from "node:crypto";
import { defineModule, mkDefault, option, t } from "../../module-system/index.js";
import { callFn, ty } from "../module-kit.js";
import { builtInNewsEntries } from "./news-entries.js";

/** One news entry as the configuration holds it. */
export interface NewsEntry {
  readonly id: string;
  readonly time: string;
  readonly condition: boolean;
  readonly message: string;
}

const entryModule = defineModule({
  file: "modules/misc/news.ts",
  key: "modules/misc/news.ts#entry",
  options: {
    id: option({ type: t.str, internal: true, description: "A unique identifier; by default the SHA-256 of the message, in hex." }),
    time: option({
      type: t.str,
      internal: true,
      example: "2017-07-10T21:55:04+00:00",
      description: "When the entry was written, in ISO-8601 format and UTC (ending in `+00:00`).",
    }),
    condition: option({
      type: ty.unspecified,
      internal: true,
      default: true,
      description: "Whether the entry concerns this configuration.",
    }),
    message: option({ type: t.str, internal: true, description: "The text of the entry." }),
  },
  config: ({ cfg }) => ({
    id: () => mkDefault(createHash("sha256").update(cfg.message).digest("hex")),
  }),
});

export const newsModule = defineModule({
  file: "modules/misc/news.ts",
  path: "news",
  options: {
    display: option({
      type: t.enum(["silent", "notify", "show"] as const),
      default: "notify",
      description:
        "What `home-manager build` and `switch` do about unread news that concerns this configuration: " +
        "`silent` says nothing (`home-manager news` still lists it), `notify` prints how many entries are " +
        "unread, `show` opens them in a pager.",
    }),
    entries: option({
      type: t.listOf(ty.submodule<NewsEntry>(entryModule)),
      internal: true,
      default: [],
      description: "The news entries.",
    }),
    json: {
      output: option({ type: t.package, internal: true, description: "A file holding `display` and `entries` as JSON." }),
    },
  },
  config: ({ cfg, config, pkgs }) => ({
    "news.entries": () => builtInNewsEntries(config),
    "news.json.output": () => {
      const entries = cfg.entries.map((e) => ({ condition: e.condition, id: e.id, message: e.message, time: e.time }));
      const text = JSON.stringify({ display: cfg.display, entries });
      return callFn(pkgs.writeText, "hm-news.json", text);
    },
  }),
});
