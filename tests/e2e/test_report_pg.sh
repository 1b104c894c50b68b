#!/bin/sh
# wegwijzer report on PostgreSQL: the same known answers as on SQLite.
. tests/e2e/with_pg.sh
exec sh tests/e2e/test_report.sh
