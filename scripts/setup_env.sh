# Shared by scripts/serve and scripts/test (sourced, not run): find a suitable Python and
# keep .venv in step with the pinned requirements.

MIN_PYTHON="3.13"  # Quart 0.23 requires 3.13; Django 6.x requires 3.12.

python_ok() {
    "$1" -c "import sys; sys.exit(sys.version_info < (${MIN_PYTHON/./, }))" >/dev/null 2>&1
}

find_python() {
    local candidate version
    for candidate in ${PYTHON:-} python3.14 python3.13 python3; do
        if python_ok "$candidate"; then echo "$candidate"; return 0; fi
    done
    # pyenv shims refuse versions that are installed but not selected: look in pyenv itself.
    if command -v pyenv >/dev/null 2>&1; then
        for version in $(pyenv versions --bare 2>/dev/null | sort -rV); do
            candidate="$(pyenv root)/versions/$version/bin/python3"
            if python_ok "$candidate"; then echo "$candidate"; return 0; fi
        done
    fi
    echo "error: Python >= $MIN_PYTHON is required (Quart 0.23 needs 3.13, Django 6 needs 3.12) and none was found." >&2
    echo "Install one (e.g. 'pyenv install 3.13') or point PYTHON at it: PYTHON=/path/to/python3.13 $0" >&2
    return 1
}

# ensure_venv NAME REQUIREMENTS_FILE: (re)install only when a requirements file changed.
ensure_venv() {
    local name="$1" requirements="$2" python stamp wanted
    if ! python_ok .venv/bin/python; then
        python="$(find_python)" || exit 1
        echo "Creating .venv with $("$python" --version)"
        rm -rf .venv
        "$python" -m venv .venv
    fi
    stamp=".venv/.installed-$name"
    wanted="$(cat requirements.txt tests/requirements.txt data/samples/requirements.txt | sha256sum)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        echo "Installing pinned dependencies from $requirements"
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
        echo "$wanted" > "$stamp"
    fi
}
