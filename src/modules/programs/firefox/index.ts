/**
 * Firefox and the browsers built from the same module (Floorp, LibreWolf),
 * and the `mozilla.*NativeMessagingHosts` module they fill.
 */
export { firefoxModule, floorpModule, librewolfModule } from "./browsers.js";
export { mozillaMessagingHostsModule } from "./messaging-hosts.js";
export { compressMozLz4, decompressMozLz4 } from "./mozlz4.js";
