/**
 * `lib.network.ipv6`: `fromString` (validate and expand an IPv6 address with
 * optional `/prefix`, printing each group in lowercase hex without leading
 * zeros) and `mkEUI64Suffix` (the interface identifier derived from a MAC
 * address). Errors are nixpkgs' throws.
 */
import { attrs, fn, forceStringNoContext, throwError, type LibContext, type Value } from "./prim.js";

function expand(addr: string): string[] {
  if (!/^[0-9A-Fa-f:]+$/.test(addr)) throw throwError(`${addr} contains malformed characters for IPv6 address`);
  const pieces = addr.split(":");
  const nonEmpty = pieces.filter((p) => p !== "");
  const zeros = () => Array.from({ length: 8 - nonEmpty.length }, () => "0");
  if (addr === "::") return zeros();
  const pre = addr.startsWith("::");
  const suf = addr.endsWith("::");
  const inf = addr.includes("::");
  const emptyExpected = pre || suf ? 2 : inf ? 1 : 0;
  if (pieces.length - nonEmpty.length !== emptyExpected || (inf && nonEmpty.length >= 8) || (!inf && nonEmpty.length !== 8)) {
    throw throwError(`${addr} is not a valid IPv6 address`);
  }
  if (pre) return [...zeros(), ...nonEmpty];
  if (suf) return [...nonEmpty, ...zeros()];
  if (inf) return pieces.flatMap((p) => (p === "" ? zeros() : [p]));
  return pieces;
}

function parsePiece(hex: string): number {
  const m = /^(0x)?([0-7]?[0-9A-Fa-f]{1,15})$/.exec(hex);
  const n = m ? Number.parseInt(m[2]!, 16) : Number.NaN;
  if (!(n >= 0 && n <= 65535)) throw throwError(`0x${hex} is not a valid u16 integer`);
  return n;
}

function fromString(addr: string): Value {
  const parts = addr.split("/");
  if (parts.length > 2) throw throwError(`${addr} is not a valid IPv6 address in CIDR notation`);
  const address = expand(parts[0]!).map(parsePiece);
  let prefixLength = 128n;
  if (parts.length === 2) {
    const t = /^\s*(-?\d+)\s*$/.exec(parts[1]!);
    if (!t) throw throwError(`toInt: Could not convert ${JSON.stringify(parts[1])} to int.`);
    const n = BigInt(t[1]!);
    if (!(n >= 1n && n <= 128n)) throw throwError(`${addr} IPv6 subnet should be in range [1;128], got ${n}`);
    prefixLength = n;
  }
  return attrs({ address: address.map((n) => n.toString(16)).join(":"), prefixLength });
}

function mkEUI64Suffix(mac: string): string {
  const sep = "[-:.]?";
  const octet = "([0-9A-Fa-f]{2})";
  const m = new RegExp(`^${octet}${sep}${octet}${sep}${octet}${sep}${octet}${sep}${octet}${sep}${octet}$`).exec(mac);
  if (!m) throw throwError(`"${mac}" is not a valid MAC address (expected 6 octets of hex digits)`);
  const o = m.slice(1);
  const first = (Number.parseInt(o[0]! + o[1]!, 16) ^ 512).toString(16).toUpperCase();
  return [first, `${o[2]}ff`, `fe${o[3]}`, o[4]! + o[5]!].join(":").toLowerCase();
}

export function network(_ctx: LibContext): Value {
  return attrs({
    ipv6: attrs({
      fromString: fn("lib.network.ipv6.fromString", 1, ([a]) => fromString(forceStringNoContext(a!))),
      mkEUI64Suffix: fn("lib.network.ipv6.mkEUI64Suffix", 1, ([m]) => mkEUI64Suffix(forceStringNoContext(m!))),
    }),
  });
}
