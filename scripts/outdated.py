"""Report which framework pins in data/samples/requirements.txt are behind the newest release.

Asks the package index pip is configured with (`pip index versions`), so it works behind a
mirror. A report for maintainers, never a failing check: exits 0 unless the data is invalid.
"""

from __future__ import annotations

import re
import subprocess
import sys

from macros.collections import load_or_exit


def newest(package: str) -> str | None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "index", "versions", package, "--disable-pip-version-check"],
        capture_output=True,
        text=True,
    )
    return newest_in(package, result.stdout)


def newest_in(package: str, pip_output: str) -> str | None:
    """The version in the first line of `pip index versions` output: `flask (3.1.3)`."""
    match = re.search(rf"^{re.escape(package)} \(([^)]+)\)", pip_output, re.IGNORECASE | re.MULTILINE)
    return match.group(1) if match else None


def main() -> int:
    dataset = load_or_exit()
    for framework in dataset.frameworks:
        pinned, latest = dataset.sample_version(framework), newest(framework.pypi)
        if latest is None:
            status = "could not ask the index"
        elif latest == pinned:
            status = "up to date"
        else:
            status = f"behind: {latest} is out"
        print(f"{framework.pypi:<12} pinned {pinned:<10} {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
