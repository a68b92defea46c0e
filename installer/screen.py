"""A virtual screen (Xvfb) whose picture can be read without any other tool: Xvfb keeps its
frame buffer in a file (-fbdir) in the XWD format, read here and written out as a PNG. Used by
installer/check_bundle.py to see the bundled window; standard library only."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType


@dataclass(frozen=True)
class Image:
    width: int
    height: int
    rgb: bytes  # rows of R, G, B bytes

    def colours(self) -> int:
        """How many distinct colours (of a sample): a blank screen has one."""
        step = max(1, len(self.rgb) // 3 // 50_000) * 3
        return len({self.rgb[i:i + 3] for i in range(0, len(self.rgb) - 2, step)})

    def save_png(self, path: Path) -> None:
        stride = self.width * 3
        raw = b"".join(b"\x00" + self.rgb[y * stride:(y + 1) * stride]
                       for y in range(self.height))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return (struct.pack(">I", len(data)) + kind + data
                    + struct.pack(">I", zlib.crc32(kind + data)))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                         + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def read_xwd(data: bytes) -> Image:
    """A 24-bit TrueColor XWD picture, as Xvfb writes its frame buffer."""
    fields = struct.unpack(">25I", data[:100])
    header_size, _, _, depth, width, height = fields[:6]
    byte_order, bits_per_pixel, bytes_per_line = fields[7], fields[11], fields[12]
    ncolours = fields[19]
    if depth != 24 or bits_per_pixel != 32:
        raise ValueError(f"unexpected frame buffer: depth {depth}, {bits_per_pixel} bpp")
    start = header_size + 12 * ncolours
    pixels = bytearray()
    for y in range(height):
        row = data[start + y * bytes_per_line:start + y * bytes_per_line + width * 4]
        rgb = bytearray(width * 3)
        # LSBFirst (0): B, G, R, pad in memory; MSBFirst: pad, R, G, B.
        red, green, blue = (2, 1, 0) if byte_order == 0 else (1, 2, 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = row[red::4], row[green::4], row[blue::4]
        pixels += rgb
    return Image(width, height, bytes(pixels))


class VirtualScreen:
    def __init__(self, width: int, height: int) -> None:
        self.size = f"{width}x{height}x24"
        self.display = ""
        self._folder = Path(tempfile.mkdtemp(prefix="cedre-desk-screen-"))
        self._server: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> VirtualScreen:
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise RuntimeError("Xvfb is needed (apt-get install xvfb)")
        read, write = os.pipe()
        self._server = subprocess.Popen(
            [xvfb, "-displayfd", str(write), "-screen", "0", self.size, "-fbdir",
             str(self._folder), "-nolisten", "tcp"], pass_fds=(write,),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        if self._server is not None:
            self._server.terminate()
            self._server.wait(timeout=30)
        shutil.rmtree(self._folder, ignore_errors=True)

    def picture(self) -> Image:
        return read_xwd((self._folder / "Xvfb_screen0").read_bytes())

    def wait_until_still(self, process: subprocess.Popen[bytes], *, seconds: float,
                         timeout: float) -> Image:
        """The screen once it has shown something and then not changed for `seconds`
        (the window drawn, its reads done), or as it is when `process` ends or time is up."""
        deadline = time.monotonic() + timeout
        last, since = self.picture(), time.monotonic()
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.5)
            now = self.picture()
            if now != last:
                last, since = now, time.monotonic()
            elif last.colours() > 1 and time.monotonic() - since >= seconds:
                break
        return last
