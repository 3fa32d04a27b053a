#!/usr/bin/env bash
# Benchmarks, one subcommand each; options after the subcommand go to the benchmark.
#   scripts/bench.sh privacy [--rows N] [--seed S]   P29 on a synthetic patient table (default 1,000,000 rows)
#   scripts/bench.sh releases [--rows N]              release risk figures, 1,000,000 rows x 5 quasi-identifiers
#   scripts/bench.sh upload [--rows N] [--columns N] [--rounds N] [--large]
#                                                    end-to-end HTTP upload vs psql \copy on the same cluster
#   scripts/bench.sh download [--rows N]             ZIP download of a 1,000,000-row table: time and peak RSS
#   scripts/bench.sh transpose [--features N] [--samples N]
#                                                    turn a 10,000-feature × 1,000-sample table into sample rows
#   scripts/bench.sh explore                         columns.json and diversity.json times and peak RSS
#   scripts/bench.sh pages [--users N] [--seconds N] [--rate N] [--single] [--instances N]
#                                                    50 signed-in users browsing: one instance, then the cluster
#   scripts/bench.sh anonymize [--rows N] [--long-rows N] [--no-download]
#                                                    every anonymization step over HTTP on the wide file, and
#                                                    P29 on a long 8-column table: seconds and peak RSS
#   scripts/bench.sh bodies [--gigabytes N]           multi-GB chunked bodies: status, app RSS and temp disk
#   scripts/bench.sh release-zip [--rows N] [--taxa N] release ZIP of a 10,000 x 2,005 table: time, size, peak RSS
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$FAIRDB_ROOT"

usage() {
  say "usage: scripts/bench.sh <benchmark> [options]"
  say "  privacy [--rows N] [--seed S]   time the P29 privacy report (FairDatabase.Bench)"
  say "  releases [--rows N]             time a release's risk figures (5 quasi-identifiers, default 1,000,000 rows)"
  say "  upload [--rows N] [--columns N] [--rounds N] [--large]"
  say "                                  time an upload through the running app against psql \\copy;"
  say "                                  --large makes a ~1 GB file to show the app's memory stays flat"
  say "  download [--rows N]             time the ZIP download of a large table and the app's peak RSS"
  say "  transpose [--features N] [--samples N]"
  say "                                  time turning a BIOM JSON and a biom-tool TSV feature table into sample rows; peak RSS"
  say "  explore                         time columns.json (10,000 x 2,005) and diversity.json (300 x 550, 2,000 x 2,000)"
  say "  pages [--users N] [--seconds N] [--rate N] [--rows N] [--columns N] [--single] [--instances N]"
  say "                                  signed-in users on dashboard, search and preview: p50/p99, requests/s,"
  say "                                  non-2xx; one instance, then HAProxy + N instances + PgBouncer"
  say "  anonymize [--rows N] [--long-rows N] [--no-download]"
  say "                                  time each anonymization step over HTTP on the wide benchmark file"
  say "                                  (default 10,000 rows) and P29 on a long table (default 100,000 rows)"
  say "  bodies [--gigabytes N]          stream N GB (default 4) bodies at the app: 413, RSS and temp disk stay flat"
  say "  release-zip [--rows N] [--taxa N] time the release ZIP (default 10,000 rows x 2,005 columns) as a visitor; peak RSS"
}

[ $# -gt 0 ] || { usage; exit 2; }
benchmark="$1"
shift

case "$benchmark" in
  privacy)
    ensure_dotnet
    exec dotnet run -c Release --project FairDatabase.Bench -- privacy "$@"
    ;;
  releases)
    ensure_dotnet
    exec dotnet run -c Release --project FairDatabase.Bench -- releases "$@"
    ;;
  upload)
    exec bash "$FAIRDB_ROOT/scripts/bench-upload.sh" "$@"
    ;;
  download)
    exec bash "$FAIRDB_ROOT/scripts/bench-download.sh" "$@"
    ;;
  release-zip)
    exec bash "$FAIRDB_ROOT/scripts/bench-release-zip.sh" "$@"
    ;;
  transpose)
    ensure_dotnet
    dotnet build -c Release -v q -nologo FairDatabase.Bench >/dev/null
    # One process per format, so each peak RSS is its own.
    for format in json tsv; do
      dotnet run -c Release --no-build --project FairDatabase.Bench -- transpose --format "$format" "$@"
    done
    ;;
  explore)
    exec bash "$FAIRDB_ROOT/scripts/bench-explore.sh" "$@"
    ;;
  pages)
    exec bash "$FAIRDB_ROOT/scripts/bench-pages.sh" "$@"
    ;;
  anonymize)
    exec bash "$FAIRDB_ROOT/scripts/bench-anonymize.sh" "$@"
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
