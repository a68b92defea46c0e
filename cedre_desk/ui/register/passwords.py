"""The password of a saved connection to a shared register, kept in the system's keyring
(Windows Credential Locker, macOS Keychain, the Secret Service on Linux) through the `keyring`
library, never in the settings, the logs or the recent registers.

Without a keyring that works (a headless Linux has none: keyring's "fail" backend), nothing
is kept and the password is asked at each opening; `available()` says so, and the window says
it once.
"""

from __future__ import annotations

from typing import Any

SERVICE = "cedre-desk"  # the keyring entry's service name; the user name is the connection


class Passwords:
    """get / keep / forget a connection's password; `backend` is a keyring backend (tests
    give an in-memory one), None for the system's."""

    def __init__(self, backend: Any = None) -> None:
        self._backend = backend
        self._available: bool | None = None

    def _keyring(self) -> Any:
        if self._backend is not None:
            return self._backend
        import keyring  # only when a shared register is opened: keyring loads its backends

        return keyring.get_keyring()

    def available(self) -> bool:
        """Whether a keyring works here (asked once: probing a backend may be slow)."""
        if self._available is None:
            try:
                self._keyring().get_password(SERVICE, "cedre-desk probe")
                self._available = True
            except Exception:  # any backend failure means "no keyring"
                self._available = False
        return self._available

    def get(self, connection: str) -> str | None:
        if not self.available():
            return None
        try:
            return self._keyring().get_password(SERVICE, connection)
        except Exception:  # a locked or broken keyring: ask instead
            return None

    def keep(self, connection: str, password: str) -> bool:
        """Keep `password` for `connection`; False when the keyring refused (then asked)."""
        if not self.available():
            return False
        try:
            self._keyring().set_password(SERVICE, connection, password)
        except Exception:  # a locked or broken keyring: ask next time
            return False
        return True

    def forget(self, connection: str) -> None:
        if not self.available():
            return
        try:
            self._keyring().delete_password(SERVICE, connection)
        except Exception:  # nothing kept, or a broken keyring: nothing to do
            return
