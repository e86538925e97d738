"""The outer layer of a backup archive (``.uobak``): a header, then the payload in sealed chunks.

Layout (all integers big-endian)::

    magic        8 bytes   b"UOBAK\\r\\n\\x1a"  + format version byte (1)
    header_len   4 bytes   length of the header JSON
    header       JSON      {"encryption": "none" | "aes-256-gcm", "chunk_size": 1048576,
                            and when encrypted: "kdf": {"name": "scrypt", "n", "r", "p", "salt"},
                            "nonce_prefix", "key_check"}  (hex strings for bytes)
    header_hash  32 bytes  SHA-256 of magic + header_len + header
    frames       every frame but the last seals exactly ``chunk_size`` payload bytes; the last
                 seals 0..chunk_size bytes and carries the "final" flag.

Each frame is bound to its place: the associated data is ``header_hash + index (8 bytes) +
final flag (1 byte)``, so a reordered, dropped or duplicated frame and a file cut short (even at a
frame boundary: the new last frame was not sealed as final) all fail to open.

- Encrypted: frame = AES-256-GCM(key, nonce = nonce_prefix (4 bytes) + index (8 bytes),
  chunk, aad) = ciphertext + 16-byte tag. The key comes from scrypt(password, salt) with a random
  16-byte salt per archive, so nonces never repeat under one key. ``key_check`` is the GCM tag
  of an empty message under a reserved nonce: a wrong password is told apart from damage.
  The password is never stored.
- Not encrypted: frame = chunk + a 16-byte checksum: the AES-GCM tag of an empty message under
  a public all-zero key with ``aad + chunk`` as associated data (GMAC, a 128-bit polynomial
  checksum that runs at memory speed, unlike SHA-256). Without a secret this detects damage,
  truncation and reordering, not deliberate tampering; encrypt for that.

Frames have a fixed size, so :class:`SealedReader` is seekable: the payload (a zip file, see
``unionoffice.io.archive``) is read in place, a chunk at a time, without a temporary copy.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import struct
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:  # cryptography loads with the first archive read or written, not with the window
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from unionoffice.i18n import _

MAGIC = b"UOBAK\r\n\x1a"
FORMAT_VERSION = 1
CHUNK_SIZE = 1024 * 1024
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# What a reader accepts: the parameters this program writes, give or take one step. A crafted
# header with p = 2^20 would otherwise keep verify/restore busy for an hour.
SCRYPT_N_ACCEPTED = (2**14, 2**15, 2**16)
SCRYPT_R_MAX, SCRYPT_P_MAX = 8, 2
# Header fields written beside the encryption ones (readable without the password).
PUBLIC_FIELDS = ("office_id",)
_KEY_CHECK_INDEX = 2**64 - 1  # a nonce no data frame can use
_PREFIX = struct.Struct(">8sBI")


class ArchiveError(Exception):
    """An archive that cannot be used; the message is for the user."""


class NotAnArchive(ArchiveError):
    pass


class DamagedArchive(ArchiveError):
    pass


class PasswordRequired(ArchiveError):
    pass


class WrongPassword(ArchiveError):
    pass


def damaged(detail: str = "") -> DamagedArchive:
    message = _("The backup file is damaged or incomplete (it may have been cut short or changed).")
    return DamagedArchive(f"{message} {detail}".strip())


def derive_key(password: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)


@dataclass(frozen=True)
class ArchiveKey:
    """A key derived from a password for one archive (its random salt and scrypt parameters)."""

    salt: bytes
    n: int
    r: int
    p: int
    key: bytes = field(repr=False)

    @classmethod
    def new(cls, password: str) -> "ArchiveKey":
        salt = os.urandom(16)
        return cls(salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, derive_key(password, salt))

    def matches(self, salt: bytes, n: int, r: int, p: int) -> bool:
        return (self.salt, self.n, self.r, self.p) == (salt, n, r, p)


@dataclass
class _Sealer:
    """Seals and opens frames for one archive (one key, one header)."""

    header_hash: bytes
    aead: AESGCM | None
    nonce_prefix: bytes = b""

    overhead = 16  # the GCM tag, in both modes

    def _aad(self, index: int, final: bool) -> bytes:
        return self.header_hash + index.to_bytes(8, "big") + (b"\x01" if final else b"\x00")

    def seal(self, index: int, final: bool, chunk: bytes) -> bytes:
        aad = self._aad(index, final)
        if self.aead is not None:
            return self.aead.encrypt(self.nonce_prefix + index.to_bytes(8, "big"), chunk, aad)
        return chunk + _checksum(aad, chunk)

    def open(self, index: int, final: bool, frame: bytes) -> bytes:
        aad = self._aad(index, final)
        if self.aead is not None:
            from cryptography.exceptions import InvalidTag

            try:
                return self.aead.decrypt(self.nonce_prefix + index.to_bytes(8, "big"), frame, aad)
            except InvalidTag:
                raise damaged() from None
        chunk, tag = frame[:-16], frame[-16:]
        if len(frame) < 16 or not hmac.compare_digest(_checksum(aad, chunk), tag):
            raise damaged()
        return chunk


def _aesgcm(key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


@lru_cache(maxsize=1)
def _public() -> AESGCM:
    return _aesgcm(bytes(32))


def _checksum(aad: bytes, chunk: bytes) -> bytes:
    """The unencrypted frames' checksum (see the module docstring); the key is public on purpose."""
    return _public().encrypt(bytes(12), b"", aad + chunk)


