"""The program's icon in every size the installers need, rendered from its one SVG source
(resources/icons/cedre-desk.svg) with Qt's own SVG renderer, so no image tool is needed:

    python installer/icons.py OUT_DIR

writes OUT_DIR/png/cedre-desk-<N>.png for the sizes of the hicolor icon theme (.deb) and
OUT_DIR/cedre-desk.ico (Windows: the .exe, the shortcuts, the setup and the uninstall entry).
Run by installer/build and installer/windows/build.ps1 with the build environment's Python.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = Path(__file__).resolve().parent.parent / "resources" / "icons" / "cedre-desk.svg"
# hicolor's usual sizes for applications; 256 is also the largest a Windows icon holds.
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"could not encode the {size} px icon")
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An .ico whose entries are PNG images (read by Windows Vista and later, and NSIS)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    directory, payload = b"", b""
    offset = len(header) + 16 * len(images)
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an icon directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png),
                                 offset + len(payload))
        payload += png
    return header + directory + payload


def main(out: Path) -> None:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"{SOURCE} is not an SVG Qt can draw")
    (out / "png").mkdir(parents=True, exist_ok=True)
    images = {size: render(renderer, size) for size in sorted({*PNG_SIZES, *ICO_SIZES})}
    for size in PNG_SIZES:
        (out / "png" / f"cedre-desk-{size}.png").write_bytes(images[size])
    (out / "cedre-desk.ico").write_bytes(ico({size: images[size] for size in ICO_SIZES}))
    del app


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: icons.py OUT_DIR")
    main(Path(sys.argv[1]))
