#!/usr/bin/env bash
# mount-bench.sh [--runs N] [--size-mb MB] [--scratch DIR] [--phases "seq_write rand_write ..."]
#                [--ventifs-opts OPTS]
# Runs, side by side on the same disk, ventifs and bindfs (Debian's FUSE
# passthrough, with big_writes) through the same workloads, taking turns run by run,
# and prints JSON:
# per phase the median of N runs for each, and ventifs/bindfs ratios.
#   seq_write   dd of SIZE MiB of random data with conv=fsync (MB/s, higher is better)
#   seq_read    dd of that file after dropping caches (MB/s)
#   rand_read   fio 4 KiB random reads, 20 s (IOPS)
#   rand_write  fio 4 KiB random writes, 20 s (IOPS)
#   untar, find, du, rm   the small corpus (../shared/bench/make-corpus.sh small), tarred (seconds, lower is better)
# To measure one setting against the default, give ventifs's JVM properties in
# VENTIFS_JAVA_OPTS (e.g. -Dventifs.fuse.writebackCache=true; see FuseTuning.java) or
# mount options with --ventifs-opts (e.g. max_read=131072); the JSON records both, and
# the load average before and after.
# Needs root (drop_caches, mounts). Installs bindfs and fio when missing.
set -euo pipefail
runs=3
size_mb=1024
scratch=/var/tmp/ventifs-bench
phases="seq_write seq_read rand_read rand_write untar find du rm"
ventifs_opts=
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --size-mb) size_mb=$2; shift 2 ;;
    --scratch) scratch=$2; shift 2 ;;
    --phases) phases=$2; shift 2 ;;
    --ventifs-opts) ventifs_opts=$2; shift 2 ;;
    *) echo "usage: mount-bench.sh [--runs N] [--size-mb MB] [--scratch DIR] [--phases LIST] [--ventifs-opts OPTS]" >&2
       exit 2 ;;
  esac
done
here=$(cd "$(dirname "$0")/../.." && pwd)
ventifs=$here/mount-scripts/ventifs
corpus_script=${VENTIFS_SHARED:-$here/../shared}/bench/make-corpus.sh
command -v bindfs >/dev/null && command -v fio >/dev/null || { apt-get install -y -qq bindfs fio >/dev/null; }

rm -rf "$scratch"; mkdir -p "$scratch"/{vmnt,bsrc,bmnt}
cleanup() {
  umount "$scratch/vmnt" 2>/dev/null || fusermount3 -u -z "$scratch/vmnt" 2>/dev/null || true
  fusermount -u -z "$scratch/bmnt" 2>/dev/null || true
}
trap cleanup EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$ventifs" mount --data "$scratch/vdata" --snap-at none ${ventifs_opts:+-o "$ventifs_opts"} "$scratch/vmnt" >&2
bindfs -o big_writes "$scratch/bsrc" "$scratch/bmnt"

if [ ! -f "$scratch/../ventifs-bench-corpus.tar" ]; then
  rm -rf "$scratch/corpus"; bash "$corpus_script" small "$scratch/corpus" >&2
  tar -C "$scratch/corpus" -cf "$scratch/../ventifs-bench-corpus.tar" .
  rm -rf "$scratch/corpus"
fi
tarball=$scratch/../ventifs-bench-corpus.tar
head -c "${size_mb}M" /dev/urandom > "$scratch/random.bin"

drop() { sync; echo 3 > /proc/sys/vm/drop_caches; }
now() { date +%s.%N; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1048576 / s }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

phase() { # phase NAME DIR -> prints "name value"
  local name=$1 dir=$2 t0 t1
  case $name in
    seq_write) cat "$scratch/random.bin" >/dev/null; t0=$(now)
      dd if="$scratch/random.bin" of="$dir/seq" bs=1M conv=fsync status=none; t1=$(now)
      mbps $((size_mb * 1048576)) "$(secs "$t0" "$t1")" ;;
    seq_read) drop; t0=$(now); dd if="$dir/seq" of=/dev/null bs=1M status=none; t1=$(now)
      mbps $((size_mb * 1048576)) "$(secs "$t0" "$t1")" ;;
    rand_read|rand_write)
      local rw=randread; [ "$name" = rand_write ] && rw=randwrite
      fio --name=r --filename="$dir/seq" --rw=$rw --bs=4k --size=${size_mb}M --runtime=20 --time_based \
          --ioengine=psync --numjobs=1 --output-format=terse --terse-version=3 2>/dev/null |
        awk -F';' -v rw=$rw '{ print (rw == "randread") ? $8 : $49 }' ;;
    untar) rm -rf "$dir/tree"; mkdir "$dir/tree"; drop; t0=$(now); tar -C "$dir/tree" -xf "$tarball"; sync; t1=$(now); secs "$t0" "$t1" ;;
    find) drop; t0=$(now); find "$dir/tree" >/dev/null; t1=$(now); secs "$t0" "$t1" ;;
    du) drop; t0=$(now); du -s "$dir/tree" >/dev/null; t1=$(now); secs "$t0" "$t1" ;;
    rm) t0=$(now); rm -rf "$dir/tree"; sync; t1=$(now); secs "$t0" "$t1" ;;
  esac
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

case " $phases " in *" seq_read "*|*" rand_"*) case " $phases " in *" seq_write "*) ;; *) phases="seq_write $phases" ;; esac ;; esac
case " $phases " in *" find "*|*" du "*|*" rm "*) case " $phases " in *" untar "*) ;; *) phases="untar $phases" ;; esac ;; esac
declare -A results
# The two file systems take turns run by run, so a change in the machine's load (it is
# shared) falls on both rather than on whichever ran later.
for p in $phases; do
  declare -A vals=([ventifs]= [bindfs]=)
  for ((i = 0; i < runs; i++)); do
    for fs in ventifs bindfs; do
      dir=$scratch/vmnt; [ $fs = bindfs ] && dir=$scratch/bmnt
      if [ "$p" = rm ] && [ $i -gt 0 ]; then phase untar "$dir" >/dev/null; fi
      vals[$fs]+="$(phase "$p" "$dir") "
    done
  done
  for fs in ventifs bindfs; do
    results[$p.$fs]=$(printf '%s\n' ${vals[$fs]} | median)
  done
done

printf '{\n  "runs": %d, "size_mb": %d,\n  "ventifs_java_opts": "%s", "ventifs_opts": "%s",\n' \
  "$runs" "$size_mb" "${VENTIFS_JAVA_OPTS:-}" "$ventifs_opts"
printf '  "load_before": "%s", "load_after": "%s",\n  "phases": {\n' "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
first=1
for p in $phases; do
  v=${results[$p.ventifs]}; b=${results[$p.bindfs]}
  case $p in seq_*) unit="MB/s"; better=higher ;; rand_*) unit="IOPS"; better=higher ;; *) unit="s"; better=lower ;; esac
  ratio=$(awk -v v="$v" -v b="$b" 'BEGIN { printf "%.2f", (b > 0) ? v / b : 0 }')
  [ $first = 1 ] || printf ',\n'; first=0
  printf '    "%s": {"unit": "%s", "better": "%s", "ventifs": %s, "bindfs": %s, "ratio": %s}' "$p" "$unit" "$better" "$v" "$b" "$ratio"
done
printf '\n  }\n}\n'
