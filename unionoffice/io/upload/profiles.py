"""Saved column mappings (profiles): header text -> roster field, by name, as JSON in the data folder,
so next year's template from the same higher union is filled without mapping again."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from unionoffice.i18n import _, os_error_text
from unionoffice.io.upload.fields import FIELDS


class ProfileError(ValueError):
    """A profile that cannot be read or saved; the message is for the clerk."""


@dataclass
class Profile:
    name: str
    mapping: dict[str, str | None]  # header text as displayed -> field key (None: left empty)

    def to_json(self) -> str:
        return json.dumps({"name": self.name, "version": 1, "mapping": self.mapping}, ensure_ascii=False, indent=2)


def profiles_dir(data_folder: Path) -> Path:
    return data_folder / "upload-profiles"


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def profile_path(data_folder: Path, name: str) -> Path:
    clean = _UNSAFE.sub("_", name.strip()).strip(". ")
    if not clean:
        raise ProfileError(_("A profile needs a name."))
    return profiles_dir(data_folder) / f"{clean}.json"


def list_profiles(data_folder: Path) -> list[str]:
    folder = profiles_dir(data_folder)
    if not folder.is_dir():
        return []
    names = []
    for path in sorted(folder.glob("*.json")):
        try:
            names.append(load_profile_file(path).name)
        except ProfileError:
            continue
    return names


def load_profile_file(path: Path) -> Profile:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ProfileError(_("There is no profile file {path}.").format(path=path)) from None
    except OSError as exc:
        raise ProfileError(_("Cannot read {path}: {error}").format(path=path, error=os_error_text(exc))) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ProfileError(_("{path} is not a mapping profile saved by this program.").format(path=path)) from None
    mapping = data.get("mapping") if isinstance(data, dict) else None
    if not isinstance(mapping, dict) or not all(isinstance(k, str) for k in mapping):
        raise ProfileError(_("{path} is not a mapping profile saved by this program.").format(path=path))
    clean = {header: (key if key in FIELDS else None) for header, key in mapping.items()}
    return Profile(str(data.get("name") or path.stem), clean)


def load_profile(data_folder: Path, name_or_file: str) -> Profile:
    """A profile by its name in the data folder, or from a .json file path."""
    candidate = Path(name_or_file)
    if candidate.suffix.lower() == ".json" and candidate.is_file():
        return load_profile_file(candidate)
    path = profile_path(data_folder, name_or_file)
    if not path.is_file():
        known = list_profiles(data_folder)
        raise ProfileError(_("There is no profile named “{name}” (saved profiles: {known}).").format(
            name=name_or_file, known="、".join(known) or _("none")))
    return load_profile_file(path)


def save_profile(data_folder: Path, profile: Profile) -> Path:
    path = profile_path(data_folder, profile.name)
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(profile.to_json(), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise ProfileError(_("Cannot save the profile to {path}: {error}").format(
            path=path, error=os_error_text(exc))) from None
    return path
