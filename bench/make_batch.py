#!/usr/bin/env python3
"""Write a batch of 1,000 mixed plan files for bench/batch.sh (standard library only).

    python3 bench/make_batch.py OUTDIR [COUNT]

Every fixture document (Word, PDF, xlsx, xls, ods, odt, HTML, text, and a Markdown
rendering of a text seed) is copied round-robin into OUTDIR/batch-NN/ under numbered
names, each copy changed where its format allows a harmless change so that no two files
have the same bytes: a zip comment (docx, xlsx, ods, odt), a comment after %%EOF (PDF),
an HTML comment, trailing white space (txt, md). The .xls copies keep their bytes (a
compound file has no slack to vary), so they are renditions of one another. Deterministic.
"""
import io
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"


def bases():
    out = []
    for p in sorted(FIXTURES.rglob("*")):
        if p.is_file() and "make" not in p.relative_to(FIXTURES).parts:
            out.append((p.name, p.read_bytes()))
    txt = (FIXTURES / "seeds" / "001_902d7759599aae4c.txt").read_text(encoding="utf-8")
    md = "\n".join("| " + " | ".join(c.strip() for c in line.split("\t")) + " |" for line in txt.splitlines())
    out.append(("seed-001.md", (md + "\n").encode("utf-8")))
    return out


def vary(name, data, k):
    ext = name.rsplit(".", 1)[1]
    tag = f"batch copy {k}"
    if ext in ("docx", "xlsx", "ods", "odt"):
        buf = io.BytesIO(data)
        with zipfile.ZipFile(buf, "a") as z:
            z.comment = tag.encode()
        return buf.getvalue()
    if ext == "pdf":
        return data + f"%{tag}\n".encode()
    if ext in ("html", "htm"):
        return data + f"<!-- {tag} -->\n".encode()
    if ext in ("txt", "md"):
        return data + b"\n" + b" " * k + b"\n"
    return data


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: make_batch.py OUTDIR [COUNT]")
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) == 3 else 1000
    if out.exists():
        shutil.rmtree(out)
    files = bases()
    by_ext = {}
    for i in range(count):
        name, data = files[i % len(files)]
        stem, ext = name.rsplit(".", 1)
        dest = out / f"batch-{i // 100:02d}" / f"{stem}-{i:04d}.{ext}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(vary(name, data, i))
        by_ext[ext] = by_ext.get(ext, 0) + 1
    print(f"{count} files in {out}: " + ", ".join(f"{n} {e}" for e, n in sorted(by_ext.items())))


if __name__ == "__main__":
    main()
