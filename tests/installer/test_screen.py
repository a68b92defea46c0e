"""The virtual screen's picture (installer/screen.py): Xvfb's XWD frame buffer read into RGB
and written as a PNG that the screenshot in docs/img is."""

from __future__ import annotations

import importlib.util
import struct
import sys
import zlib
from pathlib import Path

import pytest

SCREEN = Path(__file__).resolve().parents[2] / "installer" / "screen.py"
spec = importlib.util.spec_from_file_location("installer_screen", SCREEN)
assert spec is not None and spec.loader is not None
screen = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = screen  # dataclasses look their module up
spec.loader.exec_module(screen)


def xwd(width: int, height: int, pixels: list[tuple[int, int, int]], *,
        msb_first: bool = False, depth: int = 24) -> bytes:
    """An XWD file as Xvfb writes it: a big-endian header, a name, 32-bit pixels, rows
    padded to 8 bytes."""
    name = b"Xvfb\x00\x00\x00\x00"
    bytes_per_line = (width * 4 + 7) // 8 * 8
    header = [100 + len(name), 7, 2, depth, width, height, 0, 1 if msb_first else 0, 32, 0,
              32, 32, bytes_per_line, 4, 0xFF0000, 0xFF00, 0xFF, 8, 256, 0, width, height, 0,
              0, 0]
    rows = b""
    for y in range(height):
        row = b"".join(bytes((0, r, g, b)) if msb_first else bytes((b, g, r, 0))
                       for r, g, b in pixels[y * width:(y + 1) * width])
        rows += row.ljust(bytes_per_line, b"\x00")
    return struct.pack(">25I", *header) + name + rows


PIXELS = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (10, 20, 30), (200, 100, 50), (1, 2, 3)]


@pytest.mark.parametrize("msb_first", [False, True])
def test_the_frame_buffer_is_read_as_rgb(msb_first):
    image = screen.read_xwd(xwd(3, 2, PIXELS, msb_first=msb_first))
    assert (image.width, image.height) == (3, 2)
    assert image.rgb == b"".join(bytes(p) for p in PIXELS)
    assert image.colours() == 6


def test_a_blank_screen_has_one_colour():
    assert screen.read_xwd(xwd(4, 4, [(0, 0, 0)] * 16)).colours() == 1


def test_only_a_24_bit_screen_is_read():
    with pytest.raises(ValueError, match="depth 16"):
        screen.read_xwd(xwd(1, 1, [(0, 0, 0)], depth=16))


def test_the_png_holds_the_same_pixels(tmp_path):
    image = screen.read_xwd(xwd(3, 2, PIXELS))
    path = tmp_path / "shot.png"
    image.save_png(path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height, bits, colour_type = struct.unpack(">IIBB", data[16:26])
    assert (width, height, bits, colour_type) == (3, 2, 8, 2)
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8:start - 4])[0]
    raw = zlib.decompress(data[start:start + length])
    assert raw == b"\x00" + image.rgb[:9] + b"\x00" + image.rgb[9:]
