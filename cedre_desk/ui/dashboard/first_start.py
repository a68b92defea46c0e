"""What the dashboard shows on an empty register, in place of empty tables: the three ways to
begin (import the workbook kept so far, type a first company, or look around a demonstration
register made on the spot) and the way to the user guide. Each button asks the window, which
owns those actions; in a read-only register the ones that write are off, saying why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class FirstStartPanel(QWidget):
    import_requested = Signal()
    new_company_requested = Signal()
    demo_requested = Signal()
    guide_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.import_button = self._button(self.import_requested)
        self.company_button = self._button(self.new_company_requested)
        self.demo_button = self._button(self.demo_requested)
        self.guide_button = self._button(self.guide_requested)
        self.import_button.setDefault(True)
        column = QWidget(self)
        column.setFixedWidth(600)
        inner = QVBoxLayout(column)
        inner.addWidget(self.heading)
        inner.addWidget(self.explanation)
        inner.addSpacing(12)
        for button in (self.import_button, self.company_button, self.demo_button,
                       self.guide_button):
            inner.addWidget(button)
        row = QHBoxLayout()  # centred by stretches: an alignment would cut the wrapped text
        row.addStretch(1)
        row.addWidget(column)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self._texts()

    def _button(self, signal: Signal) -> QPushButton:
        button = QPushButton(self)
        button.setMinimumHeight(40)
        button.clicked.connect(signal.emit)
        return button

    def _texts(self) -> None:
        self.heading.setText("<h2>{}</h2>".format(self.tr("This register is empty")))
        self.explanation.setText(self.tr(
            "To begin, bring in the workbook you kept so far, or type your first company. "
            "To look around first, open a demonstration register: invented companies with "
            "twenty years of audits and committees, in a file of its own (this register "
            "stays as it is)."))
        self.import_button.setText(self.tr("&Import an Excel workbook…"))
        self.company_button.setText(self.tr("Add a &company…"))
        self.demo_button.setText(self.tr("Open a &demonstration register…"))
        self.guide_button.setText(self.tr("Read the user &guide (F1)"))

    def set_read_only(self, reason: str | None) -> None:
        """Off, with the reason as tooltip, the buttons that would write into this register."""
        for button in (self.import_button, self.company_button):
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")
