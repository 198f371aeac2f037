/**
 * The lexer's table of identifier names, shared by every parse in the process.
 * An identifier seen before (`mkOption`, `type`, `lib`, … recur in every file)
 * comes back as the same string object rather than a new slice of the source:
 * the AST holds one copy of each name, and the hash V8 caches in a string is
 * computed once for all the Maps the name is later a key of. Keywords are in the
 * table too (as their token kind), so one lookup tells a keyword from a name.
 *
 * The table is emptied (keywords kept) when it reaches MAX_NAMES entries, so a
 * long-running process does not keep every name it ever parsed. A name is a
 * slice of the text it was first seen in, which V8 may keep alive with it; the
 * evaluator keeps its parsed sources (and their ASTs) anyway.
 */
import { KEYWORDS } from "./tokens.js";

const MAX_NAMES = 1 << 15;

/** Name → the shared string, or keyword → its token kind. */
const names = new Map<string, string | number>(KEYWORDS);

// A direct-mapped cache in front of `names`, indexed by the length and a few
// characters of the word: a hit costs a comparison with the source text, where
// the Map needs a slice of it (garbage once found) and that slice's hash.
const CACHE_SIZE = 2048;
const cacheWord = new Array<string | undefined>(CACHE_SIZE).fill(undefined);
const cacheFound = new Array<string | number>(CACHE_SIZE).fill(0);

/**
 * For the word `text[start, end)`: the token kind of the keyword it is, or the
 * shared string equal to it (then an identifier).
 */
export function lookupName(text: string, start: number, end: number): string | number {
  const len = end - start;
  const mid = text.charCodeAt(start + (len >> 1));
  const slot = (len * 31 + text.charCodeAt(start) * 7 + mid * 131 + text.charCodeAt(end - 1)) & (CACHE_SIZE - 1);
  const cached = cacheWord[slot];
  if (cached !== undefined && cached.length === len && text.startsWith(cached, start)) return cacheFound[slot]!;
  const word = text.slice(start, end);
  let found = names.get(word);
  if (found === undefined) {
    if (names.size >= MAX_NAMES) {
      names.clear();
      for (const [k, v] of KEYWORDS) names.set(k, v);
    }
    names.set(word, word);
    found = word;
  }
  cacheWord[slot] = typeof found === "string" ? found : word;
  cacheFound[slot] = found;
  return found;
}
