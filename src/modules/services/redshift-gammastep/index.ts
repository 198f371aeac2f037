/**
 * `services.redshift` and `services.gammastep`: the two colour temperature
 * adjusters, each a `redshiftLikeModule` with its own names (gammastep's
 * main INI section is `general`, redshift's `redshift`).
 */
import { redshiftLikeModule } from "./make-module.js";

export const redshiftModule = redshiftLikeModule({
  moduleName: "redshift",
  programName: "Redshift",
  mainSection: "redshift",
  packageName: "redshift",
  mainExecutable: "redshift",
  appletExecutable: "redshift-gtk",
  configPath: "redshift/redshift.conf",
  documentation: "http://jonls.dk/redshift/",
  file: "modules/services/redshift-gammastep/redshift.ts",
});

export const gammastepModule = redshiftLikeModule({
  moduleName: "gammastep",
  programName: "Gammastep",
  mainSection: "general",
  packageName: "gammastep",
  mainExecutable: "gammastep",
  appletExecutable: "gammastep-indicator",
  configPath: "gammastep/config.ini",
  documentation: "https://gitlab.com/chinstrap/gammastep/",
  file: "modules/services/redshift-gammastep/gammastep.ts",
});
