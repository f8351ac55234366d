#!/usr/bin/env python3
"""Add or update UI strings in the three resource files, keeping keys sorted.

Usage: python3 tools/resx.py strings.tsv
Each line of the TSV: key<TAB>French<TAB>Arabic<TAB>English  (lines starting with # are skipped).
French is the neutral (default) language: SharedResource.resx; then .ar.resx and .en.resx.
Sorted keys keep parallel changes from colliding at the end of the files.
"""
import sys, os
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "MigrantAid.Web", "Resources")
FILES = {"fr": "SharedResource.resx", "ar": "SharedResource.ar.resx", "en": "SharedResource.en.resx"}
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""

def load(path):
    if not os.path.exists(path):
        return {}
    tree = ET.parse(path)
    return {d.get("name"): (d.findtext("value") or "") for d in tree.getroot().findall("data")}

def save(path, data):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for key in sorted(data, key=str.lower):
            f.write(f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(data[key])}</value></data>\n')
        f.write("</root>\n")

def main():
    rows = []
    for line in open(sys.argv[1], encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 4 or not all(p.strip() for p in parts):
            sys.exit(f"bad line (need key, fr, ar, en): {line!r}")
        rows.append(parts)
    for i, lang in enumerate(["fr", "ar", "en"]):
        path = os.path.join(ROOT, FILES[lang])
        data = load(path)
        for row in rows:
            data[row[0].strip()] = row[i + 1].strip()
        save(path, data)
    print(f"{len(rows)} strings written to {', '.join(FILES.values())}")

if __name__ == "__main__":
    main()
