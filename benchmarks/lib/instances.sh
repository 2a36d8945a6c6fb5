# Sourced by the benchmarks: logging, the processes of the Karaf copies they start, cleanup, and
# editing of their configuration. A script sets WORK (its work directory) before calling any of
# these, and adds each Karaf home it starts to STARTED_DIRS; `use_work PREFIX` does the former
# and installs the cleanup.

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }

# Creates the work directory and makes cleanup run on exit. PostgreSQL runs as 'nobody' when Stoa
# runs as root, so every directory above the copies must be traversable.
use_work() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    chmod 755 "$WORK"
    log "work directory $WORK"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# PID of the Karaf JVM running from directory $1 (empty if none). Paths here contain no spaces.
jvm_pid() {
    local snapshot
    snapshot=$(ps -eo pid=,args=)
    D=" -Dkaraf.home=$1 " awk 'index($0 " ", ENVIRON["D"]) && / org\.apache\.karaf\.main\.Main( |$)/ {print $1; exit}' <<<"$snapshot"
}

# PIDs of processes whose command line contains $1 and (if given) $2, plus all their descendants,
# excluding PIDs listed in $3 (space separated) and this script. PostgreSQL's backends rewrite
# their command line ("postgres: checkpointer"), so they are found as descendants of the postmaster.
tree_pids() {
    local snapshot
    snapshot=$(ps -eo pid=,ppid=,args=)
    M1=$1 M2=${2:-} EXCL=" ${3:-} $$ $BASHPID " awk '
        { pid=$1; ppid=$2; $1=""; $2=""; args=$0; parent[pid]=ppid; all[pid]=1
          if (index(args, ENVIRON["M1"]) && (ENVIRON["M2"]=="" || index(args, ENVIRON["M2"])) \
              && !index(ENVIRON["EXCL"], " " pid " ")) hit[pid]=1 }
        END { changed=1
              while (changed) { changed=0
                  for (p in all) if (!(p in hit) && (parent[p] in hit) && !index(ENVIRON["EXCL"], " " p " ")) { hit[p]=1; changed=1 } }
              for (p in hit) print p }' <<<"$snapshot"
}

# Java processes on the machine that are not ours (other work competing for the CPUs), sampled over the run.
FOREIGN_MAX=0
sample_foreign() {
    local snapshot n
    snapshot=$(ps -eo comm=,args=)
    n=$(W=$WORK awk '$1=="java" && !index($0, ENVIRON["W"])' <<<"$snapshot" | wc -l)
    (( n > FOREIGN_MAX )) && FOREIGN_MAX=$n
    if (( n > 0 )); then
        log "note: $n other Java process(es) running: $(W=$WORK awk '$1=="java" && !index($0, ENVIRON["W"]) {print substr($0, length($0) > 100 ? length($0) - 100 : 1)}' <<<"$snapshot" | tr '\n' '|')"
    fi
    return 0
}

# Stops every copy this run started (bin/stop, then signals for whatever is left: a JVM, its
# PostgreSQL, bin/stoa clients) and removes the work directory unless KEEP_WORK=1.
STARTED_DIRS=()
cleanup() {
    local rc=$? dir pids p i
    trap - EXIT INT TERM
    if [ -f "$WORK/watchers" ]; then
        for p in $(cat "$WORK/watchers"); do kill "$p" 2>/dev/null || true; done
    fi
    for p in $(jobs -p); do kill "$p" 2>/dev/null || true; done
    for dir in "${STARTED_DIRS[@]}"; do
        if [ -n "$(jvm_pid "$dir")" ]; then
            log "cleanup: bin/stop in $dir"
            (cd "$dir" && timeout 60 bin/stop >/dev/null 2>&1 </dev/null) || true
        fi
    done
    for dir in "${STARTED_DIRS[@]}"; do
        for i in $(seq 1 150); do [ -z "$(jvm_pid "$dir")" ] && break; sleep 0.2; done
    done
    pids=$(tree_pids "$WORK")
    for i in $(seq 1 50); do [ -z "$pids" ] && break; sleep 0.2; pids=$(tree_pids "$WORK"); done
    if [ -n "$pids" ]; then
        log "cleanup: terminating leftovers $(echo $pids)"
        for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
        for i in $(seq 1 50); do pids=$(tree_pids "$WORK"); [ -z "$pids" ] && break; sleep 0.2; done
        for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
    fi
    if [ "${KEEP_WORK:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}

set_prop() { # file key value: replaces "key = ..." or appends it, and checks it took
    if grep -qE "^[[:space:]]*$2[[:space:]]*=" "$1"; then
        sed -i -E "s|^([[:space:]]*$2[[:space:]]*=[[:space:]]*).*|\1$3|" "$1"
    else
        printf '%s = %s\n' "$2" "$3" >>"$1"
    fi
    grep -qE "^[[:space:]]*$2[[:space:]]*=[[:space:]]*$3[[:space:]]*$" "$1" || die "could not set $2 in $1"
}
get_prop() { sed -nE "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*//p" "$1" | tail -n 1 | tr -d '[:space:]'; }

port_free() { ! ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }
