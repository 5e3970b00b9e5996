# testlib.sh — sourced by the shell test runners: a scratch folder removed
# at exit, pass/fail counters, check NAME COMMAND..., and finish SUITE,
# which prints the "SUITE: N passed, N failed" line and sets the status.
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { name=$1; shift; if "$@"; then ok; else bad "$name"; fi; }
finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
