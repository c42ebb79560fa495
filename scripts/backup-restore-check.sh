#!/usr/bin/env bash
# Backup and restore, proved: dump the database at DATABASE_URL (pg_dump -Fc), restore the dump
# into a fresh database on the same server (pg_restore), compare the row count of every table,
# then drop the copy. Exits non-zero when anything differs or a step fails. See SECURITY.md.
#
#   DATABASE_URL=postgres://user@host:5432/tend scripts/backup-restore-check.sh [--keep-dump FILE] [--checksums]
#
# --keep-dump FILE  keep the dump (it is the backup) instead of deleting it
# --checksums       also compare an md5 of every table's rows (reads every row: slow on big databases)
#
# Needs pg_dump, pg_restore and psql of the server's major version or newer, and a role that
# may CREATE DATABASE. The dump holds clients' words encrypted (DATA_ENCRYPTION_KEY is not in it)
# but names, email addresses and outbox data in clear: store it encrypted, like the database.
set -euo pipefail

keep_dump=""
checksums=0
while [ $# -gt 0 ]; do
  case "$1" in
    --keep-dump) keep_dump="${2:?--keep-dump needs a file}"; shift 2 ;;
    --checksums) checksums=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "backup-check: unknown option $1" >&2; exit 2 ;;
  esac
done

if [ -z "${DATABASE_URL:-}" ]; then
  echo "backup-check: set DATABASE_URL to the database to back up (postgres://…)" >&2
  exit 2
fi
for tool in pg_dump pg_restore psql; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "backup-check: $tool is not installed (apt-get install postgresql-client)" >&2
    exit 2
  }
done

# postgres://user:pw@host:port/dbname?params → the same URL naming another database.
base="${DATABASE_URL%%\?*}"
params="${DATABASE_URL#"$base"}"
server="${base%/*}"
source_db="${base##*/}"
copy_db="${source_db}_restore_check_$$"
copy_url="${server}/${copy_db}${params}"
admin_url="${server}/postgres${params}"

work="$(mktemp -d)"
dump="${keep_dump:-$work/backup.dump}"
created=0
cleanup() {
  if [ "$created" = 1 ]; then
    psql "$admin_url" -v ON_ERROR_STOP=1 -qAtc "drop database if exists \"$copy_db\" with (force)" >/dev/null 2>&1 ||
      echo "backup-check: could not drop $copy_db; drop it by hand" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT

server_major=$(( $(psql "$DATABASE_URL" -qAtc "show server_version_num") / 10000 ))
dump_major="$(pg_dump --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')"
if [ "$dump_major" -lt "$server_major" ]; then
  echo "backup-check: pg_dump $dump_major is older than the server ($server_major); install a newer client" >&2
  exit 2
fi

echo "backup-check: database \"$source_db\" (PostgreSQL $server_major, pg_dump $dump_major)"
start=$(date +%s)
pg_dump -Fc --no-owner --no-privileges --file "$dump" "$DATABASE_URL"
echo "backup-check: dumped to $dump ($(du -h "$dump" | cut -f1)) in $(( $(date +%s) - start ))s"

psql "$admin_url" -v ON_ERROR_STOP=1 -qAtc "create database \"$copy_db\"" >/dev/null
created=1
start=$(date +%s)
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$copy_url" "$dump"
echo "backup-check: restored into \"$copy_db\" in $(( $(date +%s) - start ))s"

# One line per table: schema.table<TAB>rows[<TAB>md5 of all rows]. Exact counts, not estimates.
checksum_sql=""
if [ "$checksums" = 1 ]; then
  checksum_sql="|| chr(9) || coalesce((xpath('/row/h/text()', query_to_xml(format('select md5(string_agg(t::text, chr(10) order by t::text)) as h from %I.%I t', n.nspname, c.relname), false, true, '')))[1]::text, '-')"
fi
count_sql="
select format('%I.%I', n.nspname, c.relname) || chr(9) ||
       (xpath('/row/n/text()', query_to_xml(format('select count(*) as n from %I.%I', n.nspname, c.relname), false, true, '')))[1]::text
       $checksum_sql
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
 where c.relkind in ('r', 'p')
   and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
 order by 1"
psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -qAtc "$count_sql" | LC_ALL=C sort >"$work/source.tsv"
psql "$copy_url" -v ON_ERROR_STOP=1 -qAtc "$count_sql" | LC_ALL=C sort >"$work/restored.tsv"

tables=$(wc -l <"$work/source.tsv")
rows=$(awk -F'\t' '{ s += $2 } END { print s + 0 }' "$work/source.tsv")
printf '%-40s %12s %12s\n' "table" "original" "restored"
LC_ALL=C join -t "$(printf '\t')" -a1 -a2 -e '(missing)' -o '0,1.2,2.2' "$work/source.tsv" "$work/restored.tsv" |
  while IFS="$(printf '\t')" read -r table a b; do
    mark=""
    [ "$a" = "$b" ] || mark="  <-- differs"
    printf '%-40s %12s %12s%s\n' "$table" "$a" "$b" "$mark"
  done

if diff -q "$work/source.tsv" "$work/restored.tsv" >/dev/null; then
  what="row counts"
  [ "$checksums" = 1 ] && what="row counts and checksums"
  echo "backup-check: OK: $tables tables, $rows rows; $what match"
else
  echo "backup-check: MISMATCH between the database and its restored copy:" >&2
  diff "$work/source.tsv" "$work/restored.tsv" >&2 || true
  exit 1
fi
