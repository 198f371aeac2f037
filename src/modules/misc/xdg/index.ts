/** The XDG modules: base directories and files (`base-dirs.ts`) and extra system directories (`system-dirs.ts`). */
export { xdgBaseDirsModule } from "./base-dirs.js";
export { xdgSystemDirsModule } from "./system-dirs.js";
