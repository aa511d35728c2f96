#!/usr/bin/env python3
"""Writes a deterministic synthetic Commonplace repository of N case studies.

Usage: gen_corpus.py N OUT_DIR [--hugo HUGO_DIR] [--docs DOCS_JSON]

Each case study is valid under the schema: 300-900 words of English-like
prose with headings, a list and a table; partners, places and vocabulary
terms. --hugo also writes the same pages as a Hugo site (content/ with
taxonomies) and --docs the same documents as a JSON array for `commonplace
index` and lunr.js.
"""
import json
import os
import random
import sys

WORDS = ("partnership community university museum library archive council research project "
         "volunteers students heritage health wellbeing funding evaluation impact trust power "
         "relationship learning practice evidence policy local regional national people young "
         "older families schools staff academic charity network collection exhibition theatre "
         "placement training workshop co-production engagement civic place economy growth "
         "skills knowledge data report meeting time budget value principle equity voice "
         "together shared agreed worked built changed developed supported helped created "
         "improved long-term short-term small large new existing public private independent "
         "careful open honest clear difficult important useful practical creative").split()
CONNECT = "and with for to of in on by from across through about".split()

VOCABS = {
    "partnership-types": ["community-university", "university-cultural-institution",
                          "local-government-research", "civic-university", "health-research"],
    "regions": ["england", "scotland", "wales", "northern-ireland", "north-west", "north-east",
                "london", "south-east", "south-west", "west-midlands"],
    "partner-kinds": ["university", "voluntary-community", "statutory", "local-government",
                      "cultural-institution", "health", "school", "business", "network"],
    "ci-categories": ["museum-gallery-collection", "library-archive", "historic-building",
                      "performing-arts", "natural-science"],
    "activities": ["co-produced-research", "placements", "volunteering", "exhibitions",
                   "training", "evaluation", "policy-advice", "community-events"],
    "drivers": ["access-to-collections", "funding-opportunity", "shared-mission", "public-engagement"],
    "barriers": ["time-pressure", "short-term-funding", "power-imbalance", "bureaucracy"],
    "enablers": ["trust", "dedicated-staff", "shared-goals", "flexible-funding"],
    "impact-areas": ["cultural", "social", "economic", "health", "environmental", "educational",
                     "policy", "organisational"],
    "impact-levels": ["individual", "organisation", "community", "policy"],
}
PARENT = {"north-west": "england", "north-east": "england", "london": "england",
          "south-east": "england", "south-west": "england", "west-midlands": "england"}


def sentence(rng):
    n = rng.randint(8, 20)
    words = []
    for i in range(n):
        words.append(rng.choice(CONNECT) if i % 4 == 3 else rng.choice(WORDS))
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def paragraph(rng, sentences):
    return " ".join(sentence(rng) for _ in range(sentences))


def body(rng, target_words):
    parts, words = [], 0
    headings = ["What the partnership does", "How it works", "What changed", "What others can learn"]
    for h in headings:
        parts.append("## " + h + "\n")
        p = paragraph(rng, rng.randint(3, 7))
        parts.append(p + "\n")
        words += len(p.split())
        if words > target_words:
            break
    parts.append("- " + sentence(rng) + "\n- " + sentence(rng) + "\n- " + sentence(rng) + "\n")
    parts.append("| Measure | Value |\n|---|---|\n| Participants | %d |\n| Sessions | %d |\n"
                 % (rng.randint(5, 500), rng.randint(1, 60)))
    while words < target_words:
        p = paragraph(rng, rng.randint(3, 7))
        parts.append(p + "\n")
        words += len(p.split())
    return "\n".join(parts)


def pick(rng, vocab, lo, hi):
    return sorted(rng.sample(VOCABS[vocab], rng.randint(lo, hi)))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    hugo = sys.argv[sys.argv.index("--hugo") + 1] if "--hugo" in sys.argv else None
    docs_path = sys.argv[sys.argv.index("--docs") + 1] if "--docs" in sys.argv else None
    rng = random.Random(20261124)
    write(os.path.join(out, "site.yaml"),
          "title: Bench\nbase_url: https://example.org/\nsections: {worksheets: false, statistics: false}\n")
    write(os.path.join(out, "content/sources.yaml"),
          "- id: synthetic\n  kind: report\n  title: Synthetic corpus\n  year: 2026\n")
    for vid, terms in VOCABS.items():
        lines = ["id: %s\ntitle: %s\nterms:" % (vid, vid.replace("-", " ").capitalize())]
        for t in terms:
            lines.append("  - id: %s\n    label: %s" % (t, t.replace("-", " ").capitalize()))
            if vid == "regions" and t in PARENT:
                lines.append("    parent: " + PARENT[t])
        write(os.path.join(out, "content/vocabularies/%s.yaml" % vid), "\n".join(lines) + "\n")
    docs = []
    for i in range(n):
        slug = "case-%05d" % i
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).capitalize()
        summary = sentence(rng) + " " + sentence(rng)
        ptype = rng.choice(VOCABS["partnership-types"])
        region = rng.choice(VOCABS["regions"])
        partners = []
        for k in range(rng.randint(2, 5)):
            kind = rng.choice(VOCABS["partner-kinds"])
            p = {"name": "Partner %d of %s" % (k + 1, slug), "kind": kind}
            if kind == "cultural-institution":
                p["ci_category"] = rng.choice(VOCABS["ci-categories"])
            partners.append(p)
        acts, drivers = pick(rng, "activities", 1, 3), pick(rng, "drivers", 0, 2)
        barriers, enablers = pick(rng, "barriers", 0, 2), pick(rng, "enablers", 1, 3)
        areas = pick(rng, "impact-areas", 1, 3)
        text = body(rng, rng.randint(300, 900))
        fm = {
            "title": title, "summary": summary, "partnership_type": ptype,
            "status": rng.choice(["active", "ended", "unknown"]),
            "years": {"start": 2000 + rng.randint(0, 20)},
            "places": [{"name": "Town %d" % rng.randint(1, 400), "region": region}],
            "partners": partners, "activities": acts, "drivers": drivers,
            "barriers": barriers, "enablers": enablers,
            "impacts": [{"area": a, "level": rng.choice(VOCABS["impact-levels"])} for a in areas],
            "sources": [{"source": "synthetic", "locator": "row %d" % i}],
            "updated": "2026-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
        }
        write(os.path.join(out, "casestudies", slug + ".md"),
              "---\n" + json.dumps(fm, ensure_ascii=False) + "\n---\n" + text)
        docs.append({"id": "casestudies/%s/" % slug, "title": title, "summary": summary,
                     "body": text, "themes": " ".join(acts + drivers + barriers + enablers + areas)})
        if hugo:
            hfm = {"title": title, "summary": summary, "types": [ptype], "regions": [region],
                   "activities": acts, "drivers": drivers, "barriers": barriers,
                   "enablers": enablers, "impacts": areas, "date": fm["updated"]}
            write(os.path.join(hugo, "content/casestudies", slug + ".md"),
                  json.dumps(hfm, ensure_ascii=False) + "\n" + text)
    if docs_path:
        write(docs_path, json.dumps(docs, ensure_ascii=False))


if __name__ == "__main__":
    main()
