#!/bin/sh
# bench.sh KOYU GEN - import generated inventories of 10k, 100k and 1M
# buildings and print wall time and peak RSS of each.  Not part of
# `make test`: timings belong here, never in tests.
#   BENCH_SIZES="10000 100000"  to choose sizes;  BENCH_DIR  for scratch space.
set -eu
koyu=$1
gen=$2
floor=${3:-}
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/koyu-bench}
sizes=${BENCH_SIZES:-"10000 100000 1000000"}
mkdir -p "$dir"
# Monte Carlo (1,000 draws), sensitivity and switching values of the
# demo's baseline, on both cores; target under 5 s
rm -rf "$dir/demo"
/usr/bin/time -f '%e %M' -o "$dir/time" env KOYU_BENCH_STATS=1 "$koyu" run --quiet \
    --no-departments --db "$dir/demo/koyu.db" --out "$dir/demo" --year 2026 \
    fixtures/kushiro-like > /dev/null 2> "$dir/err" || {
    echo "bench: the demo run failed:"; cat "$dir/err"; exit 1; }
unc=$(sed -n 's/.*uncertainty (sensitivity, switching values, Monte Carlo) \([0-9.]*\) s/\1/p' "$dir/err")
set -- $(cat "$dir/time")
printf 'demo (547 facilities, 1,815 buildings): uncertainty %s s inside a run of %s s, peak %.1f MB\n' \
    "$unc" "$1" "$(echo "$2 / 1024" | bc -l)"
rm -rf "$dir/demo"
printf '%-10s %-8s %10s %10s %10s %12s\n' buildings step wall_s peak_MB input_MB db_MB
for n in $sizes; do
    inv="$dir/inv-$n"
    db="$dir/koyu-$n.db"
    rm -rf "$inv" "$db" "$db-journal"
    "$gen" --buildings "$n" --out "$inv" > /dev/null
    in_mb=$(du -sm "$inv" | cut -f1)
    for step in import reimport check run; do
        case $step in
        import|reimport) set -- "$koyu" import --db "$db" --year 2026 "$inv" ;;
        check) set -- "$koyu" check --year 2026 "$inv" ;;
        run) set -- env KOYU_BENCH_STATS=1 "$koyu" run --quiet --no-uncertainty --db "$db" \
                 --out "$dir/out-$n" --year 2026 "$inv" ;;
        esac
        /usr/bin/time -f '%e %M' -o "$dir/time" "$@" > /dev/null 2> "$dir/err" || {
            echo "bench: $step of $n buildings failed:"; cat "$dir/err"; exit 1; }
        cells=$(sed -n 's/^cells //p' "$dir/err")
        set -- $(cat "$dir/time")
        db_mb=$(du -m "$db" 2>/dev/null | cut -f1)
        printf '%-10s %-8s %10s %10.1f %10s %12s\n' "$n" "$step" "$1" "$(echo "$2 / 1024" | bc -l)" \
            "$in_mb" "${db_mb:--}"
    done
    if [ -n "$floor" ] && [ -n "${cells:-}" ]; then
        # the floor on one thread, and on two as koyu writes its workbooks
        for t in 1 2; do
            /usr/bin/time -f '%e %M' -o "$dir/time" "$floor" "$inv" "$cells" "$dir/floor.xlsx" $t \
                > /dev/null
            set -- $(cat "$dir/time")
            printf '%-10s %-8s %10s %10.1f   (libcsv read + %s cells with libxlsxwriter, %s thread(s))\n' \
                "$n" floor$t "$1" "$(echo "$2 / 1024" | bc -l)" "$cells" "$t"
        done
    fi
    rm -rf "$inv" "$db" "$dir/out-$n" "$dir"/floor.xlsx*
done