def _key_check(aead: AESGCM, nonce_prefix: bytes, header_hash_of_params: bytes) -> bytes:
    return aead.encrypt(nonce_prefix + _KEY_CHECK_INDEX.to_bytes(8, "big"), b"", header_hash_of_params)


def _write_header(fh: BinaryIO, password: str | ArchiveKey | None, chunk_size: int, public: dict | None = None) -> _Sealer:
    header: dict = {"encryption": "none", "chunk_size": chunk_size}
    header.update({k: str(v) for k, v in (public or {}).items() if k in PUBLIC_FIELDS})
    aead = None
    nonce_prefix = b""
    if password:
        key = password if isinstance(password, ArchiveKey) else ArchiveKey.new(password)
        nonce_prefix = os.urandom(4)
        aead = _aesgcm(key.key)
        params = {"name": "scrypt", "n": key.n, "r": key.r, "p": key.p, "salt": key.salt.hex()}
        header.update(encryption="aes-256-gcm", kdf=params, nonce_prefix=nonce_prefix.hex())
        header["key_check"] = _key_check(aead, nonce_prefix, _params_digest(header)).hex()
    body = json.dumps(header, sort_keys=True).encode("utf-8")
    head = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(body)) + body
    header_hash = hashlib.sha256(head).digest()
    fh.write(head + header_hash)
    return _Sealer(header_hash, aead, nonce_prefix)


def _params_digest(header: dict) -> bytes:
    params = {k: v for k, v in header.items() if k != "key_check"}
    return hashlib.sha256(json.dumps(params, sort_keys=True).encode("utf-8")).digest()


class SealedWriter(io.RawIOBase):
    """A write-only, non-seekable stream that seals what is written into frames on ``fh``.

    ``tell()`` counts payload bytes (zipfile needs it); ``close()`` writes the final frame but
    does not close ``fh``.
    """

    def __init__(
        self, fh: BinaryIO, password: str | ArchiveKey | None = None, chunk_size: int = CHUNK_SIZE, public: dict | None = None
    ) -> None:
        super().__init__()
        self._fh = fh
        self._chunk_size = chunk_size
        self._sealer = _write_header(fh, password, chunk_size, public)
        self._buffer = bytearray()
        self._index = 0
        self._position = 0

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._buffer += data
        self._position += len(data)
        # Keep at least one byte back: the last frame must be written with the final flag.
        while len(self._buffer) > self._chunk_size:
            chunk = bytes(self._buffer[: self._chunk_size])
            del self._buffer[: self._chunk_size]
            self._fh.write(self._sealer.seal(self._index, False, chunk))
            self._index += 1
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._fh.write(self._sealer.seal(self._index, True, bytes(self._buffer)))
            self._buffer.clear()
        super().close()


class SealedReader(io.RawIOBase):
    """A read-only, seekable view of the payload; every chunk is authenticated when read."""

    def __init__(self, fh: BinaryIO, password: str | None = None, known_key: ArchiveKey | None = None) -> None:
        super().__init__()
        self._fh = fh
        self.encrypted, self._chunk_size, self._sealer, self._data_start = _read_header(fh, password, known_key)
        size = fh.seek(0, io.SEEK_END)
        frame = self._chunk_size + self._sealer.overhead
        data = size - self._data_start
        if data < self._sealer.overhead:
            raise damaged()
        self._frames = (data - self._sealer.overhead) // frame + 1
        last_frame = data - (self._frames - 1) * frame
        if last_frame < self._sealer.overhead:
            raise damaged()
        self._size = (self._frames - 1) * self._chunk_size + last_frame - self._sealer.overhead
        self._frame_size = frame
        self._position = 0
        self._cache: tuple[int, bytes] | None = None
        self._opened: set[int] = set()  # frames already authenticated once
        self._chunk(self._frames - 1)  # a file cut short fails here, before any use

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        self._position = max(0, base + offset)
        return self._position

    def _chunk(self, index: int) -> bytes:
        if self._cache is not None and self._cache[0] == index:
            return self._cache[1]
        self._fh.seek(self._data_start + index * self._frame_size)
        final = index == self._frames - 1
        frame = self._fh.read(self._frame_size)
        chunk = self._sealer.open(index, final, frame)
        if not final and len(chunk) != self._chunk_size:
            raise damaged()
        self._opened.add(index)
        self._cache = (index, chunk)
        return chunk

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        # Fill the whole buffer (zipfile takes a short read of a header for a truncated file).
        view = memoryview(buffer).cast("B")
        filled = 0
        while filled < len(view) and self._position < self._size:
            index, start = divmod(self._position, self._chunk_size)
            chunk = self._chunk(index)
            n = min(len(view) - filled, len(chunk) - start)
            view[filled : filled + n] = chunk[start : start + n]
            self._position += n
            filled += n
        return filled

    def authenticate_all(self) -> None:
        """Open every frame not opened yet (the whole file is checked, whatever was read)."""
        for index in range(self._frames):
            if index not in self._opened:
                self._chunk(index)


