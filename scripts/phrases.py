#!/usr/bin/env python3
"""Lists the interface's phrases (`tr("…")` literals in Sources/) that a language lacks.

A quick check while translating, without building: the Swift test
`PhraseCoverageTests` is the authority and checks the same and more (placeholders,
markup, stale entries, the loader's own rules).

    python3 scripts/phrases.py missing [PATH ...]   # phrases used under PATHs, untranslated
    python3 scripts/phrases.py stale                # translated phrases no code uses
    python3 scripts/phrases.py yaml [PATH ...]      # the missing ones as YAML to fill in
"""
import json, os, re, sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = os.path.join(ROOT, "Sources")
L10N = os.path.join(SOURCES, "SafeZonesKnowledge", "Resources", "l10n")
LITERAL = re.compile(r'(?<![A-Za-z0-9_.])tr\(\s*"((?:[^"\\\n]|\\.)*)"(?:\s*,\s*context:\s*"([^"]*)")?')


def decode(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            e = s[i + 1]
            if e == "u":
                close = s.index("}", i)
                out.append(chr(int(s[i + 3:close], 16)))
                i = close + 1
                continue
            out.append({"n": "\n", "t": "\t"}.get(e, e))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def key(english, context):
    """A phrase's key: its English, after its context and U+0004 when it has one."""
    return f"{context}\x04{english}" if context else english


def used(paths):
    found = {}
    for base in paths:
        base = os.path.abspath(base)
        files = [base] if base.endswith(".swift") else [
            os.path.join(d, f) for d, _, fs in os.walk(base) for f in fs if f.endswith(".swift")]
        for path in sorted(files):
            for line in open(path, encoding="utf-8").read().split("\n"):
                if line.lstrip().startswith("//"):
                    continue
                for m in LITERAL.finditer(line):
                    found.setdefault(key(decode(m.group(1)), m.group(2)), os.path.relpath(path, ROOT))
    # a tr( whose literal starts on the next line
    for base in paths:
        base = os.path.abspath(base)
        files = [base] if base.endswith(".swift") else [
            os.path.join(d, f) for d, _, fs in os.walk(base) for f in fs if f.endswith(".swift")]
        for path in files:
            text = open(path, encoding="utf-8").read()
            for m in re.finditer(r'(?<![A-Za-z0-9_.])tr\(\s*\n\s*"((?:[^"\\\n]|\\.)*)"(?:\s*,\s*context:\s*"([^"]*)")?', text):
                found.setdefault(key(decode(m.group(1)), m.group(2)), os.path.relpath(path, ROOT))
    return found


def translated(tag="zh-Hans"):
    phrases = {}
    folder = os.path.join(L10N, tag)
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith(".yaml"):
            data = yaml.safe_load(open(os.path.join(folder, name), encoding="utf-8")) or {}
            for k, v in (data.get("phrases") or {}).items():
                phrases[k] = v
            for context, inner in (data.get("contexts") or {}).items():
                for k, v in (inner or {}).items():
                    phrases[key(k, context)] = v
    return phrases


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else "missing"
    paths = sys.argv[2:] or [SOURCES]
    have = translated()
    if cmd == "stale":
        every = used([SOURCES])
        for k in sorted(have):
            if k not in every:
                print(json.dumps(k, ensure_ascii=False))
        return
    missing = {k: f for k, f in used(paths).items() if k not in have}
    if cmd == "yaml":
        for k in sorted(missing):
            print(f"  {json.dumps(k, ensure_ascii=False)}: \"\"")
    else:
        for k, f in sorted(missing.items(), key=lambda kv: (kv[1], kv[0])):
            print(f"{f}: {json.dumps(k, ensure_ascii=False)}")
        print(f"{len(missing)} missing", file=sys.stderr)


if __name__ == "__main__":
    main()
