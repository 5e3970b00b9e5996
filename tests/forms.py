#!/usr/bin/python3
"""Make the text forms users feed cleaner, from saved pages, with the tools they run.

usage: forms.py OUT PAGES_DIR [PAGES_DIR ...]

A PAGES_DIR holds in/NAME.txt (the page as one block per line) and, when the
page's HTML was saved, html/NAME.html.gz. For every page and every tool below
OUT/TOOL/NAME.txt is written (and left alone when newer than its source):

  lynx      lynx -dump                 hard-wrapped at 79, [N] link marks, References
  w3m       w3m -dump                  hard-wrapped at 80
  elinks    elinks -dump               hard-wrapped at 77, indented, [N] marks, bullets "•"
  html2text html2text (Debian's)       wrapped at 79, no blank lines, links as a_b_c
  pyh2t     python3 -m html2text       Markdown, wrapped at 78, [text](url) links
  pandoc    pandoc -t plain            wrapped at 72, blank lines between blocks
  pandoc-md pandoc -t markdown         pandoc's Markdown at 72: fenced divs, spans, attributes
  pandoc-gfm pandoc -t gfm             GitHub Markdown at 72, with HTML where it has no syntax
  bs4       BeautifulSoup get_text("\\n")  every text node on its own line
  fold      fold -s -w 80 per line     wrapped paragraphs, blank lines as they were
  fmt       fmt -w 80 per line         the same, lines balanced by fmt

The HTML tools run at their default settings, in a UTF-8 locale. A page
without saved HTML is given to them as HTML made from its lines (one <p> per
line, and in every third long line three words made a link, as running text
holds links), so the wrapping tools wrap it and bs4 splits it at the links. A tool that is not installed is left out with one
line on stderr. Needs Debian's python3 with python3-bs4 and python3-html2text
for those two forms."""
import concurrent.futures
import gzip
import html
import os
import shutil
import subprocess
import sys

ENV = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")


def read_html(page):
    if page["html"]:
        with gzip.open(page["html"], "rb") as f:
            return f.read()
    with open(page["txt"], encoding="utf-8", errors="surrogateescape") as f:
        lines = [l.rstrip("\r\n") for l in f]
    # lines set apart by a blank line are paragraphs of their own; lines
    # glued together (a teaser's title and snippet) stay together
    groups, group = [], []
    for i, l in enumerate(lines + [""]):
        if l.strip():
            group.append(inline_link(l.strip(), i))
        elif group:
            groups.append(group)
            group = []
    body = "\n".join(block(g) for g in groups)
    doc = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title></title></head><body>\n%s\n</body></html>\n'
    return (doc % body).encode("utf-8", "surrogateescape")


def inline_link(line, i):
    """A line as a paragraph's HTML: in every third line of 12 words or more,
    words 4 to 6 are a link, as running text holds links."""
    words = line.split(" ")
    if i % 3 or len(words) < 12:
        return html.escape(line)
    link = '<a href="/tag/%d">%s</a>' % (i, html.escape(" ".join(words[3:6])))
    return " ".join([html.escape(" ".join(words[:3])), link, html.escape(" ".join(words[6:]))])


def titles(group):
    """Lines glued together that are all short and none a sentence: a list
    (of links, of menu items), as a page holds them in <ul>."""
    return len(group) >= 2 and all(
        len(l.split()) <= 12 and not l.rstrip().endswith((".", "!", "?", ":", ";", '"', "”")) for l in group)


def block(group):
    if titles(group):
        return "<ul>%s</ul>" % "".join("<li>%s</li>" % l for l in group)
    return "<p>%s</p>" % "<br>".join(group)


def run(cmd, data):
    return subprocess.run(cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          env=ENV, check=False).stdout


def per_line(cmd, page):
    """cmd on each line alone (a paragraph), the blank lines between them
    kept as they were: the lines go in as paragraphs set apart by blank
    lines, one call for the page, and come out in the same order."""
    with open(page["txt"], "rb") as f:
        lines = [l.rstrip(b"\r\n") for l in f]
    text = [l for l in lines if l.strip()]
    out = run(cmd, b"\n\n".join(text) + b"\n").rstrip(b"\n").split(b"\n\n")
    if len(out) != len(text):  # a line the tool split in two: one at a time
        out = [run(cmd, l + b"\n").rstrip(b"\n") for l in text]
    it = iter(out)
    return b"".join((next(it) if l.strip() else b"") + b"\n" for l in lines)


def bs4_text(data):
    import bs4
    soup = bs4.BeautifulSoup(data, "html.parser")
    return soup.get_text("\n").encode("utf-8", "surrogateescape")


def pyh2t_text(data):
    import html2text
    text = data.decode("utf-8", "replace")
    return html2text.html2text(text).encode("utf-8")


TOOLS = {
    "lynx": ("lynx", lambda p, h: run(["lynx", "-dump", "-stdin", "-display_charset=utf-8"], h)),
    "w3m": ("w3m", lambda p, h: run(["w3m", "-dump", "-T", "text/html", "-O", "UTF-8"], h)),
    "elinks": ("elinks", lambda p, h: run(["elinks", "-dump", "-force-html", "-dump-charset", "utf-8",
                                           "-no-home", "-no-connect"], h)),
    "html2text": ("html2text", lambda p, h: run(["html2text", "-utf8"], h)),
    "pyh2t": (None, lambda p, h: pyh2t_text(h)),
    "pandoc": ("pandoc", lambda p, h: run(["pandoc", "-f", "html", "-t", "plain"], h)),
    "pandoc-md": ("pandoc", lambda p, h: run(["pandoc", "-f", "html", "-t", "markdown"], h)),
    "pandoc-gfm": ("pandoc", lambda p, h: run(["pandoc", "-f", "html", "-t", "gfm"], h)),
    "bs4": (None, lambda p, h: bs4_text(h)),
    "fold": ("fold", lambda p, h: per_line(["fold", "-s", "-w", "80"], p)),
    "fmt": ("fmt", lambda p, h: per_line(["fmt", "-w", "80"], p)),
}


def available(tool):
    binary = TOOLS[tool][0]
    if binary:
        return shutil.which(binary) is not None
    try:
        __import__("bs4" if tool == "bs4" else "html2text")
        return True
    except ImportError:
        return False


def make(job):
    tool, page, out = job
    data = read_html(page) if tool not in ("fold", "fmt") else b""
    text = TOOLS[tool][1](page, data)
    tmp = out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(text)
    os.replace(tmp, out)
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out_dir, dirs = sys.argv[1], sys.argv[2:]
    tools = [t for t in TOOLS if available(t)]
    for t in TOOLS:
        if t not in tools:
            print("forms: %s is not installed: its form is left out" % t, file=sys.stderr)
    jobs = []
    for d in dirs:
        for n in sorted(os.listdir(os.path.join(d, "in"))):
            if not n.endswith(".txt"):
                continue
            name = n[:-4]
            gz = os.path.join(d, "html", name + ".html.gz")
            page = {"txt": os.path.join(d, "in", n), "html": gz if os.path.exists(gz) else None}
            src = page["html"] or page["txt"]
            for t in tools:
                os.makedirs(os.path.join(out_dir, t), exist_ok=True)
                out = os.path.join(out_dir, t, name + ".txt")
                if os.path.exists(out) and os.path.getmtime(out) >= os.path.getmtime(src):
                    continue
                jobs.append((t, page, out))
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        for _ in ex.map(make, jobs):
            pass


if __name__ == "__main__":
    main()