def _header_dict(fh: BinaryIO) -> tuple[bytes, dict, bytes]:
    """(prefix, header, header hash) after checking the magic, the version and the hash."""
    fh.seek(0)
    prefix = fh.read(_PREFIX.size)
    if len(prefix) < _PREFIX.size or not prefix.startswith(MAGIC):
        raise NotAnArchive(_("This file is not a UnionOffice backup."))
    _magic, version, length = _PREFIX.unpack(prefix)
    if version > FORMAT_VERSION:
        raise ArchiveError(_("This backup was made by a newer version of the program. Please update the program."))
    body = fh.read(length) if length <= 64 * 1024 else b""
    header_hash = fh.read(32)
    if len(body) != length or hashlib.sha256(prefix + body).digest() != header_hash:
        raise damaged()
    try:
        header = json.loads(body.decode("utf-8"))
        if not isinstance(header, dict):
            raise ValueError(header)
    except (ValueError, UnicodeDecodeError):
        raise damaged() from None
    return prefix, header, header_hash


def public_header(fh: BinaryIO) -> dict[str, str]:
    """The header fields readable without a password (``PUBLIC_FIELDS``); raises ArchiveError."""
    _prefix, header, _hash = _header_dict(fh)
    return {k: str(header[k]) for k in PUBLIC_FIELDS if isinstance(header.get(k), str)}


def check_scrypt_params(n: int, r: int, p: int) -> None:
    if n not in SCRYPT_N_ACCEPTED or not 1 <= r <= SCRYPT_R_MAX or not 1 <= p <= SCRYPT_P_MAX:
        raise ArchiveError(
            _("This backup asks for key parameters this program does not use (n={n}, r={r}, p={p}); it was refused.").format(
                n=n, r=r, p=p
            )
        )


def _read_header(
    fh: BinaryIO, password: str | None, known_key: ArchiveKey | None = None
) -> tuple[bool, int, _Sealer, int]:
    """Parse and check the header. ``known_key``: the key the writer derived, so the read-back
    right after writing skips a second scrypt (the key check still runs)."""
    prefix, header, header_hash = _header_dict(fh)
    length = _PREFIX.unpack(prefix)[2]
    try:
        chunk_size = int(header["chunk_size"])
        encryption = header["encryption"]
        if not 1024 <= chunk_size <= 64 * 1024 * 1024:
            raise ValueError(chunk_size)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise damaged() from None
    data_start = _PREFIX.size + length + 32
    if encryption == "none":
        return False, chunk_size, _Sealer(header_hash, None), data_start
    if encryption != "aes-256-gcm":
        raise ArchiveError(_("This backup uses an encryption this program does not know."))
    if not password and known_key is None:
        raise PasswordRequired(_("This backup is encrypted: its password is needed to open it."))
    try:
        kdf = header["kdf"]
        salt = bytes.fromhex(kdf["salt"])
        nonce_prefix = bytes.fromhex(header["nonce_prefix"])
        key_check = bytes.fromhex(header["key_check"])
        params = (salt, int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
        if kdf.get("name", "scrypt") != "scrypt":
            raise ValueError(kdf)
        check_scrypt_params(*params[1:])
        if known_key is not None and known_key.matches(*params):
            aead = _aesgcm(known_key.key)
        else:
            aead = _aesgcm(derive_key(password or "", *params))
    except (ValueError, KeyError, TypeError):
        raise damaged() from None
    from cryptography.exceptions import InvalidTag

    try:
        aead.decrypt(nonce_prefix + _KEY_CHECK_INDEX.to_bytes(8, "big"), key_check, _params_digest(header))
    except InvalidTag:
        raise WrongPassword(_("The password is wrong: this backup cannot be opened with it.")) from None
    return True, chunk_size, _Sealer(header_hash, aead, nonce_prefix), data_start


def is_encrypted(fh: BinaryIO) -> bool:
    """Whether an archive needs a password (raises NotAnArchive/DamagedArchive)."""
    try:
        _read_header(fh, None)
    except PasswordRequired:
        return True
    return False
