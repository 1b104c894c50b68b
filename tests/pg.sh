#!/bin/sh
# Run a command against a throwaway PostgreSQL server, then remove it.
#
#   tests/pg.sh COMMAND [ARG...]
#
# The cluster is made with initdb in a temporary directory, listens on
# 127.0.0.1 (the first free port from 55432, or $WW_PG_PORT), and runs as an
# unprivileged user: the caller, or as root the "postgres" account (made with
# useradd when missing). It is stopped and deleted afterwards, also when the
# command fails or is interrupted. The password login (scram-sha-256) is
# real; the password is random. The command sees:
#
#   WW_PG_URI      postgresql://wegwijzer:PASSWORD@127.0.0.1:PORT/wegwijzer
#   WW_TEST_STORE  the same URI (the store test suite reads it)
#   WW_PG_PORT     the port
#   WW_PG_CTL      a script: "$WW_PG_CTL stop" (immediate, like a crash),
#                  "$WW_PG_CTL start", "$WW_PG_CTL psql [ARG...]"
#
# By default the cluster skips fsync (fast; a crash of the server process
# still loses nothing committed, only a crash of the machine would); set
# WW_PG_DURABLE=1 for the settings of a real server (benchmarks).
# Exit status: the command's; 1 when the server cannot be set up.
set -eu

if [ $# -eq 0 ]; then
    echo "usage: tests/pg.sh COMMAND [ARG...]" >&2
    exit 2
fi

bin=""
for d in ${WW_PG_BIN:-} /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && bin=$d
done
if [ -z "$bin" ]; then
    echo "tests/pg.sh: PostgreSQL server programs not found (Debian package postgresql)" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wegwijzer-pg.XXXXXX")
chmod 755 "$tmp"
as=""
if [ "$(id -u)" -eq 0 ]; then
    user=postgres
    if ! id "$user" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
    fi
    chown "$user" "$tmp"
    as="runuser -u $user --"
fi

pw=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
ctl="$tmp/ctl"
cat >"$ctl" <<EOF
#!/bin/sh
# Control the throwaway cluster in $tmp.
cd "$tmp" || exit 1
case "\${1:-}" in
start) $as "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/log" -w -t 60 start >/dev/null ;;
stop) $as "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null ;;
psql) shift; PGPASSWORD=$pw "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "\$(cat "$tmp/port")" -U wegwijzer -d wegwijzer "\$@" ;;
*) echo "usage: \$0 start|stop|psql" >&2; exit 2 ;;
esac
EOF
chmod 700 "$ctl"

stopped=0
cleanup() {
    if [ "$stopped" -eq 0 ]; then
        stopped=1
        [ -f "$tmp/data/postmaster.pid" ] && "$ctl" stop 2>/dev/null
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

(
    cd "$tmp"
    printf '%s\n' "$pw" >pwfile
    [ -n "$as" ] && chown "$user" pwfile
    $as "$bin/initdb" -D "$tmp/data" -U wegwijzer --pwfile="$tmp/pwfile" -E UTF8 \
        --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 --no-sync \
        >"$tmp/initdb.log" 2>&1 || {
        cat "$tmp/initdb.log" >&2
        exit 1
    }
    rm -f pwfile
) || exit 1

conf="$tmp/data/postgresql.conf"
{
    echo "listen_addresses = '127.0.0.1'"
    echo "unix_socket_directories = '$tmp'"
    echo "max_connections = 60"
    if [ "${WW_PG_DURABLE:-0}" != 1 ]; then
        echo "fsync = off"
        echo "full_page_writes = off"
    fi
} >>"$conf"

port=${WW_PG_PORT:-55432}
last=$((port + 40))
while :; do
    echo "port = $port" >>"$conf"
    echo "$port" >"$tmp/port"
    if "$ctl" start 2>/dev/null; then
        break
    fi
    if [ "$port" -ge "$last" ] || ! grep -q "could not bind\|could not create listen" "$tmp/log"; then
        echo "tests/pg.sh: the PostgreSQL server did not start:" >&2
        cat "$tmp/log" >&2
        exit 1
    fi
    port=$((port + 1))
done

(cd "$tmp" && $as "$bin/createdb" -h "$tmp" -p "$port" -U wegwijzer wegwijzer) || exit 1

WW_PG_URI="postgresql://wegwijzer:$pw@127.0.0.1:$port/wegwijzer"
WW_TEST_STORE=$WW_PG_URI
WW_PG_PORT=$port
WW_PG_CTL=$ctl
export WW_PG_URI WW_TEST_STORE WW_PG_PORT WW_PG_CTL

status=0
"$@" || status=$?
exit $status
