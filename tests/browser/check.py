#!/usr/bin/env python3
"""Checks what a real browser made of `canvasc build --format html|svg`.

Usage: check.py WORKDIR, where WORKDIR holds board.html and board.svg as
canvasc wrote them, html.png and svg.png (Chromium's screenshots of them)
and dom.html (Chromium's --dump-dom of the page after loading it).

It checks that each screenshot shows a board, not a blank page (many
distinct colours, no single colour covering nearly everything, and the
sticky-note colour of the first segment present), and that no script ran:
the page has no <script>, and the DOM the browser ends with is the page's
own static content, element for element and text for text.

Standard library only: the PNG is read with zlib and struct.
"""

import collections
import html.parser
import pathlib
import struct
import sys
import zlib

# The sticky-note colour of the first segment (board::PALETTE[0], #fff2a8).
FIRST_SEGMENT = (0xFF, 0xF2, 0xA8)
MIN_DISTINCT_COLOURS = 32
MAX_SHARE_OF_ONE_COLOUR = 0.95
MIN_NOTE_PIXELS = 2000


def fail(message):
    print(f"browser test: FAIL: {message}")
    sys.exit(1)


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read_png(path):
    """The width, height and rows (bytes, RGB or RGBA) of an 8-bit PNG."""
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path.name} is not a PNG")
    position, chunks, header = 8, [], None
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        fail(f"{path.name} has no header")
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace != 0:
        fail(f"{path.name}: unexpected PNG format (depth {depth}, colour type {colour_type}, interlace {interlace})")
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[offset]
        line = bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 0xFF
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                up_left = previous[i - channels] if i >= channels else 0
                line[i] = (line[i] + paeth(left, previous[i], up_left)) & 0xFF
        elif kind != 0:
            fail(f"{path.name}: unknown PNG filter {kind}")
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def check_screenshot(path):
    width, height, channels, rows = read_png(path)
    colours = collections.Counter()
    for line in rows:
        for x in range(0, len(line), channels):
            colours[line[x : x + 3]] += 1
    total = width * height
    distinct = len(colours)
    _, most = colours.most_common(1)[0]
    note = sum(
        count
        for colour, count in colours.items()
        if all(abs(colour[i] - FIRST_SEGMENT[i]) <= 3 for i in range(3))
    )
    print(
        f"browser test: {path.name}: {width}x{height}, {distinct} colours, "
        f"commonest {most / total:.0%}, {note} pixels of the first segment's colour"
    )
    if distinct < MIN_DISTINCT_COLOURS:
        fail(f"{path.name} looks blank: only {distinct} colours")
    if most / total > MAX_SHARE_OF_ONE_COLOUR:
        fail(f"{path.name} looks blank: one colour covers {most / total:.0%}")
    if note < MIN_NOTE_PIXELS:
        fail(f"{path.name}: the sticky notes are missing ({note} pixels of {FIRST_SEGMENT})")


class Events(html.parser.HTMLParser):
    """Elements (with sorted attributes) and non-blank texts, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.texts = [], []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, tuple(sorted((name, value or "") for name, value in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if data.strip():
            self.texts.append(" ".join(data.split()))


def events(text):
    parser = Events()
    parser.feed(text)
    parser.close()
    return parser


def check_dom(page, dom):
    for name, text in (("the page", page), ("the DOM after loading", dom)):
        if "<script" in text.lower():
            fail(f"{name} has a <script>")
    if "Content-Security-Policy" not in dom:
        fail("the DOM has no Content-Security-Policy")
    static, loaded = events(page), events(dom)
    if static.elements != loaded.elements:
        for index, (a, b) in enumerate(zip(static.elements, loaded.elements)):
            if a != b:
                fail(f"element {index} changed after loading: {a} became {b}")
        fail(f"{len(static.elements)} elements in the page, {len(loaded.elements)} after loading")
    if static.texts != loaded.texts:
        for a, b in zip(static.texts, loaded.texts):
            if a != b:
                fail(f"text changed after loading: {a!r} became {b!r}")
        fail(f"{len(static.texts)} texts in the page, {len(loaded.texts)} after loading")
    print(f"browser test: the DOM after loading is the static page ({len(static.elements)} elements, {len(static.texts)} texts)")


def main():
    if len(sys.argv) != 2:
        fail("usage: check.py WORKDIR")
    work = pathlib.Path(sys.argv[1])
    page = (work / "board.html").read_text(encoding="utf-8")
    image = (work / "board.svg").read_text(encoding="utf-8")
    if "<script" in image.lower():
        fail("the SVG has a <script>")
    check_dom(page, (work / "dom.html").read_text(encoding="utf-8"))
    check_screenshot(work / "html.png")
    check_screenshot(work / "svg.png")
    print("browser test: 2 passed, 0 failed")


if __name__ == "__main__":
    main()
