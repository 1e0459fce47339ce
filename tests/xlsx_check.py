#!/usr/bin/env python3
"""xlsx_check.py BOOK.xlsx [TEXT ...] - structural checks of a workbook:
every XML part well-formed, charts present, and each TEXT (if given) stored
as a string, never as a formula.  Prints 'ok' or the problem; exit 1 on a
problem.  Used by the tests (Python's standard library only)."""
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'


def main():
    book, texts = sys.argv[1], sys.argv[2:]
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
    return 0


if __name__ == '__main__':
    sys.exit(main())
