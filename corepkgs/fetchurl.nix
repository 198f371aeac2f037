# `<nix/fetchurl.nix>`: a fixed-output derivation fetched by Nix's built-in
# `builtin:fetchurl` builder. Written for Home Manager in TypeScript.
{
  system ? "",
  url,
  hash ? "",
  sha1 ? "",
  sha256 ? "",
  sha512 ? "",
  outputHash ?
    if hash != "" then hash
    else if sha512 != "" then sha512
    else if sha1 != "" then sha1
    else sha256,
  outputHashAlgo ?
    if hash != "" then ""
    else if sha512 != "" then "sha512"
    else if sha1 != "" then "sha1"
    else "sha256",
  executable ? false,
  unpack ? false,
  name ? baseNameOf (toString url),
  impure ? false,
}:

derivation (
  {
    builder = "builtin:fetchurl";
    inherit name url executable unpack;
    system = "builtin";
    preferLocalBuild = true;
    impureEnvVars = [ "http_proxy" "https_proxy" "ftp_proxy" "all_proxy" "no_proxy" ];
    urls = [ url ];
    outputHashMode = if unpack || executable then "recursive" else "flat";
  }
  // (if impure then { __impure = true; } else { inherit outputHashAlgo outputHash; })
)
