/**
 * The XDG modules: base directories and files (`base-dirs.ts`), extra system
 * directories (`system-dirs.ts`), autostart entries (`autostart.ts`), the
 * user directories (`user-dirs.ts`), MIME support (`mime.ts`), desktop
 * portals (`portal.ts`), desktop entries (`desktop-entries.ts`) and MIME
 * applications (`mime-apps.ts`).
 */
export { xdgBaseDirsModule } from "./base-dirs.js";
export { xdgSystemDirsModule } from "./system-dirs.js";
export { xdgAutostartModule } from "./autostart.js";
export { xdgUserDirsModules } from "./user-dirs.js";
export { xdgMimeModule } from "./mime.js";
export { xdgPortalModule } from "./portal.js";
export { xdgDesktopEntriesModule } from "./desktop-entries.js";
export { xdgMimeAppsModule } from "./mime-apps.js";
