/**
 * Output of nixpkgs' `formats.javaProperties`: the comment's lines as
 * `# line`, a blank line, then `key = value` per entry in key order, with
 * the escapes nixpkgs applies (backslash doubled, newline as `\n\` plus a
 * line continuation, `#`, `!`, tab and carriage return escaped; spaces and
 * `=` escaped in keys; a leading space and spaces after a line break
 * escaped in values) and every non-ASCII character as a Java `\uXXXX`
 * escape (ISO 8859-1 files), as `iconv --to-code JAVA` writes them.
 */
import { isObject, parseJsonText, type JValue } from "./json-text.js";

function common(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/\n/g, "\\n\\\n")
    .replace(/#/g, "\\#")
    .replace(/!/g, "\\!")
    .replace(/\t/g, "\\t")
    .replace(/\r/g, "\\r");
}

function toJava(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c < 0x80 ? s[i] : `\\u${c.toString(16).padStart(4, "0")}`;
  }
  return out;
}

function text(v: JValue): string {
  if (typeof v === "string") return v;
  throw new Error(`javaProperties: values must be strings, got ${JSON.stringify(v)}`);
}

/** The properties file for a comment and the JSON of the settings. */
export function javaProperties(comment: string, json: string): string {
  // `read -r` drops the spaces and tabs around each line.
  const head = comment
    .split("\n")
    .map((l) => `# ${l.replace(/^[ \t]+|[ \t]+$/g, "")}\n`)
    .join("");
  const v = parseJsonText(json);
  if (!isObject(v)) throw new Error("javaProperties: the settings must be an attribute set");
  const lines = v.entries.map(([k, x]) => {
    const key = common(k).replace(/ /g, "\\ ").replace(/=/g, "\\=");
    const value = common(text(x)).replace(/^ /, "\\ ").replace(/\n /g, "\n\\ ");
    return `${key} = ${value}\n`;
  });
  return toJava(`${head}\n${lines.join("")}`);
}
