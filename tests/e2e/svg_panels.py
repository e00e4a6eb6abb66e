#!/usr/bin/env python3
"""svg_panels.py: checks a chart as Chromium drew it (tests/e2e/cases/svg.sh).

  svg_panels.py colours PNG      prints how many colours the picture has
  svg_panels.py panels SVG PNG   prints "ok ..." when the picture shows, where
                                 the SVG puts them, the vantage point panel,
                                 the strip of numbered short windows and the
                                 hatching of the widest window; else why not
"""
import re
import struct
import sys
import zlib
from xml.dom import minidom


def read_png(path):
    data = open(path, 'rb').read()
    assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
    pos, idat, hdr = 8, b'', None
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            hdr = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    w, h, depth, ctype = hdr[0], hdr[1], hdr[2], hdr[3]
    assert depth == 8 and ctype in (2, 6), 'unexpected PNG type'
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), w * bpp
    prev, rows, i = bytearray(stride), [], 0
    for _ in range(h):
        f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def colours(png):
    w, h, bpp, rows = read_png(png)
    seen = set()
    for line in rows:
        for x in range(0, w * bpp, bpp * 2):
            seen.add(bytes(line[x:x + 3]))
    return len(seen)


def panels(svg, png):
    w, h, bpp, rows = read_png(png)

    def px(x, y):
        x, y = int(x), int(y)
        assert 0 <= x < w and 0 <= y < h, 'point %d,%d outside the %dx%d picture' % (x, y, w, h)
        return tuple(rows[y][x * bpp:x * bpp + 3])

    doc = minidom.parse(svg)
    paths = doc.getElementsByTagName('path')
    rects = doc.getElementsByTagName('rect')
    # the vantage point panel: orange area near its bottom, left of any window
    area = [p for p in paths if p.getAttribute('fill') == '#e07b1a' and p.getAttribute('stroke') == 'none']
    assert area, 'no vantage point area in the SVG'
    m = re.match(r'M([\d.]+) ([\d.]+)', area[0].getAttribute('d'))
    x0, bottom = float(m.group(1)), float(m.group(2))
    r, g, b = px(x0 + 20, bottom - 3)
    assert r > 200 and r - b > 40, 'vantage point panel not orange at %d,%d: %s' % (x0 + 20, bottom - 3, (r, g, b))
    # the strip: each numbered bar drawn solid red
    bars = [e for e in rects if e.parentNode.getAttribute('fill') == '#d62728']
    assert bars, 'no strip of short windows in the SVG'
    for e in bars:
        cx = float(e.getAttribute('x')) + float(e.getAttribute('width')) / 2
        cy = float(e.getAttribute('y')) + float(e.getAttribute('height')) / 2
        r, g, b = px(cx, cy)
        assert r > 150 and g < 120 and b < 120, 'strip bar at %d,%d not red: %s' % (cx, cy, (r, g, b))
    # hatching: across the widest window, red lines alternate with light ground
    bands = [e for e in rects if e.getAttribute('fill') == 'url(#mrtreach-window)'
             and e.getElementsByTagName('title')]
    assert bands, 'no hatched window in the SVG'
    e = max(bands, key=lambda e: float(e.getAttribute('width')))
    x, y = float(e.getAttribute('x')), float(e.getAttribute('y')) + float(e.getAttribute('height')) * 0.6
    changes, last = 0, None
    for k in range(int(x) + 2, int(x + float(e.getAttribute('width'))) - 2):
        r, g, b = px(k, y)
        line = r - g > 60
        if last is not None and line != last:
            changes += 1
        last = line
    assert changes >= 6, 'window at x %d not hatched (%d changes along y %d)' % (x, changes, y)
    return 'ok: %d strip bars, %d hatch lines crossed' % (len(bars), changes // 2)


if __name__ == '__main__':
    try:
        if sys.argv[1] == 'colours':
            print(colours(sys.argv[2]))
        else:
            print(panels(sys.argv[2], sys.argv[3]))
    except (AssertionError, OSError, IndexError, ValueError) as err:
        print('error: %s' % err)
        sys.exit(1)
