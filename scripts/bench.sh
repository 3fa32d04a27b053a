#!/usr/bin/env bash
# Benchmarks, one subcommand each; options after the subcommand go to the benchmark.
#   scripts/bench.sh privacy [--rows N] [--seed S]   P29 on a synthetic patient table (default 1,000,000 rows)
#   scripts/bench.sh upload [--rows N] [--columns N] [--rounds N] [--large]
#                                                    end-to-end HTTP upload vs psql \copy on the same cluster
#   scripts/bench.sh download [--rows N]             ZIP download of a 1,000,000-row table: time and peak RSS
#   scripts/bench.sh bodies [--gigabytes N]           multi-GB chunked bodies: status, app RSS and temp disk
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"

usage() {
  say "usage: scripts/bench.sh <benchmark> [options]"
  say "  privacy [--rows N] [--seed S]   time the P29 privacy report (FairDatabase.Bench)"
  say "  upload [--rows N] [--columns N] [--rounds N] [--large]"
  say "                                  time an upload through the running app against psql \\copy;"
  say "                                  --large makes a ~1 GB file to show the app's memory stays flat"
  say "  download [--rows N]             time the ZIP download of a large table and the app's peak RSS"
  say "  bodies [--gigabytes N]          stream N GB (default 4) bodies at the app: 413, RSS and temp disk stay flat"
}

[ $# -gt 0 ] || { usage; exit 2; }
benchmark="$1"
shift

case "$benchmark" in
  privacy)
    ensure_dotnet
    exec dotnet run -c Release --project FairDatabase.Bench -- privacy "$@"
    ;;
  upload)
    exec bash "$FAIRDB_ROOT/scripts/bench-upload.sh" "$@"
    ;;
  download)
    exec bash "$FAIRDB_ROOT/scripts/bench-download.sh" "$@"
    ;;
  bodies)
    exec bash "$FAIRDB_ROOT/scripts/bench-bodies.sh" "$@"
    ;;
  -h | --help | help)
    usage
    ;;
  *)
    usage
    die "unknown benchmark: $benchmark"
    ;;
esac
