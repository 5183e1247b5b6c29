# Helpers shared by the scripts in this directory (sourced, not run).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# enter_repo: work from the repository root with local-development defaults.
# DEBUG=true lets the development SECRET_KEY apply; set DEBUG=false and SECRET_KEY
# to rehearse production settings.
enter_repo() {
    cd "$REPO_ROOT"
    export DEBUG="${DEBUG:-true}"
}

# apt_ensure PKG...: install the packages that are not installed yet, and nothing else.
apt_ensure() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    ((${#missing[@]})) || return 0
    if [[ $EUID -ne 0 ]]; then
        echo "Missing system packages: ${missing[*]} (run as root to install them)" >&2
        return 1
    fi
    echo "Installing system packages: ${missing[*]}"
    # Wait for a concurrent apt/dpkg run instead of failing on its lock.
    local apt=(apt-get -o DPkg::Lock::Timeout=600)
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" update -q
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -q "${missing[@]}"
}

# free_port: print a TCP port on 127.0.0.1 that nothing listens on right now.
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        # A refused connection means the port is free.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}
