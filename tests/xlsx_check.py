#!/usr/bin/env python3
"""xlsx_check.py BOOK.xlsx [--cell SHEET!REF ...] [TEXT ...] - structural
checks of a workbook: every XML part well-formed, charts present, every
number cell a finite number (never NaN or INF), and each TEXT (if given)
stored as a string, never as a formula.  Prints 'ok' or the problem; exit 1
on a problem.  Each --cell (SHEET as named in the workbook, REF like U2)
then prints a line REF=VALUE, the cell's stored value ("" when it has none,
"missing" when the cell is absent).  Used by the tests (Python's standard
library only)."""
import math
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
RNS = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'


def sheet_parts(z):
    """Sheet name -> part name, from the workbook and its relationships."""
    wb = ET.fromstring(z.read('xl/workbook.xml'))
    rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
    target = {r.get('Id'): r.get('Target') for r in rels}
    return {s.get('name'): 'xl/' + target[s.get(RNS + 'id')].lstrip('/').removeprefix('xl/')
            for s in wb.iter(NS + 'sheet')}


def cell_value(z, sheet, ref):
    root = ET.fromstring(z.read(sheet_parts(z)[sheet]))
    for c in root.iter(NS + 'c'):
        if c.get('r') == ref:
            if c.get('t') == 'inlineStr':
                return ''.join(t.text or '' for t in c.iter(NS + 't'))
            v = c.find(NS + 'v')
            return '' if v is None else (v.text or '')
    return 'missing'


def main():
    args = sys.argv[2:]
    book, texts, cells = sys.argv[1], [], []
    while args:
        if args[0] == '--cell' and len(args) > 1:
            cells.append(args[1])
            args = args[2:]
        else:
            texts.append(args.pop(0))
    with zipfile.ZipFile(book) as z:
        names = z.namelist()
        for n in names:
            if n.endswith('.xml') or n.endswith('.rels'):
                try:
                    ET.fromstring(z.read(n))
                except ET.ParseError as e:
                    print(f'{n}: not well-formed: {e}')
                    return 1
        if not any(n.startswith('xl/charts/chart') for n in names):
            print('no chart parts')
            return 1
        found = {t: False for t in texts}
        for n in names:
            if not n.startswith('xl/worksheets/sheet'):
                continue
            root = ET.fromstring(z.read(n))
            for c in root.iter(NS + 'c'):
                v = c.find(NS + 'v')
                if c.get('t', 'n') == 'n' and v is not None:
                    try:
                        finite = math.isfinite(float(v.text))
                    except (TypeError, ValueError):
                        finite = False
                    if not finite:
                        print(f'{n}: {c.get("r")} holds {v.text!r}, not a finite number')
                        return 1
                f = c.find(NS + 'f')
                t = ''.join(c.itertext())
                for want in texts:
                    if want in t:
                        if f is not None and want in (f.text or ''):
                            print(f'{n}: {want!r} stored as a formula')
                            return 1
                        found[want] = True
        for want, ok in found.items():
            if not ok:
                print(f'{want!r} not found as text')
                return 1
        print('ok')
        for cell in cells:
            sheet, ref = cell.rsplit('!', 1)
            print(f'{ref}={cell_value(z, sheet, ref)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
