"""The obvious alternative an analyst has: a Python script with openpyxl that reads
the same report files and sums the same totals. Run by tests/bench/bench.ts with
Debian's python3-openpyxl; prints JSON {files, seconds, totals} on stdout.

Usage: python3 openpyxl_sum.py DIR
"""
import json
import os
import sys
import time

import openpyxl

KEYS = ["RV_loans_total_bal", "RV_agri_loans_bal", "RV_agri_npl_bal"]


def defined_names(wb):
    names = wb.defined_names
    if hasattr(names, "definedName"):  # openpyxl 3.0
        return {d.name: d for d in names.definedName}
    return dict(names.items())  # openpyxl 3.1


def read_value(wb, dn):
    for sheet, ref in dn.destinations:
        return wb[sheet][ref.replace("$", "")].value
    return None


def main(folder):
    files = sorted(
        os.path.join(root, f)
        for root, _, fs in os.walk(folder)
        for f in fs
        if f.endswith(".xlsx") and not f.startswith("~$")
    )
    totals = {k: 0.0 for k in KEYS}
    start = time.perf_counter()
    for path in files:
        wb = openpyxl.load_workbook(path, data_only=True, read_only=False)
        names = defined_names(wb)
        quarter = read_value(wb, names["RV_cover_quarter"]) if "RV_cover_quarter" in names else None
        for k in KEYS:
            if k in names:
                v = read_value(wb, names[k])
                if isinstance(v, (int, float)):
                    totals[k] += v
        del quarter
        wb.close()
    seconds = time.perf_counter() - start
    print(json.dumps({"files": len(files), "seconds": seconds, "totals": totals}))


if __name__ == "__main__":
    main(sys.argv[1])
