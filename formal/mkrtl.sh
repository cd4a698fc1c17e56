#!/usr/bin/env bash
# formal/mkrtl.sh SRC_DIR OUT_DIR - copy the RTL for a proof and "bind" the
# formal checkers into it: for every module X with a file formal/bind/X.vh,
# the copy of rtl/X.v gets, just before its last `endmodule`,
#     `ifdef FORMAL `include "bind/X.vh" `endif
# This is SystemVerilog `bind` done by text (Yosys' Verilog frontend has no
# bind): the checker sees the module's internal signals, the RTL sources stay
# free of formal code, and rtl/ is never written.
set -euo pipefail
src=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
for f in "$src"/*.v "$src"/*.vh; do
    [ -e "$f" ] || continue
    b=$(basename "$f"); m=${b%.v}
    if [ "${b##*.}" = v ] && [ -f "$here/bind/$m.vh" ]; then
        awk -v inc="bind/$m.vh" '{ l[NR] = $0 } /^[[:space:]]*endmodule/ { last = NR }
            END { if (!last) { print "mkrtl: no endmodule in " FILENAME > "/dev/stderr"; exit 2 }
                  for (i = 1; i <= NR; i++) {
                      if (i == last) { print "`ifdef FORMAL"; print "`include \"" inc "\""; print "`endif" }
                      print l[i] } }' "$f" > "$out/$b.tmp"
        mv "$out/$b.tmp" "$out/$b"
    else
        cp "$f" "$out/$b"
    fi
done
