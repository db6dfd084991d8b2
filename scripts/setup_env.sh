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

# Installs come from hash-pinned locks made from the requirements files (requirements.txt ->
# requirements.lock, tests/requirements.txt -> tests/requirements.lock): pip checks every
# download against the hashes, so a replaced file on the package index cannot be installed.
# Each lock records a digest of the files it was made from; `scripts/test --lock` remakes both.

# lock_inputs REQUIREMENTS_FILE: the files its lock is made from.
lock_inputs() {
    case "$1" in
        requirements.txt) echo requirements.txt ;;
        tests/requirements.txt) echo requirements.txt tests/requirements.txt data/samples/requirements.txt ;;
        *) echo "error: no lock is made from $1" >&2; return 1 ;;
    esac
}

# requirements_digest FILE...: what a lock is made from (comments and blank lines aside).
requirements_digest() {
    sed -e 's/[[:space:]]*#.*//' -e '/^[[:space:]]*$/d' "$@" | sha256sum | cut -d' ' -f1
}

# check_lock REQUIREMENTS_FILE: fail, in one line, when its lock was made from other requirements.
check_lock() {
    local lock="${1%.txt}.lock" inputs
    inputs="$(lock_inputs "$1")" || return 1
    # shellcheck disable=SC2086  # inputs is a list of paths without spaces
    if ! grep -qxF "# inputs sha256: $(requirements_digest $inputs)" "$lock" 2>/dev/null; then
        echo "error: $lock does not match ${inputs// /, }: run scripts/test --lock and commit requirements.lock and tests/requirements.lock" >&2
        return 1
    fi
}

# lock_requirements: remake both locks with uv (from .venv), for every platform and Python >= MIN_PYTHON.
lock_requirements() {
    local requirements lock inputs
    for requirements in requirements.txt tests/requirements.txt; do
        lock="${requirements%.txt}.lock"
        inputs="$(lock_inputs "$requirements")"
        {
            echo "# Hash-pinned lock made from ${inputs// /, }; do not edit: run scripts/test --lock."
            # shellcheck disable=SC2086
            echo "# inputs sha256: $(requirements_digest $inputs)"
            .venv/bin/uv pip compile --quiet --universal --python-version "$MIN_PYTHON" --generate-hashes \
                --custom-compile-command "scripts/test --lock" "$requirements"
        } > "$lock.new"
        mv "$lock.new" "$lock"
        echo "Wrote $lock"
    done
}

# ensure_venv NAME REQUIREMENTS_FILE: (re)install REQUIREMENTS_FILE's lock only when it changed.
# With LOCKING=1 a lock that no longer matches its requirements is installed all the same.
ensure_venv() {
    local name="$1" requirements="$2" lock python stamp wanted
    lock="${requirements%.txt}.lock"
    if [ -z "${LOCKING:-}" ]; then check_lock "$requirements" || exit 1; fi
    if ! python_ok .venv/bin/python; then
        python="$(find_python)" || exit 1
        echo "Creating .venv with $("$python" --version)"
        rm -rf .venv
        "$python" -m venv .venv
    fi
    stamp=".venv/.installed-$name"
    wanted="$(sha256sum "$lock")"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        echo "Installing hash-pinned dependencies from $lock"
        .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r "$lock"
        echo "$wanted" > "$stamp"
    fi
}
