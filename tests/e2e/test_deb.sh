#!/bin/sh
# The Debian package (make deb) installed into a fresh root the way an
# administrator installs it (README, "Installing on a kiosk PC", steps 1
# and 4): dpkg --root with the maintainer scripts run against that root
# (--force-script-chrootless: DPKG_ROOT, as in a container image build).
# Checked: files in place, the service user and its state folder made by
# the package's own sysusers and tmpfiles, `wegwijzer config check` as that
# user on the installed configuration, a kiosk start that creates the store,
# then remove (configuration and state stay) and purge (nothing left but
# dpkg's own records and the system user, which Debian never removes).
# The package's dependencies are not in the fresh root: the binary runs
# with this machine's libraries (--force-depends).
#   WW_DEB=build/deb/wegwijzer_0.1.0_amd64.deb sh tests/e2e/test_deb.sh
. "$(dirname "$0")/lib.sh"

if ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "skip: no dpkg-deb (not a Debian system)"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "skip: installing into a root and running as its service user needs root"
    exit 0
fi
deb=${WW_DEB:-}
if [ -z "$deb" ]; then
    if ! command -v dpkg-buildpackage >/dev/null 2>&1 || ! command -v dh >/dev/null 2>&1; then
        echo "skip: no .deb given (WW_DEB) and no dpkg-buildpackage/debhelper to make one"
        exit 0
    fi
    make --no-print-directory deb >"$WW_TMP/deb.log" 2>&1 || {
        cat "$WW_TMP/deb.log"
        echo "FAIL make deb"
        exit 1
    }
    deb=$(ls build/deb/wegwijzer_*.deb | head -1)
fi
check "the package is built: $(basename "$deb")" test -s "$deb"
chmod 755 "$WW_TMP"

# A fresh root: dpkg's database and the base accounts, nothing else.
root=$WW_TMP/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/etc"
touch "$root/var/lib/dpkg/status"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"
base=$(cd "$root" && find . -type f | sort)

# ---- step 1: install ----
check "dpkg -i into the fresh root" sh -c "dpkg --root='$root' --log=/dev/null \
    --force-script-chrootless --force-depends -i '$deb' >'$WW_TMP/install.log' 2>&1" ||
    sed 's/^/    /' "$WW_TMP/install.log"
check "installed and configured" sh -c "dpkg --root='$root' -s wegwijzer | grep -q 'Status: install ok installed'"
for f in usr/bin/wegwijzer usr/share/wegwijzer/assets/pictograms usr/share/wegwijzer/locale/ar/LC_MESSAGES/wegwijzer.mo \
    etc/wegwijzer/locations/weener-xl.ini etc/default/wegwijzer lib/systemd/system/wegwijzer-kiosk@.service \
    lib/systemd/system/wegwijzer-screen@.service usr/lib/sysusers.d/wegwijzer.conf \
    usr/lib/tmpfiles.d/wegwijzer.conf usr/share/doc/wegwijzer/README.md usr/share/man/man1/wegwijzer.1.gz; do
    check "in place: /$f" test -e "$root/$f"
done
check "the sample configuration is made of conffiles" \
    grep -q '^/etc/wegwijzer/locations/weener-xl.ini$' "$root/var/lib/dpkg/info/wegwijzer.conffiles"
check "the units run the installed program" \
    grep -q '^ExecStart=/usr/bin/cage -s -- /usr/bin/wegwijzer kiosk' "$root/lib/systemd/system/wegwijzer-kiosk@.service"
check "no unit refers to /usr/local" sh -c "! grep -rq /usr/local '$root/lib/systemd/system'"

# The service user and its state folder, made by the package's scripts.
uid=$(awk -F: '$1 == "wegwijzer" { print $3 }' "$root/etc/passwd")
gid=$(awk -F: '$1 == "wegwijzer" { print $4 }' "$root/etc/passwd")
check "the service user exists in the root (uid ${uid:-none})" test -n "$uid"
check "... with the groups for screen, input, sound and printer" sh -c \
    "for g in video render input audio lp; do grep -q \"^\$g:.*wegwijzer\" '$root/etc/group' || exit 1; done"
check "the state folder belongs to it, mode 0750" \
    test "$(stat -c '%u %a' "$root/var/lib/wegwijzer" 2>/dev/null)" = "${uid:-x} 750"

