#!/usr/bin/env python3
"""report.py - one machine-readable line from a nextpnr --report JSON file
and a Yosys `stat` listing, e.g.
  fpga: board=icebreaker device=up5k luts=449/5280 ffs=266/5280 dsps=0/8
        ebr=0/30 spram=0/4 fmax_mhz=38.1 constraint_mhz=30 pes=0 ...
luts = placed logic cells (iCE40 ICESTORM_LC: LUT4 + FF + carry) or ECP5
LUT4s (TRELLIS_COMB); ffs = flip-flops; fmax = the slowest clock domain.
With --log NEXTPNR_LOG instead of --report (nextpnr stopped because the
design does not fit), the log's utilisation table is used and the line says
fit=no fmax_mhz=none. Exit status 2 on unreadable input; 1 if the design does
not fit, or if --timing is not given and the achieved clock is below the
constraint (nextpnr should have failed first)."""
import argparse
import json
import re
import sys

CELLS = {  # name in the line: (nextpnr BEL type per family)
    "ice40": [("luts", "ICESTORM_LC"), ("ffs", None), ("dsps", "ICESTORM_DSP"), ("ebr", "ICESTORM_RAM"),
              ("spram", "ICESTORM_SPRAM")],
    "ecp5": [("luts", "TRELLIS_COMB"), ("ffs", "TRELLIS_FF"), ("dsps", "MULT18X18D"), ("ebr", "DP16KD")],
}


def main():
    ap = argparse.ArgumentParser()
    for a in ("prefix", "board", "device", "family", "report", "log", "stat", "constraint", "pes", "extra"):
        ap.add_argument("--" + a, required=a not in ("extra", "report", "log"), default="")
    ap.add_argument("--timing", action="store_true", help="report timing as met/FAIL instead of failing")
    a = ap.parse_args()
    fit = True
    try:
        stat = open(a.stat).read()
        if a.log:  # nextpnr stopped before writing its report: take the log's utilisation
            fit = False
            util = {m.group(1): {"used": int(m.group(2)), "available": int(m.group(3))}
                    for m in re.finditer(r"^Info:\s+(\w+):\s+(\d+)/\s*(\d+)\s+\d+%", open(a.log).read(), re.M)}
            fmax = {}
            if not util:
                raise ValueError("no utilisation in the log")
        else:
            rep = json.load(open(a.report))
            util = rep["utilization"]
            fmax = rep["fmax"]
    except (OSError, ValueError, KeyError) as e:
        sys.stderr.write("report: cannot read %s / %s: %s\n" % (a.report or a.log, a.stat, e))
        return 2
    if a.family not in CELLS:
        sys.stderr.write("report: unknown family %s\n" % a.family)
        return 2
    f = ["board=" + a.board, "device=" + a.device]
    lc_avail = util.get("ICESTORM_LC", {}).get("available", 0)
    for name, bel in CELLS[a.family]:
        if bel is None:  # iCE40 flip-flops: count SB_DFF* cells in the netlist
            n = sum(int(m.group(1)) for m in re.finditer(r"^\s+SB_DFF\w*\s+(\d+)\s*$", stat, re.M))
            f.append("%s=%d/%d" % (name, n, lc_avail))
        else:
            u = util.get(bel, {"used": 0, "available": 0})
            f.append("%s=%d/%d" % (name, u["used"], u["available"]))
    if not fit:
        f += ["fit=no", "fmax_mhz=none", "constraint_mhz=%g" % float(a.constraint), "pes=" + a.pes]
        if a.extra:
            f.append(a.extra)
        print(a.prefix + ": " + " ".join(f))
        return 1
    if not fmax:
        sys.stderr.write("report: no clock in %s\n" % a.report)
        return 2
    clk = min(fmax, key=lambda k: fmax[k]["achieved"] / max(fmax[k]["constraint"], 1e-9))
    ach, con = fmax[clk]["achieved"], float(a.constraint)
    met = ach >= con
    f.append("fmax_mhz=%.1f" % ach)
    f.append("constraint_mhz=%g" % con)
    if a.timing:
        f.append("timing=" + ("met" if met else "FAIL"))
    f.append("pes=" + a.pes)
    if a.extra:
        f.append(a.extra)
    print(a.prefix + ": " + " ".join(f))
    if not met and not a.timing:
        sys.stderr.write("report: clock %s reaches %.2f MHz, below %g MHz\n" % (clk, ach, con))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
