/**
 * The Lua preamble nixpkgs' Neovim wrapper puts at the top of `init.lua`
 * (its `luaRcContent`): the `package.path`/`package.cpath` of the extra Lua
 * packages, the provider settings (`vim.g.<lang>_host_prog='…'` for each
 * enabled provider, `vim.g.loaded_<lang>_provider=0` for the others, in the
 * order node, perl, ruby, python3, joined by `;`), and a `vim.cmd.source`
 * of the Vimscript file holding the Vimscript plugin configurations and
 * `extraConfig` when there is any. Parts are joined by newlines; nothing is
 * added when a part is absent. The package layer answers only out paths and
 * descriptive attributes of packages, not the wrapper's string attributes,
 * so the module assembles this text itself from the same inputs, with the
 * provider hosts taken from the wrapped package (`rubyEnv`, `python3Env`).
 */

/** What the preamble is made of; paths are out paths (or stand-ins) as strings. */
export interface LuaRcParts {
  readonly withNodeJs: boolean;
  readonly withPerl: boolean;
  readonly withRuby: boolean;
  readonly withPython3: boolean;
  /** The program each enabled provider runs, computed only when that provider is on. */
  readonly hosts: {
    readonly node: () => string;
    readonly perl: () => string;
    readonly ruby: () => string;
    readonly python3: () => string;
  };
  /** The Lua environment of the extra Lua packages (undefined: there are none). */
  readonly luaEnv: (() => string) | undefined;
  /** The Vimscript file to source (undefined: no Vimscript configuration). */
  readonly vimrcFile: (() => string) | undefined;
}

const PROVIDERS = ["node", "perl", "ruby", "python3"] as const;

/** `vim.g.<lang>_host_prog='…'` or `vim.g.loaded_<lang>_provider=0` per provider, joined by `;`. */
export function providerRc(p: LuaRcParts): string {
  const on = { node: p.withNodeJs, perl: p.withPerl, ruby: p.withRuby, python3: p.withPython3 };
  return PROVIDERS.map((lang) => (on[lang] ? `vim.g.${lang}_host_prog='${p.hosts[lang]()}'` : `vim.g.loaded_${lang}_provider=0`)).join(";");
}

/** Lua search paths of a Lua 5.1 (LuaJIT) environment, prepended to Neovim's own. */
export function luaPathBlock(env: string): string {
  const share = `${env}/share/lua/5.1`;
  return (
    `package.path = "${share}/?.lua;${share}/?/init.lua".. ";" .. package.path\n` +
    `package.cpath = "${env}/lib/lua/5.1/?.so".. ";" .. package.cpath\n`
  );
}

/** The whole preamble. */
export function luaRcContent(p: LuaRcParts): string {
  const parts: string[] = [];
  if (p.luaEnv !== undefined) parts.push(luaPathBlock(p.luaEnv()));
  parts.push(providerRc(p));
  if (p.vimrcFile !== undefined) parts.push(`vim.cmd.source "${p.vimrcFile()}"\n`);
  return parts.join("\n");
}
