#!/bin/sh
# make deb: the Debian package, built by dpkg-buildpackage -b -us -uc in a
# copy of the tree (tracked and new files, not build/) under DIR; the
# .deb, .buildinfo and .changes land in DIR. Then lintian, when installed,
# with the overrides in debian/.
#   scripts/deb.sh DIR
set -eu
cd "$(dirname "$0")/.."
dir=${1:-build/deb}
ver=$(dpkg-parsechangelog -S Version)
rm -rf "$dir"
mkdir -p "$dir/wegwijzer-$ver"
git ls-files -z --cached --others --exclude-standard | xargs -0 tar cf - | tar xf - -C "$dir/wegwijzer-$ver"
(cd "$dir/wegwijzer-$ver" && dpkg-buildpackage -b -us -uc -j"$(nproc)") >"$dir/build.log" 2>&1 || {
    tail -30 "$dir/build.log" >&2
    echo "deb: dpkg-buildpackage failed (log: $dir/build.log)" >&2
    exit 1
}
deb=$(ls "$dir"/wegwijzer_"$ver"_*.deb)
echo "deb: $deb"
if command -v lintian >/dev/null 2>&1; then
    lintian --fail-on error,warning --info "$deb"
    echo "deb: lintian: clean"
else
    echo "deb: lintian is not installed: not checked"
fi
