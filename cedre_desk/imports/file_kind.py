"""What a file given as a workbook really is, from its first bytes, so that a refusal says
it: a folder, an empty file, a PDF, an old .xls, a locked workbook, a text file (a CSV), an
archive, or bytes that are none of these. One detection for every reader of workbooks: the
import of a register, the federation's requirement sheets, Le Cap grids (each calls
`refuse_non_xlsx` before openpyxl opens the file).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from cedre_desk.errors import UserError, shown

FOLDER = "folder"
EMPTY = "empty"
PDF = "pdf"
IMAGE = "image"
ARCHIVE = "archive"  # not a zip: .rar, .7z, .gz
XLS = "xls"  # the Excel 97-2003 format (OLE2), or any other OLE2 document
ENCRYPTED = "encrypted"  # a password-protected workbook (OLE2 holding EncryptionInfo)
ZIP = "zip"  # an .xlsx, or another zip: what it holds is looked at next
TEXT = "text"  # a CSV or any other text
UNREADABLE = "unreadable"  # none of these

_HEAD = 4096  # enough bytes to tell text from binary
_MAGIC = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", IMAGE), (b"\xff\xd8\xff", IMAGE), (b"GIF8", IMAGE),
    (b"Rar!\x1a\x07", ARCHIVE), (b"7z\xbc\xaf\x27\x1c", ARCHIVE), (b"\x1f\x8b", ARCHIVE),
    (b"PK", ZIP),
)
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
# Bytes a text file does not hold: the C0 controls but tab, line feed, form feed, carriage
# return and the old end-of-file mark (0x1A) some Windows programs leave at the end.
_NOT_TEXT = frozenset(range(32)) - {9, 10, 12, 13, 26}


def file_kind(path: Path) -> str:
    """One of the kinds above; OSError when the file cannot be read (missing, forbidden)."""
    if path.is_dir():
        return FOLDER
    with path.open("rb") as handle:
        head = handle.read(_HEAD)
        if head.startswith(_OLE2_MAGIC):
            return ENCRYPTED if _ENCRYPTED_MARK in head + handle.read() else XLS
    if not head:
        return EMPTY
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return TEXT if _is_text(head) else UNREADABLE


def _is_text(head: bytes) -> bool:
    """Text in UTF-8 (with or without its mark; the last character may be cut) or in a
    Windows code page: no control byte, and UTF-8 that decodes or bytes a code page shows."""
    if any(byte in _NOT_TEXT for byte in head):
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:
            return True  # a character cut by the end of what was read
    # A code page (Windows-1252, as Excel writes a French CSV): 0x80-0x9F are letters and
    # signs there, but five of them are not; random bytes hold them soon enough.
    return not any(byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for byte in head)


def refuse_non_xlsx(path: Path) -> None:
    """Refuse, saying what it is, a file that is not an .xlsx workbook."""
    name = shown(path.name)
    try:
        kind = file_kind(path)
    except FileNotFoundError as exc:
        raise _refusal(f"Le fichier « {name} » est introuvable.",
                       f"The file “{name}” was not found.") from exc
    except OSError as exc:
        raise _refusal(
            f"Le fichier « {name} » ne peut pas être ouvert ({exc.strerror or exc}). "
            "Est-il ouvert dans un autre programme ?",
            f"The file “{name}” cannot be opened ({exc.strerror or exc}). "
            "Is it open in another program?") from exc
    if kind == ZIP:
        _refuse_foreign_zip(path, name)
        return
    save_fr = "Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) »."
    save_en = "Open it in Excel and save it as “Excel Workbook (.xlsx)”."
    refusals = {
        FOLDER: (f"« {name} » est un dossier, pas un classeur Excel (.xlsx) : choisissez le "
                 "fichier du classeur, dans ce dossier ou ailleurs.",
                 f"“{name}” is a folder, not an Excel workbook (.xlsx): choose the "
                 "workbook's file, in this folder or elsewhere."),
        EMPTY: (f"« {name} » est un fichier vide (0 octet) : il ne contient aucun classeur. "
                "Enregistrez de nouveau le classeur depuis Excel.",
                f"“{name}” is an empty file (0 bytes): it holds no workbook. Save the "
                "workbook again from Excel."),
        PDF: (f"« {name} » : ce fichier est un PDF, pas un classeur Excel (.xlsx), même si "
              "son nom finit ainsi. Importez le classeur d'origine.",
              f"“{name}”: this file is a PDF, not an Excel workbook (.xlsx), whatever its "
              "name says. Import the original workbook."),
        IMAGE: (f"« {name} » : ce fichier est une image, pas un classeur Excel (.xlsx).",
                f"“{name}”: this file is an image, not an Excel workbook (.xlsx)."),
        ARCHIVE: (f"« {name} » : ce fichier est une archive compressée (.rar, .7z, .gz), pas "
                  "un classeur Excel (.xlsx) : extrayez-en le classeur.",
                  f"“{name}”: this file is a compressed archive (.rar, .7z, .gz), not an "
                  "Excel workbook (.xlsx): extract the workbook from it."),
        ENCRYPTED: (f"Le classeur « {name} » est protégé par un mot de passe. Ouvrez-le dans "
                    "Excel, retirez le mot de passe (Fichier > Informations > Protéger le "
                    "classeur) et enregistrez-le de nouveau.",
                    f"The workbook “{name}” is password-protected. Open it in Excel, remove "
                    "the password (File > Info > Protect Workbook) and save it again."),
        XLS: (f"« {name} » est au format Excel 97-2003 (.xls), qui n'est pas pris en "
              f"charge. {save_fr}",
              f"“{name}” is in the Excel 97-2003 format (.xls), which is not supported. "
              f"{save_en}"),
        TEXT: (f"« {name} » n'est pas un classeur Excel (.xlsx) : c'est un fichier texte "
               f"(CSV ?). {save_fr}",
               f"“{name}” is not an Excel workbook (.xlsx): it is a text file (CSV?). "
               f"{save_en}"),
        UNREADABLE: (f"« {name} » : contenu illisible : ni un classeur .xlsx ni un CSV "
                     "(un autre type de fichier, ou un fichier abîmé). Importez le classeur "
                     "enregistré par Excel au format « Classeur Excel (.xlsx) ».",
                     f"“{name}”: unreadable content: neither an .xlsx workbook nor a CSV "
                     "(another kind of file, or a damaged one). Import the workbook saved by "
                     "Excel as “Excel Workbook (.xlsx)”."),
    }
    raise _refusal(*refusals[kind])


def _refuse_foreign_zip(path: Path, name: str) -> None:
    """A zip that holds no Excel workbook part: a binary .xlsb, an .ods, a .docx, an archive."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return  # a damaged zip: openpyxl fails on it and the caller reports the damage
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        raise _refusal(
            f"« {name} » est un classeur Excel binaire (.xlsb), qui n'est pas pris en "
            "charge. Ouvrez-le dans Excel et enregistrez-le au format « Classeur Excel (.xlsx) ».",
            f"“{name}” is an Excel binary workbook (.xlsb), which is not supported. "
            "Open it in Excel and save it as “Excel Workbook (.xlsx)”.")
    raise _refusal(
        f"« {name} » n'est pas un classeur Excel (.xlsx) : c'est une archive ou un autre "
        "type de document (.ods, .docx…). Enregistrez le tableau au format « Classeur Excel "
        "(.xlsx) ».",
        f"“{name}” is not an Excel workbook (.xlsx): it is an archive or another kind of "
        "document (.ods, .docx…). Save the table as “Excel Workbook (.xlsx)”.")


def _refusal(fr: str, en: str) -> UserError:
    return UserError(fr, en, field="path")
