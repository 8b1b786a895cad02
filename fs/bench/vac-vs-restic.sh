#!/usr/bin/env bash
# vac-vs-restic.sh [small|medium|large] [WORKDIR]
# Runs, side by side on one corpus (shared/bench/make-corpus.sh), ventifs vac/unvac
# with an embedded store and restic with a local repository:
#   first archive (vac vs restic backup), second archive of the unchanged tree
#   (vac -d vs restic backup, which uses its parent snapshot), restore (unvac vs
#   restic restore; each starts with empty caches when run as root: cold_restores).
#   Each archive step starts with the corpus in the page cache, each restore with
#   empty caches, and every phase runs restic's step and then ours back to back.
#   Prints one JSON object: seconds and MB/s (corpus bytes / time)
#   of each step, and the ratio ventifs/restic. Needs restic (apt-get install restic)
#   and fs/target/ventifs.jar (mvn -B -q -ntp -DskipTests package).
set -euo pipefail
size=${1:-medium}
repo=$(cd "$(dirname "$0")/../.." && pwd)
shared=${VENTIFS_SHARED:-$repo/../shared}
[ -x "$shared/bench/make-corpus.sh" ] || shared=/work/shared
jar=${VENTIFS_JAR:-$repo/fs/target/ventifs.jar}
[ -f "$jar" ] || { echo "vac-vs-restic: build $jar first (mvn -B -q -ntp -DskipTests package)" >&2; exit 1; }
command -v restic >/dev/null || { echo "vac-vs-restic: install restic first (apt-get install -y restic)" >&2; exit 1; }
work=${2:-$(mktemp -d /var/tmp/vac-bench.XXXXXX)}
mkdir -p "$work"
corpus=$work/corpus
[ -d "$corpus" ] || "$shared/bench/make-corpus.sh" "$size" "$corpus" >&2
bytes=$(du -sb "$corpus" | cut -f1)
files=$(find "$corpus" | wc -l)
export RESTIC_PASSWORD=bench RESTIC_CACHE_DIR=$work/restic-cache
deleted_at=0
if [ -e "$work/restic-out" ] || [ -e "$work/ventifs-out" ]; then deleted_at=$(date +%s); fi
rm -rf "$work/restic" "$work/restic-out" "$work/venti" "$work/ventifs-out" "$work/restic-cache"

seconds() { # runs "$@" quietly, prints its wall-clock seconds
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/last.out" 2>"$work/last.err" || { cat "$work/last.err" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
ventifs() { VENTIFS_JAR=$jar "$repo/mount-scripts/ventifs" "$@"; } # as users run it
cold=true
drop_caches() { # before each restore, so that neither reads what its archive step left in the page cache
  sync
  { [ -w /proc/sys/vm/drop_caches ] && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; } || cold=false
}

warm() { # before each archive: the corpus in the page cache for both sides, as a tree in use is
  find "$corpus" -type f -print0 | xargs -0 cat >/dev/null
}

# Phase by phase, restic then ventifs, each step under the same page-cache state.
restic init --repo "$work/restic" >/dev/null
sync; warm
r1=$(seconds restic --repo "$work/restic" backup --quiet "$corpus")
sync; warm
v1=$(seconds ventifs vac --store "$work/venti" -o "$work/first.vac" "$corpus")
sync; warm
r2=$(seconds restic --repo "$work/restic" backup --quiet "$corpus")
sync; warm
v2=$(seconds ventifs vac --store "$work/venti" -d "$work/first.vac" -o "$work/second.vac" "$corpus")
# ext4 without a journal passes over every inode freed in the last 60 s each time it
# allocates one (recently_deleted), which made restores after a rerun slow and noisy:
# the restores wait until the last run's outputs, deleted above, are older than that.
sync
wait=$((deleted_at + 61 - $(date +%s)))
if [ "$wait" -gt 0 ]; then sleep "$wait"; fi
drop_caches
rr=$(seconds restic --repo "$work/restic" restore latest --target "$work/restic-out")
drop_caches
vr=$(seconds ventifs unvac --store "$work/venti" "$work/first.vac" "$work/ventifs-out")
restic_version=$(restic version | cut -d' ' -f2)
restic_repo_version=$(restic --repo "$work/restic" cat config | grep -o '"version": *[0-9]*' | grep -o '[0-9]*$')
diff -r --no-dereference "$corpus" "$work/ventifs-out" >/dev/null \
  || { echo "vac-vs-restic: the ventifs restore differs from the corpus" >&2; exit 1; }
store_bytes=$(du -sb "$work/venti" | cut -f1)
restic_bytes=$(du -sb "$work/restic" | cut -f1)

mbs() { echo "scale=1; $bytes / 1000000 / $1" | bc -l; }
ratio() { echo "scale=2; $2 / $1" | bc -l; }
cat <<JSON
{
  "corpus": "$size", "files": $files, "cold_restores": $cold, "bytes": $bytes, "cores": $(nproc),
  "restic": "$restic_version", "restic_repository_version": ${restic_repo_version:-null},
  "first_archive": {"ventifs_s": $v1, "restic_s": $r1, "ventifs_MBps": $(mbs "$v1"), "restic_MBps": $(mbs "$r1"), "speedup": $(ratio "$v1" "$r1")},
  "second_archive_unchanged": {"ventifs_s": $v2, "restic_s": $r2, "ventifs_MBps": $(mbs "$v2"), "restic_MBps": $(mbs "$r2"), "speedup": $(ratio "$v2" "$r2")},
  "restore": {"ventifs_s": $vr, "restic_s": $rr, "ventifs_MBps": $(mbs "$vr"), "restic_MBps": $(mbs "$rr"), "speedup": $(ratio "$vr" "$rr")},
  "stored_bytes": {"ventifs": $store_bytes, "restic": $restic_bytes}
}
JSON
