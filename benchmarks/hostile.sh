#!/usr/bin/env bash
#
# Hostile input (issue 17): the honest attendee's ping round trip while each case of the standing
# suite itests/.../e2e/HostileInputTest runs against the assembled distribution, on loopback only.
#
#   benchmarks/hostile.sh            # builds nothing; install the distribution first
#
# The suite runs as in CI (one Stoa instance, port offset 6100), with -Dstoa.hostile.report=FILE:
# during every case a logged-in attendee of the same node pings every 50 ms and the class writes
# that case's count, p50, p99 and max round trip (ms) to FILE. This script turns FILE into a
# Markdown table on stdout and in benchmarks/results/hostile-<date>.md, with the machine's load
# (uptime) before and after. Nothing asserts on time: the suite's own assertions are the answers
# (close codes, statuses, error lines) and that the attendee was answered at all.
#
# Environment: MAVEN_REPO (a local repository for -Dmaven.repo.local, optional),
# STOA_SHARED (default ../shared), MVN_OFFLINE=1 to pass -o.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=$(date -u +%Y-%m-%d-%H%M)
out=benchmarks/results/hostile-$stamp.md
raw=$(mktemp)
load_before=$(uptime)
args=(-B verify -pl itests -Dtest=HostileInputTest -Dsurefire.failIfNoSpecifiedTests=false
      "-Dstoa.shared=${STOA_SHARED:-$PWD/../shared}" "-Dstoa.hostile.report=$raw")
[ -n "${MAVEN_REPO:-}" ] && args+=("-Dmaven.repo.local=$MAVEN_REPO")
[ "${MVN_OFFLINE:-0}" = 1 ] && args+=(-o)
status=0
mvn -q "${args[@]}" >&2 || status=$?
load_after=$(uptime)
{
  echo "# Hostile input: honest attendee's ping round trip per case ($stamp UTC)"
  echo
  echo "Suite result: $([ $status = 0 ] && echo passed || echo "FAILED (mvn exit $status)")."
  echo "Load before: \`$load_before\`; after: \`$load_after\`; $(nproc) cores."
  echo
  echo "| case | pings | p50 ms | p99 ms | max ms |"
  echo "|---|---:|---:|---:|---:|"
  while IFS=$'\t' read -r name count p50 p99 max; do
    echo "| $name | $count | $p50 | $p99 | $max |"
  done < "$raw"
} | tee "$out"
rm -f "$raw"
exit $status
