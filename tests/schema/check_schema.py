#!/usr/bin/env python3
"""Keeps the case-study JSON Schema in agreement with the generator.

1. schema/case-study.schema.json in the repository equals what
   `commonplace schema` generates now (regenerate with
   `./build/commonplace schema -o schema/case-study.schema.json`).
2. Every shipped case study validates against it (the generator accepts them too:
   `make site` builds them).
3. Every bad fixture in tests/fixtures/bad-casestudies/ that the schema can express
   fails it (the integration tests show the generator rejects all of them).
"""
import datetime
import json
import os
import subprocess
import sys

import jsonschema
import yaml

repo, binary = sys.argv[1], sys.argv[2]
generated = subprocess.run([binary, "schema", "--root", repo], check=True,
                           capture_output=True, text=True).stdout
committed = open(os.path.join(repo, "schema/case-study.schema.json"), encoding="utf-8").read()
if generated != committed:
    sys.exit("schema/case-study.schema.json is out of date: run "
             "./build/commonplace schema -o schema/case-study.schema.json")
schema = json.loads(generated)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def front_matter(path):
    """The front matter as JSON-like data, or None when it cannot be read."""
    try:
        text = open(path, encoding="utf-8").read().lstrip("\ufeff").replace("\r\n", "\n")
    except (UnicodeDecodeError, OSError):
        return None
    if not text.startswith("---\n") or "\n---\n" not in text[3:] + "\n":
        return None
    head = text[4:].split("\n---\n", 1)[0] if "\n---\n" in text[3:] else None
    if head is None:
        return None
    try:
        data = yaml.safe_load(head)
    except Exception:  # a YAML error, or a value PyYAML cannot build (e.g. month 13)
        return None

    def plain(v):  # YAML dates become strings, as the generator reads them
        if isinstance(v, (datetime.date, datetime.datetime)):
            return v.isoformat()
        if isinstance(v, dict):
            return {str(k): plain(x) for k, x in v.items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v
    return plain(data)


failures = 0
shipped = sorted(f for f in os.listdir(os.path.join(repo, "casestudies")) if f.endswith(".md") and f != "README.md")
for name in shipped:
    data = front_matter(os.path.join(repo, "casestudies", name))
    errors = ["front matter unreadable"] if data is None else [e.message for e in validator.iter_errors(data)]
    if errors:
        failures += 1
        print("FAIL shipped casestudies/%s: %s" % (name, "; ".join(errors[:3])))

fixtures = os.path.join(repo, "tests/fixtures/bad-casestudies")
bad = 0
for name in sorted(os.listdir(fixtures)):
    if not name.endswith(".md"):
        continue
    expected = open(os.path.join(fixtures, name[:-3] + ".expected")).read()
    if expected.startswith("# schema: no"):
        continue
    bad += 1
    data = front_matter(os.path.join(fixtures, name))
    if data is not None and validator.is_valid(data):
        failures += 1
        print("FAIL bad fixture %s passes the schema" % name)

print("%d shipped case studies and %d bad fixtures checked" % (len(shipped), bad))
print("%d passed, %d failed" % (len(shipped) + bad - failures, failures))
sys.exit(1 if failures else 0)
