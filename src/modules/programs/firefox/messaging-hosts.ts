/**
 * `mozilla.*NativeMessagingHosts` (Home Manager's
 * `misc/mozilla-messaging-hosts.nix`; kept beside the browser modules that
 * fill it): the native messaging hosts of Firefox, Thunderbird and LibreWolf,
 * linked file by file from the joined packages'
 * `lib/mozilla/native-messaging-hosts` into the directory the browsers read.
 * On Linux Firefox and Thunderbird share `~/.mozilla/native-messaging-hosts`
 * (linked whenever any list is set, as in Home Manager); LibreWolf uses
 * `~/.librewolf/native-messaging-hosts`; macOS has one directory each. A
 * `.keep` file keeps each directory even when no host is installed.
 */
import { defineModule, mkIf, option, t, type AttrsView, type JsValue } from "../../../module-system/index.js";
import { callFn, nixToString } from "../../module-kit.js";

const FILE = "modules/misc/mozilla-messaging-hosts.ts";

const hostsOption = (browser: string) =>
  option({ type: t.listOf(t.package), default: [], internal: true, description: `Packages with ${browser} native messaging hosts.` });

export const mozillaMessagingHostsModule = defineModule({
  file: FILE,
  path: "mozilla",
  options: {
    firefoxNativeMessagingHosts: hostsOption("Firefox"),
    thunderbirdNativeMessagingHosts: hostsOption("Thunderbird"),
    librewolfNativeMessagingHosts: hostsOption("LibreWolf"),
  },
  config: ({ cfg, pkgs }) => {
    const any = () =>
      cfg.firefoxNativeMessagingHosts.length > 0 ||
      cfg.thunderbirdNativeMessagingHosts.length > 0 ||
      cfg.librewolfNativeMessagingHosts.length > 0;
    const isDarwin = () => ((pkgs.stdenv as AttrsView).hostPlatform as AttrsView).isDarwin === true;
    /** The link of one directory; `hosts` may nest lists (Linux merges Firefox's and Thunderbird's). */
    const link = (name: string, hosts: readonly JsValue[]) => {
      const flat = (hosts as readonly JsValue[]).flat(Infinity as 1) as JsValue[];
      return mkIf(hosts.length > 0, {
        source: `${nixToString(
          callFn(pkgs.symlinkJoin, {
            name,
            paths: [callFn(pkgs.writeTextDir, "lib/mozilla/native-messaging-hosts/.keep", ""), ...flat],
          }),
        )}/lib/mozilla/native-messaging-hosts`,
        recursive: true,
        ignorelinks: true,
      });
    };
    return mkIf(any, {
      "home.file": () =>
        isDarwin()
          ? {
              "Library/Mozilla/NativeMessagingHosts": link("th-native-messaging-hosts", cfg.thunderbirdNativeMessagingHosts),
              "Library/Application Support/Mozilla/NativeMessagingHosts": link(
                "ff-native-messaging-hosts",
                cfg.firefoxNativeMessagingHosts,
              ),
              "Library/Application Support/LibreWolf/NativeMessagingHosts": link(
                "lw-native-messaging-hosts",
                cfg.librewolfNativeMessagingHosts,
              ),
            }
          : {
              ".mozilla/native-messaging-hosts": link("mozilla-native-messaging-hosts", [
                cfg.firefoxNativeMessagingHosts,
                cfg.thunderbirdNativeMessagingHosts,
              ]),
              ".librewolf/native-messaging-hosts": link("librewolf-native-messaging-hosts", cfg.librewolfNativeMessagingHosts),
            },
    });
  },
});
