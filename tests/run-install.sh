#!/bin/sh
# run-install.sh BUILD — make install into a scratch DESTDIR writes the
# binary, the pack, the site packs and the man pages; the installed binary
# finds its pack; make uninstall removes exactly those files (and the
# folders it made, when empty) and nothing else.
set -u
build=${1:?usage: run-install.sh BUILD}
cd "$(dirname "$0")/.." || exit 2
. tests/testlib.sh
dest=$tmp/root
mkdir -p "$dest/usr/share/keep-me"
: > "$dest/usr/share/keep-me/file"
make -s BUILD="$build" PREFIX=/usr DESTDIR="$dest" install > "$tmp/log" 2>&1
check "install: exit 0" test $? -eq 0
check "install: binary" test -x "$dest/usr/bin/cleaner"
check "install: pack" test -f "$dest/usr/share/cleaner/rules/00-generic.rules"
check "install: site packs" test -f "$dest/usr/share/cleaner/rules/sites/dantri.com.vn.rules"
check "install: man pages" test -f "$dest/usr/share/man/man1/cleaner.1" -a -f "$dest/usr/share/man/man5/cleaner-rules.5"
CLEANER_RULES="$dest/usr/share/cleaner/rules" "$dest/usr/bin/cleaner" --check-rules > "$tmp/cr" 2>&1
check "installed binary loads the installed pack" grep -q 'rules OK' "$tmp/cr"
: > "$dest/usr/share/cleaner/rules/mine.rules"   # a user's own file is not ours to remove
make -s BUILD="$build" PREFIX=/usr DESTDIR="$dest" uninstall > "$tmp/log" 2>&1
check "uninstall: exit 0" test $? -eq 0
check "uninstall: binary gone" test ! -e "$dest/usr/bin/cleaner"
check "uninstall: pack files gone" test ! -e "$dest/usr/share/cleaner/rules/00-generic.rules"
check "uninstall: a user's file stays" test -f "$dest/usr/share/cleaner/rules/mine.rules"
check "uninstall: other files stay" test -f "$dest/usr/share/keep-me/file"
check "uninstall: nothing else of ours" test "$(find "$dest" -type f | wc -l)" -eq 2
finish install
