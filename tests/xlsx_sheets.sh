#!/bin/sh
# xlsx_sheets.sh BOOK.xlsx OUTDIR - opens BOOK in LibreOffice (headless),
# recalculating every formula on load, and writes each sheet as
# OUTDIR/<book>-<sheet>.csv (UTF-8, raw values).  Used by the tests.
set -eu
book=$1
out=$2
profile=${TMPDIR:-/tmp}/koyu-lo-profile.$$
mkdir -p "$profile/user" "$out"
# OOXMLRecalcMode 0 = always recalculate files from other programs
cat > "$profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
cp "$book" "$out/"
cd "$out"
# LibreOffice names the files by their Japanese sheet names only under a
# UTF-8 locale; a fresh machine may have none set (POSIX gives "??.csv").
LC_ALL=C.UTF-8 timeout 300 soffice -env:UserInstallation="file://$profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1' \
    "$(basename "$book")" > /dev/null 2>&1
status=$?
rm -rf "$profile"
exit $status