# ---- step 2: the staff PIN, the configuration readable by the service only ----
expect "step 2: set-pin into the service's state folder" 0 "staff PIN set for weener-xl" -- \
    sh -c "echo 246813 | WEGWIJZER_CONFIG='$root/etc/wegwijzer' '$root/usr/bin/wegwijzer' staff set-pin --location weener-xl --state '$root/var/lib/wegwijzer'"
check "step 2: the PIN hash is in the state folder, 0600, the service user's" \
    sh -c "grep -q '^\$argon2id' '$root/var/lib/wegwijzer/weener-xl.pin' && test \"\$(stat -c '%u %a' '$root/var/lib/wegwijzer/weener-xl.pin')\" = '${uid:-x} 600'"
check "step 2: neither the PIN nor its hash is in the configuration" \
    sh -c "! grep -rqE '246813|^pin_hash = .' '$root/etc/wegwijzer'"
chown -R "0:$gid" "$root/etc/wegwijzer"
chmod -R o-rwx "$root/etc/wegwijzer"

# ---- step 4: the configuration, checked as the service user ----
as_service() {
    setpriv --reuid="$uid" --regid="$gid" --clear-groups env -i PATH=/usr/bin:/bin \
        WEGWIJZER_CONFIG="$root/etc/wegwijzer" WEGWIJZER_STATE="$root/var/lib/wegwijzer" "$@"
}
expect "step 4: config check as the service user ends with ok" 0 ": ok: " -- \
    as_service "$root/usr/bin/wegwijzer" config check
check "step 2: others cannot read the configuration" \
    sh -c "! setpriv --reuid=65534 --regid=65534 --clear-groups cat '$root/etc/wegwijzer/locations/weener-xl.ini' 2>/dev/null"
expect "the installed program knows its version" 0 "wegwijzer 0.1.0" -- "$root/usr/bin/wegwijzer" --version
printf 'expect screen attract\ntap start\nexpect screen topics\n' >"$WW_TMP/start.txt"
chmod 644 "$WW_TMP/start.txt"
expect "the installed kiosk starts and takes a tap as the service user" 0 "" -- \
    as_service SDL_VIDEODRIVER=offscreen WEGWIJZER_LOCALEDIR="$root/usr/share/wegwijzer/locale" \
    "$root/usr/bin/wegwijzer" kiosk --location weener-xl \
    --assets "$root/usr/share/wegwijzer/assets" --script "$WW_TMP/start.txt"
check "the store is in the state folder" sh -c "ls '$root/var/lib/wegwijzer' | grep -q ."

# ---- remove: the configuration and the state stay ----
echo "# an administrator's change" >>"$root/etc/wegwijzer/partners.ini"
check "dpkg --remove" sh -c "dpkg --root='$root' --log=/dev/null --force-script-chrootless --force-depends --remove wegwijzer >'$WW_TMP/remove.log' 2>&1"
check "removed: the program is gone" test ! -e "$root/usr/bin/wegwijzer"
check "removed: the units are gone" test ! -e "$root/lib/systemd/system/wegwijzer-kiosk@.service"
check "removed: the changed configuration stays" grep -q "administrator's change" "$root/etc/wegwijzer/partners.ini"
check "removed: the state stays" sh -c "ls '$root/var/lib/wegwijzer' | grep -q ."

# ---- purge: nothing left ----
check "dpkg --purge" sh -c "dpkg --root='$root' --log=/dev/null --force-script-chrootless --force-depends --purge wegwijzer >'$WW_TMP/purge.log' 2>&1"
check "purged: no configuration" test ! -e "$root/etc/wegwijzer"
check "purged: no state" test ! -e "$root/var/lib/wegwijzer"
check "purged: no /etc/default/wegwijzer" test ! -e "$root/etc/default/wegwijzer"
left=$(cd "$root" && find . ! -type d | sort | grep -v '^./var/lib/dpkg/' |
    grep -v '^./etc/\(passwd\|group\|shadow\|gshadow\)-\{0,1\}$' | grep -vx './etc/.pwd.lock' || true)
new=$(printf '%s\n' "$left" | grep -vxF "$base" | grep . || true)
check "purged: no file left outside dpkg's records and the accounts" test -z "$new"
[ -n "$new" ] && printf '    left: %s\n' $new
dirs=$(cd "$root" && find . -mindepth 1 -type d -empty | grep -v '^./var/lib/dpkg' || true)
[ -n "$dirs" ] && echo "     empty folders dpkg keeps: $(echo $dirs)"
finish
