/** Placeholder: builtins of this group are being written. */
import type { BuiltinGroup } from "./registry.js";

export const contextBuiltins: BuiltinGroup = () => {};
