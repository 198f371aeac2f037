/**
 * Quoting for the bash that activation scripts are made of, with nixpkgs'
 * `lib.escapeShellArg` rule: words made only of safe characters stay as they
 * are, anything else is single-quoted with embedded quotes spliced as `'\''`.
 */

const SAFE = /^[A-Za-z0-9,._+:@%/-]+$/;

/** `lib.escapeShellArg`. */
export function escapeShellArg(s: string): string {
  return SAFE.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `lib.escapeShellArgs`: each word escaped, joined by spaces. */
export function escapeShellArgs(words: readonly string[]): string {
  return words.map(escapeShellArg).join(" ");
}
