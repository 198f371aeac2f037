# Assertion helpers for the scripts of Home Manager's test cases (`nmt.script`),
# written for the hm-modules conformance runner. They behave as the helpers of
# NMT, the framework Home Manager's tests run under: a relative path is taken
# below "$TESTED" (the built generation), an absolute one as it is; a failed
# check prints one message and ends the case's subshell with status 1.

# The path an argument names.
_hmPath() {
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$TESTED/$1" ;;
  esac
}

# NMT's name for the same: a path relative to the generation, made absolute.
_abs() {
  _hmPath "$1"
}

fail() {
  printf '%s\n' "$1"
  exit 1
}

assertPathNotExists() {
  [[ -e "$(_hmPath "$1")" ]] && fail "Expected $1 to be missing but it exists."
  return 0
}

assertFileExists() {
  [[ -f "$(_hmPath "$1")" ]] || fail "Expected $1 to exist but it was not found."
}

assertFileIsExecutable() {
  [[ -x "$(_hmPath "$1")" ]] || fail "Expected $1 to be executable but it was not."
}

assertFileIsNotExecutable() {
  [[ -x "$(_hmPath "$1")" ]] && fail "Expected $1 to not be executable but it was."
  return 0
}

sourceFile() {
  assertFileExists "$1"
  # shellcheck disable=SC1090
  source "$(_hmPath "$1")"
}

assertFileContains() {
  grep -qF -- "$2" "$(_hmPath "$1")" || fail "Expected $1 to contain $2 but it did not."
}

assertFileRegex() {
  grep -q -- "$2" "$(_hmPath "$1")" || fail "Expected $1 to match $2 but it did not."
}

assertFileNotRegex() {
  grep -q -- "$2" "$(_hmPath "$1")" && fail "Expected $1 to not match $2 but it did."
  return 0
}

# Our store's `builtins.toFile` paths given their /nix/store names (see nix-store-names.ts).
_hmWithNixStoreNames() {
  [[ -n ${HM_TEST_STORE_NAMES-} && -f $1 ]] || return 1
  "${HM_TEST_NODE:-node}" "$HM_TEST_STORE_NAMES" "$HM_TEST_STORE_DIR" "$1"
}

assertFileContent() {
  local actual
  actual="$(_hmPath "$1")"
  if ! cmp -s "$actual" "$2" && ! cmp -s <(_hmWithNixStoreNames "$actual") "$2"; then
    fail "Expected $1 to be same as $2 but were different:
$(diff -du --label actual --label expected "$actual" "$2")"
  fi
}

assertDiff() {
  diff --ignore-space-change --ignore-blank-lines "$1" "$2" || fail "File \"$1\" did not match given content."
}

assertLinkExists() {
  [[ -L "$(_hmPath "$1")" ]] || fail "Expected symlink $1 to exist but it was not found."
}

assertLinkPointsTo() {
  assertLinkExists "$1"
  local points
  points="$(readlink "$(_hmPath "$1")")"
  [[ "$points" == "$2" ]] || fail "Symlink $1 was supposed to point to $2, but it actually points to $points."
}

assertDirectoryExists() {
  [[ -d "$(_hmPath "$1")" ]] || fail "Expected directory $1 to exist but it was not found."
}

assertDirectoryEmpty() {
  assertDirectoryExists "$1"
  local listing
  listing="$(find "$(_hmPath "$1")" -mindepth 1 -maxdepth 1 -printf '%P\n')"
  [[ -z "$listing" ]] || fail "Expected directory $1 to be empty but it contains
$listing"
}

assertDirectoryNotEmpty() {
  assertDirectoryExists "$1"
  [[ -n "$(find "$(_hmPath "$1")" -mindepth 1 -maxdepth 1)" ]] || fail "Expected directory $1 to be not empty but it was."
}

# Copy a file to "$out/normalized/" with every store path (ours or
# /nix/store) given the all-zero hash; print the copy's path.
normalizeStorePaths() {
  local from to
  from="$(_hmPath "$1")"
  mkdir -p "$out/normalized"
  to="$out/normalized/${from##*/}"
  sed -E \
    -e "s!${HM_TEST_STORE_DIR}/[a-z0-9]{32}((-[a-zA-Z][a-zA-Z0-9+._?=]*)*)(-[a-zA-Z0-9+._?=-]*)?!/nix/store/00000000000000000000000000000000\\1!g" \
    -e 's!/nix/store/[a-z0-9]{32}((-[a-zA-Z][a-zA-Z0-9+._?=]*)*)(-[a-zA-Z0-9+._?=-]*)?!/nix/store/00000000000000000000000000000000\1!g' \
    <"$from" >"$to"
  printf '%s\n' "$to"
}
