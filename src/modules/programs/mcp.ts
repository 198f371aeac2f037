/**
 * `programs.mcp`: a shared list of Model Context Protocol servers. Each
 * server is local (`command`, `args`, `env`) or remote (`url`, `headers`),
 * with free-form JSON fields besides; assertions check that exactly one
 * kind is chosen and that `enabled`/`disabled` agree. When servers are
 * given they are written to `$XDG_CONFIG_HOME/mcp/mcp.json` under
 * `mcpServers`, each normalised by `lib.hm.mcp.transformMcpServer` with a
 * `type` added. Other modules (VS Code) read `servers` themselves.
 */
import { defineModule, mkEnableOption, mkIf, option, t, type AttrsView, type JsValue } from "../../module-system/index.js";
import { callNix, isEmpty, libCall, perEvaluation, ty, type EvalArgs } from "../module-kit.js";
import { formatType, freeformSubmodule } from "../accounts/email-programs/kit.js";

const FILE = "modules/programs/mcp.ts";

const envFileType = ty.submodule<AttrsView>(
  defineModule({
    file: FILE,
    key: `${FILE}#env-file`,
    options: { file: option({ type: t.str, description: "A file read when the server starts, its content becoming the value." }) },
  }),
);

const serverOptions = {
  command: option({
    type: t.nullOr(t.str),
    default: null,
    example: "npx",
    description: "The program run for a local (stdio) server; not to be combined with `url`.",
  }),
  args: option({
    type: t.listOf(t.str),
    default: [],
    example: ["-y", "@modelcontextprotocol/server-everything"],
    description: "Arguments given to `command` (local servers only).",
  }),
  env: option({
    type: t.attrsOf(ty.oneOf<string | AttrsView>([t.str, envFileType])),
    default: {},
    description:
      'Environment of a local server. A value is a string, or `{ file = "/path"; }` to take it from a file: ' +
      "clients that know the `{file:…}` notation get that, others a wrapper reading the file.",
  }),
  url: option({
    type: t.nullOr(t.str),
    default: null,
    example: "https://mcp.context7.com/mcp",
    description: "The HTTP(S) endpoint of a remote server; not to be combined with `command`.",
  }),
  headers: option({
    type: t.attrsOf(t.str),
    default: {},
    description: "HTTP headers sent to a remote server.",
  }),
  enabled: option({
    type: t.nullOr(t.bool),
    default: null,
    description: "Whether the server is on. When `disabled` is set too, the two must be opposite.",
  }),
};

function makeMcp(a: EvalArgs) {
  const json = () => callNix((a.pkgs().formats as AttrsView).json, {}) as AttrsView;
  return defineModule({
    file: FILE,
    path: "programs.mcp",
    options: {
      enable: mkEnableOption("mcp"),
      servers: option({
        type: t.attrsOf(freeformSubmodule(FILE, "server", formatType(a, "json"), serverOptions)),
        default: {},
        description:
          "MCP servers, written to {file}`$XDG_CONFIG_HOME/mcp/mcp.json`: each either local (`command`) or " +
          "remote (`url`); fields other than the declared ones are passed on as they are.",
      }),
    },
    config: ({ cfg, lib }) => {
      const servers = () => cfg.servers as Readonly<Record<string, AttrsView>>;
      return mkIf(() => cfg.enable, {
        assertions: () =>
          Object.entries(servers()).flatMap(([name, s]) => {
            const p = `programs.mcp.servers.${name}`;
            const disabled = "disabled" in s ? s.disabled : null;
            return [
              {
                assertion: (s.command !== null) !== (s.url !== null),
                message: `${p}: exactly one of \`command\` or \`url\` must be set.\n`,
              },
              {
                assertion: s.url === null || ((s.args as readonly unknown[]).length === 0 && isEmpty(s.env as JsValue)),
                message: `${p}: \`args\` and \`env\` are only valid for local servers (\`command\`).\n`,
              },
              {
                assertion: isEmpty(s.headers as JsValue) || s.url !== null,
                message: `${p}: \`headers\` is only valid for remote servers (\`url\`).\n`,
              },
              {
                assertion: !(s.enabled !== null && disabled !== null && disabled !== undefined) || s.enabled !== disabled,
                message: `${p}: \`enabled\` and \`disabled\` are set to incompatible values.\n`,
              },
            ];
          }),
        'xdg.configFile."mcp/mcp.json"': () =>
          mkIf(!isEmpty(cfg.servers as JsValue), {
            source: callNix(json().generate, "mcp.json", {
              mcpServers: Object.fromEntries(
                Object.entries(servers()).map(([name, server]) => [
                  name,
                  libCall(lib, "hm.mcp.transformMcpServer", {
                    server,
                    extraTransforms: [libCall(lib, "hm.mcp.addType")],
                    exclude: ["serverUrl"],
                  }),
                ]),
              ),
            }),
          }),
      });
    },
  });
}

/** The module (made per evaluation: server fields are typed by this evaluation's `pkgs.formats.json`). */
export const mcpModule = perEvaluation(FILE, (a) => makeMcp(a));
