"""The Debian packages a PyInstaller bundle needs from the system, for the .deb's control file.

``python3 packaging/debian_depends.py BUNDLE_DIR`` prints two lines, ``Depends: ...`` and
``Recommends: ...``, derived the way dpkg-shlibdeps does it for a normal package: every ELF file
of the bundle names the shared libraries it needs (DT_NEEDED); those the bundle does not carry
come from the system, and ``dpkg -S`` says which package installs each. Only the bundle's own
needs count (a system library's needs are its package's business). Libraries only the Wayland
plugins need are recommended, not required: on an X11 desktop Qt does without them, and where
Wayland runs they are there. C library versions: at least the build machine's glibc.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path

# Needed libraries absent from the build machine, and the Debian package that ships each.
KNOWN = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
}
# Files of the bundle only a Wayland session loads.
WAYLAND = re.compile(r"(wayland|libQt6WaylandClient|libQt6WlShellIntegration|libqwayland)")
# The C library's own parts: one package, versioned below.
GLIBC = re.compile(r"^(libc|libm|libdl|libpthread|librt|libresolv|libutil|ld-linux-x86-64)\.so")


def needed(path: Path) -> list[str] | None:
    """The DT_NEEDED names of an ELF shared object or executable; None for any other file."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:  # 64-bit little-endian only
        return None
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    names: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link]
        str_offset = strtab[4]
        for pos in range(offset, offset + size, entsize or 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", str_offset + value)
                names.append(data[str_offset + value : end].decode())
    return names


def package_of(soname: str) -> str:
    if soname in KNOWN:
        return KNOWN[soname]
    found = subprocess.run(
        ["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True, check=False
    )
    packages = set()
    for line in found.stdout.splitlines():
        package, _, path = line.partition(": ")
        if path.rsplit("/", 1)[-1] == soname:
            packages.update(p.strip().split(":", 1)[0] for p in package.split(","))
    if len(packages) != 1:
        raise SystemExit(f"no single Debian package ships {soname}: {sorted(packages) or 'none'}")
    return packages.pop()


def glibc_version() -> str:
    out = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True, text=True, check=True
    ).stdout
    return re.match(r"[\d.]+", out).group(0).rstrip(".")


def main(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    carried = {p.name for p in bundle.rglob("*")}
    required: set[str] = set()
    wayland_only: set[str] = set()
    for path in files:
        names = needed(path)
        if not names:
            continue
        for soname in names:
            if soname in carried or GLIBC.match(soname):
                continue
            (wayland_only if WAYLAND.search(str(path)) else required).add(soname)
    depends = {package_of(s) for s in required}
    recommends = {package_of(s) for s in wayland_only - required} - depends
    print("Depends: " + ", ".join([f"libc6 (>= {glibc_version()})", *sorted(depends)]))
    print("Recommends: " + ", ".join(sorted(recommends)))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
